import type { OperationSpec, ProviderAdapter, RequestParts, RequestSigner } from '@instancekit/core/internal';
import { API_VERSION } from './api3-transport.js';
import type { TencentCredentials } from './client.js';
import { tencentEnvelope } from './envelope.js';
import { flattenParams, toQueryString } from './legacy/flatten.js';
import { signV1 } from './signing/v1.js';

export interface LegacySettings {
  credentials: TencentCredentials;
  region: string;
  now: () => number;
  /** A positive integer; Tencent rejects a repeated Nonce within the replay window. */
  nonce: () => number;
  signatureMethod: 'HmacSHA256' | 'HmacSHA1';
}

/**
 * The legacy gateway of the seed pages: GET /v2/index.php with every parameter flattened into the query
 * (`InstanceIds.1`, `SystemDisk.DiskSize`, booleans as TRUE/FALSE, as the 2017 pages document) and a v1
 * signature over the sorted raw parameters. Timestamp, Nonce and Signature are added per attempt.
 */
export function legacyAdapter(settings: LegacySettings): ProviderAdapter {
  const sign: RequestSigner = async (request) => {
    const url = new URL(request.url);
    const params: Record<string, string> = {};
    for (const [name, value] of url.searchParams) params[name] = value;
    params.Timestamp = String(Math.floor(settings.now() / 1000));
    params.Nonce = String(settings.nonce());
    params.SecretId = settings.credentials.secretId;
    params.SignatureMethod = settings.signatureMethod;
    if (settings.credentials.token) params.Token = settings.credentials.token;
    const { signature } = await signV1({
      secretKey: settings.credentials.secretKey,
      method: request.method as 'GET',
      host: url.host,
      path: url.pathname,
      params,
      signatureMethod: settings.signatureMethod,
    });
    params.Signature = signature;
    url.search = `?${toQueryString(Object.entries(params))}`;
    request.url = url.href;
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
      const pairs: Array<[string, string]> = [
        ['Action', operationId],
        ['Version', API_VERSION],
        ['Region', settings.region],
        ...flattenParams(input),
      ];
      return { params: { query: {} }, querySerializer: () => toQueryString(pairs) };
    },
    envelope: tencentEnvelope,
  };
}
