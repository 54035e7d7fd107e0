import { authorizationParts, hmac, rfc3986, sameSignature, sha256Hex } from './crypto';
import { type RawRequest, refuse, type Verdict, type VerifyOptions } from './types';

const JD_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The canonical query: names and values RFC 3986-encoded, sorted by name, then value. */
function canonicalQuery(rawQuery: string): string {
  return [...new URLSearchParams(rawQuery).entries()]
    .map(([name, value]) => [rfc3986(name), rfc3986(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * JDCLOUD2-HMAC-SHA256 (JD Cloud), from the documented algorithm: canonical URI as sent (the `:` of a custom
 * method is `%3A`), sorted encoded query, the signed headers (trimmed, inner spaces collapsed), the body hash; a
 * key derived from "JDCLOUD2"+SecretKey, the date, the region and the service of the scope.
 */
export function verifyJdcloud2(request: RawRequest, options: VerifyOptions): Verdict {
  const parts = authorizationParts(request.headers.authorization ?? '', 'JDCLOUD2-HMAC-SHA256');
  const credential = parts?.Credential?.split('/');
  if (!parts || !credential || credential.length !== 5 || !parts.SignedHeaders || !parts.Signature)
    return refuse('malformed', 'not a JDCLOUD2-HMAC-SHA256 Authorization header');
  const [accessKey, date, region, service, terminator] = credential as [
    string,
    string,
    string,
    string,
    string,
  ];
  const secretKey = options.secrets.get(accessKey);
  if (secretKey === undefined) return refuse('unknownKey', `unknown access key ${accessKey}`);
  const stamp = request.headers['x-jdcloud-date'] ?? '';
  const parsed = JD_DATE.exec(stamp);
  if (!parsed) return refuse('malformed', 'no x-jdcloud-date');
  const [, y, mo, d, h, mi, s] = parsed;
  const at = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Math.abs(options.nowMs - at) / 1000 > options.skewSeconds)
    return refuse('expired', `x-jdcloud-date ${stamp} is more than ${options.skewSeconds} s off`);
  const pathRegion = /\/regions\/([^/]+)\//.exec(request.rawPath)?.[1];
  const signed = parts.SignedHeaders.split(';');
  if (
    date !== stamp.slice(0, 8) ||
    terminator !== 'jdcloud2_request' ||
    (options.service && service !== options.service) ||
    (pathRegion && pathRegion !== region) ||
    !signed.includes('x-jdcloud-date') ||
    !signed.includes('x-jdcloud-nonce')
  )
    return refuse('failure', 'the credential scope or the signed headers do not match the request');
  const canonicalHeaders = signed
    .map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const canonicalRequest = [
    request.method,
    request.rawPath,
    canonicalQuery(request.rawQuery),
    canonicalHeaders,
    parts.SignedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const scope = `${date}/${region}/${service}/jdcloud2_request`;
  const stringToSign = ['JDCLOUD2-HMAC-SHA256', stamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const kDate = hmac('sha256', `JDCLOUD2${secretKey}`, date);
  const kRegion = hmac('sha256', kDate, region);
  const kService = hmac('sha256', kRegion, service);
  const kSigning = hmac('sha256', kService, 'jdcloud2_request');
  const expected = hmac('sha256', kSigning, stringToSign).toString('hex');
  return sameSignature(expected, parts.Signature)
    ? { ok: true, keyId: accessKey }
    : refuse('failure', 'the JDCLOUD2 signature does not match');
}
