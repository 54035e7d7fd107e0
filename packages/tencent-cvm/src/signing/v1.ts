/**
 * Tencent signature v1 (HmacSHA1 / HmacSHA256): the legacy gateway `cvm.api.qcloud.com/v2/index.php`
 * and the form/GET style of API 3.0 (reference/tencent-cvm.md §1.3, §2.5).
 */
import { cachedHmacKey, hmacSha1, hmacSha256, toBase64 } from '@instancekit/core/internal';

export type V1SignatureMethod = 'HmacSHA256' | 'HmacSHA1';

export interface V1Input {
  secretKey: string;
  method: 'GET' | 'POST';
  /** `cvm.api.qcloud.com` (legacy) or `cvm.tencentcloudapi.com` (API 3.0). */
  host: string;
  /** `/v2/index.php` (legacy) or `/` (API 3.0). */
  path: string;
  /**
   * Every parameter to send except `Signature`, values raw (not URL-encoded), already flattened. Its
   * `SignatureMethod` decides the hash: HmacSHA256 when it says exactly that, HmacSHA1 otherwise.
   */
  params: Record<string, string>;
}

/** `signature` is Base64: URL-encode it (like every value) when sending. */
export type V1Signature = { signature: string; stringToSign: string };

/** Base64 HMAC of a string to sign with the chosen method (`Sign.sign` in the official Node SDK). */
export async function v1Hmac(secretKey: string, message: string, method: V1SignatureMethod): Promise<string> {
  const sha256 = method === 'HmacSHA256';
  const mac = sha256 ? hmacSha256 : hmacSha1;
  // The key is the secret itself: imported once per method, not on every request.
  const key = await cachedHmacKey(
    sha256 ? 'SHA-256' : 'SHA-1',
    `v1\n${method}\n${secretKey}`,
    () => secretKey,
  );
  return toBase64(await mac(key, message));
}

export async function signV1(input: V1Input): Promise<V1Signature> {
  const { params } = input;
  // The server uses HmacSHA256 only when the signed SignatureMethod parameter says exactly that, and HmacSHA1
  // otherwise: the hash is read from the parameter, so what is signed and what is declared cannot disagree.
  const signatureMethod: V1SignatureMethod =
    params.SignatureMethod === 'HmacSHA256' ? 'HmacSHA256' : 'HmacSHA1';
  // Plain sort() compares UTF-16 code units: ASCII order for these names, as PHP ksort in the doc
  // (upper case first, so `Timestamp` precedes `instanceIds.0`).
  const query = Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  const stringToSign = `${input.method}${input.host}${input.path}?${query}`;
  return { signature: await v1Hmac(input.secretKey, stringToSign, signatureMethod), stringToSign };
}
