import { hmac, sameSignature } from './crypto';
import { type RawRequest, refuse, type Verdict, type VerifyOptions } from './types';

/**
 * Tencent's signature v1 (HmacSHA1, or HmacSHA256 when SignatureMethod=HmacSHA256), from the documented algorithm:
 * every parameter but Signature, sorted by name, joined raw as k=v with &, after METHOD + host + path + "?".
 * Parameters come from the query (GET) or a form body (POST).
 */
export function verifyV1(request: RawRequest, options: VerifyOptions): Verdict {
  const source =
    request.method === 'POST' && /x-www-form-urlencoded/.test(request.headers['content-type'] ?? '')
      ? request.body.toString('utf8')
      : request.rawQuery;
  const params = new URLSearchParams(source);
  const signature = params.get('Signature');
  const secretId = params.get('SecretId');
  if (!signature || !secretId) return refuse('malformed', 'no Signature or SecretId parameter');
  const secretKey = options.secrets.get(secretId);
  if (secretKey === undefined) return refuse('unknownKey', `unknown SecretId ${secretId}`);
  const timestamp = Number(params.get('Timestamp'));
  if (!Number.isInteger(timestamp)) return refuse('malformed', 'no Timestamp parameter');
  if (Math.abs(options.nowMs / 1000 - timestamp) > options.skewSeconds)
    return refuse('expired', `Timestamp ${timestamp} is more than ${options.skewSeconds} s off`);
  const pairs = [...params.entries()]
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`);
  const stringToSign = `${request.method}${request.headers.host ?? ''}${request.rawPath}?${pairs.join('&')}`;
  const algorithm = params.get('SignatureMethod') === 'HmacSHA256' ? 'sha256' : 'sha1';
  const expected = hmac(algorithm, secretKey, stringToSign).toString('base64');
  return sameSignature(expected, signature)
    ? { ok: true, keyId: secretId }
    : refuse('failure', 'the v1 signature does not match');
}
