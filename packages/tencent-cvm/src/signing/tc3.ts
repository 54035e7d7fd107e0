/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's signature (reference/tencent-cvm.md §2.3).
 * Pure: the caller passes the exact bytes, content type and timestamp it will send.
 */
import { cachedHmacKey, hmacSha256, sha256Hex, toHex } from '@instancekit/core/internal';

const ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** First label of the host, e.g. `cvm`. */
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

export interface Tc3Signature {
  /** Value of the Authorization header. */
  authorization: string;
  signature: string;
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
}

/** `YYYY-MM-DD` in UTC: the scope date follows UTC, not the caller's (or Beijing's) time zone. */
function utcDate(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

/** SecretSigning = HMAC(HMAC(HMAC("TC3" + key, date), service), "tc3_request"). */
export async function deriveTc3SigningKey(
  secretKey: string,
  date: string,
  service: string,
): Promise<Uint8Array> {
  const secretDate = await hmacSha256('TC3' + secretKey, date);
  const secretService = await hmacSha256(secretDate, service);
  return hmacSha256(secretService, 'tc3_request');
}

export async function signTc3(input: Tc3Input): Promise<Tc3Signature> {
  const headers: Record<string, string> = { 'content-type': input.contentType, host: input.host };
  for (const [name, value] of Object.entries(input.extraSignedHeaders ?? {}))
    headers[name.toLowerCase()] = value;
  const names = Object.keys(headers).sort();
  // The doc lower-cases and trims header values too (`x-tc-action:describeinstances`).
  const canonicalHeaders = names.map((name) => `${name}:${headers[name]!.trim().toLowerCase()}\n`).join('');
  const signedHeaders = names.join(';');

  const canonicalRequest = [
    input.method.toUpperCase(),
    '/',
    input.query ?? '',
    canonicalHeaders,
    signedHeaders,
    await sha256Hex(input.payload),
  ].join('\n');

  const date = utcDate(input.timestamp);
  const credentialScope = `${date}/${input.service}/tc3_request`;
  const stringToSign = [
    ALGORITHM,
    String(input.timestamp),
    credentialScope,
    await sha256Hex(canonicalRequest),
  ].join('\n');

  // Derived once per day and service, then reused: one HMAC per request instead of four.
  const signingKey = await cachedHmacKey(
    'SHA-256',
    `TC3\n${input.secretKey}\n${date}\n${input.service}`,
    () => deriveTc3SigningKey(input.secretKey, date, input.service),
  );
  const signature = toHex(await hmacSha256(signingKey, stringToSign));
  const authorization = `${ALGORITHM} Credential=${input.secretId}/${credentialScope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { authorization, signature, signedHeaders, canonicalRequest, stringToSign };
}
