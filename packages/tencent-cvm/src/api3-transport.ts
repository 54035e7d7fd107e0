import type { OperationSpec, ProviderAdapter, RequestParts, RequestSigner } from '@instancekit/core/internal';
import type { TencentCredentials } from './client.js';
import { tencentEnvelope } from './envelope.js';
import { api3Signature } from './generated/operations.js';
import { signTc3 } from './signing/tc3.js';

export const API_VERSION = '2017-03-12';

export interface Api3Settings {
  credentials: TencentCredentials;
  region: string;
  /** Milliseconds since the epoch; pinned in tests to reproduce official vectors. */
  now: () => number;
  language?: 'zh-CN' | 'en-US';
}

/**
 * API 3.0: POST JSON to `/` with the action in `X-TC-Action`, signed with TC3-HMAC-SHA256. The signature
 * covers content-type, host and x-tc-action (the current documentation's canonical headers), so a request
 * cannot be replayed as another action.
 */
export function api3Adapter(settings: Api3Settings): ProviderAdapter {
  const sign: RequestSigner = async (request) => {
    const url = new URL(request.url);
    const timestamp = Math.floor(settings.now() / 1000);
    const contentType = request.headers.get('content-type') ?? 'application/json';
    const action = request.headers.get('x-tc-action') ?? '';
    request.headers.set('X-TC-Timestamp', String(timestamp));
    const payload = request.body ?? '';
    const { authorization } = await signTc3({
      secretId: settings.credentials.secretId,
      secretKey: settings.credentials.secretKey,
      // The scope's service is a fact of the spec, never the host ("127" against a mock, a proxy's name).
      service: api3Signature.service,
      host: url.host,
      method: request.method as 'POST',
      contentType,
      payload,
      timestamp,
      extraSignedHeaders: { 'x-tc-action': action },
    });
    request.headers.set('Authorization', authorization);
  };
  return {
    provider: 'tencent',
    sign,
    secrets: [settings.credentials.secretKey, settings.credentials.token ?? ''],
    buildRequest(
      operationId: string,
      _operation: OperationSpec,
      input: Record<string, unknown>,
    ): RequestParts {
      const header: Record<string, string> = {
        'X-TC-Action': operationId,
        'X-TC-Version': API_VERSION,
        'X-TC-Region': settings.region,
      };
      if (settings.credentials.token) header['X-TC-Token'] = settings.credentials.token;
      if (settings.language) header['X-TC-Language'] = settings.language;
      return { params: { header }, body: input };
    },
    envelope: tencentEnvelope,
  };
}
