import { authorizationParts, hmac, sameSignature, sha256Hex } from './crypto';
import { type RawRequest, refuse, type Verdict, type VerifyOptions } from './types';

/**
 * TC3-HMAC-SHA256 (Tencent API 3.0), written from the documented algorithm (specs/tencent-cvm/api3.yaml, tc3
 * scheme), not from our client's signer: canonical request over the signed headers (lower-cased, trimmed values)
 * and the exact body bytes, a key derived from "TC3"+SecretKey, the UTC date and the service.
 */
export function verifyTc3(request: RawRequest, options: VerifyOptions): Verdict {
  const parts = authorizationParts(request.headers.authorization ?? '', 'TC3-HMAC-SHA256');
  const credential = parts?.Credential?.split('/');
  if (!parts || !credential || credential.length !== 4 || !parts.SignedHeaders || !parts.Signature)
    return refuse('malformed', 'not a TC3-HMAC-SHA256 Authorization header');
  const [secretId, date, service, terminator] = credential as [string, string, string, string];
  const secretKey = options.secrets.get(secretId);
  if (secretKey === undefined) return refuse('unknownKey', `unknown SecretId ${secretId}`);
  const timestamp = Number(request.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp)) return refuse('malformed', 'no X-TC-Timestamp');
  if (Math.abs(options.nowMs / 1000 - timestamp) > options.skewSeconds)
    return refuse('expired', `X-TC-Timestamp ${timestamp} is more than ${options.skewSeconds} s off`);
  const utcDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
  if (date !== utcDate || terminator !== 'tc3_request' || (options.service && service !== options.service))
    return refuse('failure', 'the credential scope does not match the timestamp or the service');
  const signature = parts.Signature;
  const matches = (host: string) => {
    const headers: Record<string, string> = { ...request.headers, host };
    const canonicalHeaders = parts
      .SignedHeaders!.split(';')
      .map((name) => `${name}:${(headers[name] ?? '').trim().toLowerCase()}\n`)
      .join('');
    const canonicalQuery = request.method === 'GET' ? request.rawQuery : '';
    const canonicalRequest = [
      request.method,
      '/',
      canonicalQuery,
      canonicalHeaders,
      parts.SignedHeaders,
      sha256Hex(request.body),
    ].join('\n');
    const stringToSign = [
      'TC3-HMAC-SHA256',
      String(timestamp),
      `${date}/${service}/tc3_request`,
      sha256Hex(canonicalRequest),
    ].join('\n');
    const secretDate = hmac('sha256', `TC3${secretKey}`, date);
    const secretService = hmac('sha256', secretDate, service);
    const secretSigning = hmac('sha256', secretService, 'tc3_request');
    return sameSignature(hmac('sha256', secretSigning, stringToSign).toString('hex'), signature);
  };
  // The official Node SDK signs the host name without the port (`URL.hostname`). The real gateway listens on 443,
  // where Host carries no port, so both readings agree there; a mock on another port accepts either.
  const host = request.headers.host ?? '';
  const hostname = host.replace(/:\d+$/, '');
  return matches(host) || (hostname !== host && matches(hostname))
    ? { ok: true, keyId: secretId }
    : refuse('failure', 'the TC3 signature does not match');
}
