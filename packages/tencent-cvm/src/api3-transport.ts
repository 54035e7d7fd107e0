import { type CredentialSigner, type ServiceAdapter, signedParts } from '@instancekit/core/internal';
import type { TencentCredentials } from './client.js';
import { tencentEnvelope } from './envelope.js';
import { api3Signature } from './generated/operations.js';
import { apiVersions } from './generated/provider.js';
import { signTc3 } from './signing/tc3.js';

/** The API version of the spec (`X-TC-Version`, the legacy `Version`). */
export const API_VERSION = apiVersions.api3;

/**
 * The TC3-HMAC-SHA256 signer of API 3.0. The signature covers content-type, host and x-tc-action (the current
 * documentation's canonical headers), so a request cannot be replayed as another action; the scope's service
 * is a fact of the spec, never the host ("127" against a mock, a proxy's name behind a proxy).
 */
export function api3Signer(
  credentials?: TencentCredentials,
  now: () => number = Date.now,
): CredentialSigner<TencentCredentials> {
  return async (request, current = credentials!) => {
    const timestamp = Math.floor(now() / 1000);
    const { host, method, payload } = signedParts(request);
    // The fields named, not spread: the credentials object may hold more than the signer reads.
    const { authorization } = await signTc3({
      secretId: current.secretId,
      secretKey: current.secretKey,
      host,
      method,
      payload,
      service: api3Signature.service,
      contentType: request.headers.get('content-type') ?? 'application/json',
      timestamp,
      extraSignedHeaders: { 'x-tc-action': request.headers.get('x-tc-action') ?? '' },
    });
    // Set in the order sent (timestamp, token, signature), without spreading a token object into them.
    const headers: Record<string, string> = { 'X-TC-Timestamp': String(timestamp) };
    if (current.token) headers['X-TC-Token'] = current.token;
    headers.Authorization = authorization;
    return { headers };
  };
}

/**
 * API 3.0: POST the input as JSON to `/`, the action in `X-TC-Action` (from the path key's fragment), the
 * version, region, session token and message language in the client's headers.
 */
export function api3Adapter(options: {
  region: string;
  language?: string;
  now?: () => number;
}): ServiceAdapter<TencentCredentials> {
  return {
    provider: 'tencent',
    headers: {
      'X-TC-Version': API_VERSION,
      'X-TC-Region': options.region,
      ...(options.language ? { 'X-TC-Language': options.language } : {}),
    },
    sign: api3Signer(undefined, options.now),
    envelope: tencentEnvelope,
  };
}
