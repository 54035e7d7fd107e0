// Reading the fields the facade takes from a provider's answer (status polls, quotes). The envelope was read
// by the client already; what is inside it is checked here with declared shapes and core's rules engine, so
// an answer of another shape (`dataSet: {}`, `list: [null]`, a price as a string) is a ResponseFormatError,
// never a raw TypeError or a silently empty result.
import {
  type FieldRules,
  ResponseFormatError,
  ValidationError,
  validateInput,
} from '@instancekit/core/internal';
import type { ProviderName } from './types.js';

const SNIPPET = 200;

export const numberOrNull: FieldRules = { type: ['number', 'null'] };
export const stringOrNull: FieldRules = { type: ['string', 'null'] };

/** Each shape's rules as the part of an answer named `root`, made once: core compiles a rule set on first use. */
const rootedShapes = new WeakMap<FieldRules, Map<string, FieldRules>>();

function rooted(shape: FieldRules, root: string): FieldRules {
  let byRoot = rootedShapes.get(shape);
  if (!byRoot) {
    byRoot = new Map();
    rootedShapes.set(shape, byRoot);
  }
  let rules = byRoot.get(root);
  if (!rules) {
    rules = { required: [root], properties: { [root]: shape } };
    byRoot.set(root, rules);
  }
  return rules;
}

/** Throws a ResponseFormatError when `value` (the part of the answer named `root`) breaks `shape`. */
export function readAnswer<T>(
  value: unknown,
  shape: FieldRules,
  where: { provider: ProviderName; action: string; root: string },
): T {
  try {
    validateInput({ [where.root]: value }, rooted(shape, where.root));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    throw new ResponseFormatError(`${where.action}: unexpected answer: ${error.message}`, {
      provider: where.provider,
      action: where.action,
      code: 'Internal',
      requestId: requestIdOf(value, 'requestId') || requestIdOf(value, 'RequestId') || undefined,
      // The same API will answer in the same shape again: waiting or retrying does not fix it.
      retryable: false,
      bodySnippet: snippet(value),
    });
  }
  return value as T;
}

function snippet(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, SNIPPET);
  } catch {
    return '';
  }
}

/**
 * The request id of a client result: the id in the result itself (`field`), else core's `$metadata.requestId`
 * (the envelope's, where the result has none: Zenlayer's outer id, JD's beside `result`). A number is kept in
 * its string form; '' when there is none — never the string "undefined".
 */
export function requestIdOf(result: unknown, field: string): string {
  if (result === null || typeof result !== 'object') return '';
  const metadata = Object.hasOwn(result, '$metadata')
    ? (result as { $metadata?: { requestId?: unknown } }).$metadata
    : undefined;
  const body = Object.hasOwn(result, field) ? (result as Record<string, unknown>)[field] : undefined;
  for (const candidate of [body, metadata?.requestId]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
    if (typeof candidate === 'number' && Number.isFinite(candidate)) return String(candidate);
  }
  return '';
}
