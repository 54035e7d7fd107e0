import {
  type CredentialSigner,
  flattenParams,
  type ServiceAdapter,
  toQueryString,
} from '@instancekit/core/internal';
import type { TencentCredentials } from './client.js';
import { tencentEnvelope } from './envelope.js';
import { apiVersions } from './generated/provider.js';
import { signV1, type V1SignatureMethod } from './signing/v1.js';

export interface LegacySignerSettings {
  now?: () => number;
  /** A positive integer; Tencent rejects a repeated Nonce within the replay window. */
  nonce?: () => number;
  /** Default HmacSHA256. */
  signatureMethod?: V1SignatureMethod;
}

const randomNonce = () => (crypto.getRandomValues(new Uint32Array(1))[0]! % 2_147_483_646) + 1;

/**
 * The v1 signer of the legacy gateway: Timestamp, Nonce, SecretId, SignatureMethod (and Token) join the query's
 * parameters, which are signed sorted and raw; the URL to send carries them and the Signature, in that order.
 */
export function legacySigner(
  credentials?: TencentCredentials,
  { now = Date.now, nonce = randomNonce, signatureMethod = 'HmacSHA256' }: LegacySignerSettings = {},
): CredentialSigner<TencentCredentials> {
  return async (request, current = credentials!) => {
    const url = new URL(request.url);
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    params.Timestamp = String(Math.floor(now() / 1000));
    params.Nonce = String(nonce());
    params.SecretId = current.secretId;
    params.SignatureMethod = signatureMethod;
    if (current.token) params.Token = current.token;
    const { signature } = await signV1({
      secretKey: current.secretKey,
      method: request.method as 'GET',
      host: url.host,
      path: url.pathname,
      params,
    });
    params.Signature = signature;
    url.search = `?${toQueryString(Object.entries(params))}`;
    return { url: url.href };
  };
}

/**
 * The legacy gateway of the seed pages: GET /v2/index.php with every parameter flattened into the query
 * (`InstanceIds.1`, `SystemDisk.DiskSize`, booleans as TRUE/FALSE, as the 2017 pages document), Action first.
 */
export function legacyAdapter(
  options: { region: string } & LegacySignerSettings,
): ServiceAdapter<TencentCredentials> {
  return {
    provider: 'tencent',
    sign: legacySigner(undefined, options),
    buildRequest(operationId, _operation, input) {
      const head = [
        ['Action', operationId],
        ['Version', apiVersions.legacy],
        ['Region', options.region],
      ] as const;
      return { querySerializer: () => toQueryString([...head, ...flattenParams(input)]) };
    },
    envelope: tencentEnvelope,
  };
}
