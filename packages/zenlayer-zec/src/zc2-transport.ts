import type { OperationSpec, ProviderAdapter, RequestParts, RequestSigner } from '@instancekit/core/internal';
import type { ZenlayerCredentials } from './client.js';
import { zenlayerEnvelope } from './envelope.js';
import { signZc2 } from './signing/zc2.js';

/** ZEC API version of the spec (`X-ZC-Version`). */
export const API_VERSION = '2025-09-01';
export const SIGNATURE_METHOD = 'ZC2-HMAC-SHA256';

/**
 * The one Content-Type this client sends and signs. ZC2 signs the header value verbatim, so the value sent
 * and the value signed must be the same string: `application/json` (Go, Python SDKs) and
 * `application/json; charset=utf-8` (Java SDK) sign differently. We use the docs' own vector's value, which
 * test/signing.test.ts reproduces; the signer sets the header itself, so the two cannot drift apart.
 */
export const CONTENT_TYPE = 'application/json; charset=utf-8';

export interface Zc2Settings {
  credentials: ZenlayerCredentials;
  /** Milliseconds since the epoch, read once per attempt for X-ZC-Timestamp; pinned in tests. */
  now: () => number;
}

/**
 * Zenlayer Cloud API 2.0: POST JSON to `/api/v2/zec`, the action in `X-ZC-Action` (set from the path key's
 * fragment by core's action middleware), signed with ZC2-HMAC-SHA256 over content-type, host and the exact
 * body bytes. The signer runs on every attempt, so a retry carries a fresh timestamp and signature.
 */
export function zc2Adapter(settings: Zc2Settings): ProviderAdapter {
  const sign: RequestSigner = async (request) => {
    const timestamp = Math.floor(settings.now() / 1000);
    request.headers.set('Content-Type', CONTENT_TYPE);
    request.headers.set('X-ZC-Timestamp', String(timestamp));
    const payload = request.body ?? '';
    const { authorization } = await signZc2({
      accessKeyId: settings.credentials.accessKeyId,
      accessKeyPassword: settings.credentials.accessKeyPassword,
      host: new URL(request.url).host,
      contentType: CONTENT_TYPE,
      payload,
      timestamp,
    });
    request.headers.set('Authorization', authorization);
  };
  return {
    provider: 'zenlayer',
    sign,
    secrets: [settings.credentials.accessKeyPassword],
    buildRequest(
      _operationId: string,
      _operation: OperationSpec,
      input: Record<string, unknown>,
    ): RequestParts {
      return {
        params: {
          // Content-Type is set by the signer, the one place that also signs it.
          header: {
            'X-ZC-Version': API_VERSION,
            'X-ZC-Signature-Method': SIGNATURE_METHOD,
          },
        },
        body: input,
      };
    },
    envelope: zenlayerEnvelope,
  };
}
