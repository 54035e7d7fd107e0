import { randomInt } from 'node:crypto';
import type { IHttpOperation } from '@stoplight/types';

/** A named example and the HTTP status of the response that holds it. */
export interface NamedAnswer {
  status: number;
  body: unknown;
}

function statusOf(code: string): number | undefined {
  if (/^\d{3}$/.test(code)) return Number(code);
  if (/^\dXX$/i.test(code)) return Number(`${code[0]}00`);
  return undefined;
}

/** The example `name` of `operation` with its response's status, or undefined. */
export function exampleOf(operation: IHttpOperation, name: string): NamedAnswer | undefined {
  for (const response of operation.responses) {
    for (const content of response.contents ?? []) {
      const found = (content.examples ?? []).find((example) => example.key === name);
      const status = statusOf(response.code);
      if (found && 'value' in found && status !== undefined) return { status, body: found.value };
    }
  }
  return undefined;
}

/**
 * The example `name`, looked up in `preferred` first and then in every operation of the spec: the answers all
 * actions share (throttling, signature errors) are named the same everywhere, so any action's copy will do for a
 * request the mock answers before it is routed.
 */
export function findAnswer(
  operations: readonly IHttpOperation[],
  name: string,
  preferred?: IHttpOperation,
): NamedAnswer | undefined {
  if (preferred) {
    const own = exampleOf(preferred, name);
    if (own) return own;
  }
  for (const operation of operations) {
    const found = exampleOf(operation, name);
    if (found) return found;
  }
  return undefined;
}

/**
 * A new request id shaped like `example`: hex digits are replaced by random ones of the same case, everything else
 * (dashes, Zenlayer's leading `T`, JD's other letters) is kept. So ids keep each provider's look without the mock
 * knowing any provider's format.
 */
export function freshIdLike(example: string): string {
  const HEX = '0123456789abcdef';
  // Zenlayer's ids are upper-case hex after the `T`; Tencent's UUIDs and JD's ids are lower case.
  const upper = /[A-F]/.test(example) && !/[a-z]/.test(example);
  return example.replace(/[0-9a-fA-F]/g, () => {
    const digit = HEX[randomInt(16)]!;
    return upper ? digit.toUpperCase() : digit;
  });
}

const REQUEST_ID_KEY = /^requestid$/i;

/**
 * A deep copy of `body` with every `RequestId`/`requestId` property set to one new id shaped like the first one
 * found (Zenlayer repeats it inside `response`), and that id.
 */
export function withFreshRequestId(
  body: unknown,
  id?: string,
): { body: unknown; requestId: string | undefined } {
  let requestId = id;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (REQUEST_ID_KEY.test(key) && typeof inner === 'string') {
        requestId ??= freshIdLike(inner);
        out[key] = requestId;
      } else out[key] = visit(inner);
    }
    return out;
  };
  return { body: visit(body), requestId };
}

/** The value at a dotted path (`Response.InstanceSet`). */
export function getPath(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Sets the value at a dotted path, creating objects on the way. */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let current = target;
  for (const key of keys.slice(0, -1)) {
    const next = current[key];
    if (next === null || typeof next !== 'object') current[key] = {};
    current = current[key] as Record<string, unknown>;
  }
  current[keys[keys.length - 1]!] = value;
}

/** The first `RequestId`/`requestId` string in a body, depth first. */
export function requestIdIn(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  for (const [key, value] of Object.entries(body)) {
    if (REQUEST_ID_KEY.test(key) && typeof value === 'string') return value;
    const inner = requestIdIn(value);
    if (inner) return inner;
  }
  return undefined;
}
