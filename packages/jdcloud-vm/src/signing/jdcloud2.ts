/**
 * JDCLOUD2-HMAC-SHA256, JD Cloud's AWS-SigV4-style signature (reference/zenlayer-zec-and-jdcloud-vm.md B2),
 * as the Go and JS SDKs compute it. Pure: time, nonce, path and body are the caller's.
 */
import { encodeRfc3986, type ScopedSignature, signScoped } from '@instancekit/core/internal';

export type JdQuery = Record<string, string> | ReadonlyArray<readonly [string, string]>;

export interface Jdcloud2Input {
  accessKey: string;
  secretKey: string;
  /** `vm`, `billing`, … */
  service: string;
  /** The `regionId` path parameter, e.g. `cn-north-1`. */
  region: string;
  method: string;
  host: string;
  /** The path exactly as sent, already encoded (see encodeJdPath): `/v1/…/i-abc%3AresizeInstance`. */
  path: string;
  /** Raw (unencoded) query parameters; send them as canonicalJdQuery writes them. */
  query?: JdQuery;
  /**
   * Further headers to sign (content-type, x-jdcloud-security-token, …). host, x-jdcloud-date and
   * x-jdcloud-nonce are always signed from `host`, `timestampMs` and `nonce`; passing them here is
   * allowed only with the same values.
   */
  headers: Record<string, string>;
  /** Exact body bytes; `''` for GET. */
  payload: string | Uint8Array;
  timestampMs: number;
  /** The SDKs send a UUID v4. */
  nonce: string;
}

export interface Jdcloud2Signature extends ScopedSignature {
  /** Value to send as x-jdcloud-date. */
  date: string;
}

/** The last second formatted: formatting a Date costs more than the rest of the date's work. */
let lastSecond = { second: Number.NaN, text: '' };

/** `YYYYMMDDTHHMMSSZ` in UTC, the x-jdcloud-date format (milliseconds dropped). */
export function formatJdDate(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond.second)
    lastSecond = { second, text: new Date(second * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '') };
  return lastSecond.text;
}

/**
 * Encodes each path segment like the Go SDK's EscapePath: everything but `A-Za-z0-9-._~` (and the
 * `/` separators), so the `:` of `:resizeInstance` becomes `%3A` on the wire and in the signature.
 */
export function encodeJdPath(path: string): string {
  return path.split('/').map(encodeRfc3986).join('/');
}

/** Names and values RFC 3986-encoded, sorted by name then value: the canonical query, and a valid one to send. */
export function canonicalJdQuery(query: JdQuery = []): string {
  const pairs = Array.isArray(query) ? query : Object.entries(query);
  return pairs
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([n1, v1], [n2, v2]) => compare(n1, n2) || compare(v1, v2))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function signJdcloud2(input: Jdcloud2Input): Promise<Jdcloud2Signature> {
  const date = formatJdDate(input.timestampMs);
  const required: Record<string, string> = {
    host: input.host,
    'x-jdcloud-date': date,
    'x-jdcloud-nonce': input.nonce,
  };
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(required)) {
    // A different value here would be signed but not sent (or the reverse): refuse rather than fail remotely.
    if (name in headers && headers[name]!.trim() !== value) {
      throw new TypeError(`header ${name} (${headers[name]}) differs from the signed value ${value}`);
    }
    headers[name] = value;
  }
  for (const name of Object.keys(headers)) headers[name] = canonicalHeaderValue(headers[name]!);
  const signature = await signCanonicalJd(input, date, canonicalJdQuery(input.query), headers);
  return { ...signature, date };
}

/** Trimmed, inner whitespace runs collapsed, as the JS SDK's canonicalHeaderValues does. */
export function canonicalHeaderValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * The signature over a request already in canonical form: `query` canonical (canonicalJdQuery), `headers`
 * lower-cased, canonical values, host, x-jdcloud-date (`date`) and x-jdcloud-nonce among them. The client's
 * signer builds exactly that, so it skips signJdcloud2's checks and copies on every attempt.
 */
export function signCanonicalJd(
  input: Pick<
    Jdcloud2Input,
    'accessKey' | 'secretKey' | 'service' | 'region' | 'method' | 'path' | 'payload'
  >,
  date: string,
  query: string,
  headers: Record<string, string>,
): Promise<ScopedSignature> {
  return signScoped({
    algorithm: 'JDCLOUD2-HMAC-SHA256',
    accessKeyId: input.accessKey,
    secretKey: input.secretKey,
    keyPrefix: 'JDCLOUD2',
    scope: [date.slice(0, 8), input.region, input.service, 'jdcloud2_request'],
    timestamp: date,
    method: input.method,
    path: input.path,
    query,
    headers,
    payload: input.payload,
  });
}
