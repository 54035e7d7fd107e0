/**
 * ZC2-HMAC-SHA256, Zenlayer Cloud API 2.0's signature (reference/zenlayer-zec-and-jdcloud-vm.md A2).
 * Unlike TC3 there is no key derivation and no date scope: the raw AccessKeyPassword is the HMAC key.
 */
import { cachedHmacKey, hmacHex, sha256Hex } from '@instancekit/core/internal';

const ALGORITHM = 'ZC2-HMAC-SHA256';
const SIGNED_HEADERS = 'content-type;host';

export interface Zc2Input {
  accessKeyId: string;
  accessKeyPassword: string;
  /** `console.zenlayer.com`. */
  host: string;
  /**
   * Signed verbatim, so it must equal the header sent: the docs and the Java SDK use
   * `application/json; charset=utf-8`, the Go and Python SDKs `application/json`.
   */
  contentType: string;
  /** Exact body bytes sent. */
  payload: string | Uint8Array;
  /** Unix seconds, the same value as the X-ZC-Timestamp header. */
  timestamp: number;
}

export interface Zc2Signature {
  /** Value of the Authorization header. */
  authorization: string;
  signature: string;
  canonicalRequest: string;
  stringToSign: string;
}

export async function signZc2(input: Zc2Input): Promise<Zc2Signature> {
  // Always POST to "/" with an empty query: the real path (/api/v2/zec) is not part of the signature.
  // Method, path, query, headers, signed header names and the payload's hash, a line each.
  const canonicalRequest = `POST\n/\n\ncontent-type:${input.contentType}\nhost:${input.host}\n\n${SIGNED_HEADERS}\n${await sha256Hex(input.payload)}`;
  const stringToSign = `${ALGORITHM}\n${input.timestamp}\n${await sha256Hex(canonicalRequest)}`;
  // The key is the password itself: imported once, not on every request.
  const key = await cachedHmacKey(
    'SHA-256',
    `ZC2\n${input.accessKeyPassword}`,
    () => input.accessKeyPassword,
  );
  const signature = await hmacHex('SHA-256', key, stringToSign);
  const authorization = `${ALGORITHM} Credential=${input.accessKeyId}, SignedHeaders=${SIGNED_HEADERS}, Signature=${signature}`;
  return { authorization, signature, canonicalRequest, stringToSign };
}
