import { authorizationParts, hmac, sameSignature, sha256Hex } from './crypto';
import { type RawRequest, refuse, type Verdict, type VerifyOptions } from './types';

/**
 * ZC2-HMAC-SHA256 (Zenlayer), from the documented algorithm: canonical URI always `/`, empty query, the
 * content-type and host headers exactly as sent, the body bytes; the raw AccessKeyPassword is the HMAC key.
 */
export function verifyZc2(request: RawRequest, options: VerifyOptions): Verdict {
  const parts = authorizationParts(request.headers.authorization ?? '', 'ZC2-HMAC-SHA256');
  if (!parts?.Credential || !parts.Signature || !parts.SignedHeaders)
    return refuse('malformed', 'not a ZC2-HMAC-SHA256 Authorization header');
  const secret = options.secrets.get(parts.Credential);
  if (secret === undefined) return refuse('unknownKey', `unknown AccessKeyId ${parts.Credential}`);
  const timestamp = Number(request.headers['x-zc-timestamp']);
  if (!Number.isInteger(timestamp)) return refuse('malformed', 'no X-ZC-Timestamp');
  if (Math.abs(options.nowMs / 1000 - timestamp) > options.skewSeconds)
    return refuse('expired', `X-ZC-Timestamp ${timestamp} is more than ${options.skewSeconds} s off`);
  const signedHeaders = parts.SignedHeaders.split(';');
  const canonicalHeaders = signedHeaders.map((name) => `${name}:${request.headers[name] ?? ''}\n`).join('');
  const canonicalRequest = [
    request.method,
    '/',
    '',
    canonicalHeaders,
    parts.SignedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const stringToSign = ['ZC2-HMAC-SHA256', String(timestamp), sha256Hex(canonicalRequest)].join('\n');
  const expected = hmac('sha256', secret, stringToSign).toString('hex');
  return sameSignature(expected, parts.Signature)
    ? { ok: true, keyId: parts.Credential }
    : refuse('failure', 'the ZC2 signature does not match');
}
