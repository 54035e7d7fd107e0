import { type CredentialSigner, type ServiceAdapter, signedParts } from '@instancekit/core/internal';
import type { ZenlayerCredentials } from './client.js';
import { zenlayerEnvelope } from './envelope.js';
import { apiVersions } from './generated/provider.js';
import { signZc2 } from './signing/zc2.js';

/** ZEC API version of the spec (`X-ZC-Version`). */
export const API_VERSION = apiVersions.zec;
export const SIGNATURE_METHOD = 'ZC2-HMAC-SHA256';

/**
 * The one Content-Type this client sends and signs. ZC2 signs the header value verbatim, so the value sent
 * and the value signed must be the same string: `application/json` (Go, Python SDKs) and
 * `application/json; charset=utf-8` (Java SDK) sign differently. We use the docs' own vector's value, which
 * test/signing.test.ts reproduces; the signer returns the header it signed, so the two cannot drift apart.
 */
export const CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * The ZC2-HMAC-SHA256 signer: content-type, host and the exact body bytes, with a fresh X-ZC-Timestamp on every
 * attempt (`now` in milliseconds; pinned in tests).
 */
export function zc2Signer(
  credentials?: ZenlayerCredentials,
  now: () => number = Date.now,
): CredentialSigner<ZenlayerCredentials> {
  return async (request, current = credentials!) => {
    const timestamp = Math.floor(now() / 1000);
    const { host, payload } = signedParts(request);
    // The fields named, not spread: spreading the credentials and the request's parts cost more than the hashing.
    const { authorization } = await signZc2({
      accessKeyId: current.accessKeyId,
      accessKeyPassword: current.accessKeyPassword,
      host,
      payload,
      contentType: CONTENT_TYPE,
      timestamp,
    });
    return {
      headers: {
        'Content-Type': CONTENT_TYPE,
        'X-ZC-Timestamp': String(timestamp),
        Authorization: authorization,
      },
    };
  };
}

/**
 * Zenlayer Cloud API 2.0: POST the input as JSON to `/api/v2/zec`, the action in `X-ZC-Action` (from the path
 * key's fragment), the version and signature method in the client's headers.
 */
export function zc2Adapter(options: { now?: () => number }): ServiceAdapter<ZenlayerCredentials> {
  return {
    provider: 'zenlayer',
    headers: { 'X-ZC-Version': API_VERSION, 'X-ZC-Signature-Method': SIGNATURE_METHOD },
    sign: zc2Signer(undefined, options.now),
    envelope: zenlayerEnvelope,
  };
}
