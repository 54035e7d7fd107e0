/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's signature (reference/tencent-cvm.md §2.3).
 * Pure: the caller passes the exact bytes, content type and timestamp it will send.
 */
import { type ScopedSignature, signScoped } from '@instancekit/core/internal';

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** The scope's service, the spec's `x-instancekit.signature.service`: `cvm`. */
  service: string;
  host: string;
  method: string;
  /** Must be byte-identical to the Content-Type header sent (some HTTP stacks append `; charset=…`). */
  contentType: string;
  /** Exact body bytes; `''` for GET. */
  payload: string | Uint8Array;
  /** Unix seconds, the same value as the X-TC-Timestamp header. */
  timestamp: number;
  /** The query string as sent (RFC 3986-encoded, no `?`); empty for POST. */
  query?: string;
  /** More headers to sign, e.g. `{ 'x-tc-action': 'DescribeInstances' }` as the current doc revision does. */
  extraSignedHeaders?: Record<string, string>;
}

export type Tc3Signature = ScopedSignature;

/** The last scope date formatted, by UTC day: formatting a Date costs more than the rest of the scope. */
let lastDay = { day: Number.NaN, text: '' };

/** `YYYY-MM-DD` in UTC: the scope date follows UTC, not the caller's (or Beijing's) time zone. */
function utcDate(timestamp: number): string {
  const day = Math.floor(timestamp / 86_400);
  if (day !== lastDay.day) lastDay = { day, text: new Date(day * 86_400_000).toISOString().slice(0, 10) };
  return lastDay.text;
}

/** The doc lower-cases and trims signed header values too (`x-tc-action:describeinstances`). */
const canonical = (value: string) => value.trim().toLowerCase();

export async function signTc3(input: Tc3Input): Promise<Tc3Signature> {
  const headers: Record<string, string> = {
    'content-type': canonical(input.contentType),
    host: canonical(input.host),
  };
  const extra = input.extraSignedHeaders;
  if (extra) for (const name of Object.keys(extra)) headers[name.toLowerCase()] = canonical(extra[name]!);
  return signScoped({
    algorithm: 'TC3-HMAC-SHA256',
    accessKeyId: input.secretId,
    secretKey: input.secretKey,
    keyPrefix: 'TC3',
    scope: [utcDate(input.timestamp), input.service, 'tc3_request'],
    timestamp: String(input.timestamp),
    method: input.method,
    path: '/',
    query: input.query ?? '',
    headers,
    payload: input.payload,
  });
}
