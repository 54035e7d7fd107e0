import { resolveCredentials } from '@instancekit/core/internal';

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
  /** STS session token, for temporary credentials. */
  token?: string;
}

/**
 * The given credentials, or (when none are given) TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN; a
 * missing, unknown or malformed field throws a CredentialsError before anything is sent.
 */
export function resolveTencentCredentials(given?: Partial<TencentCredentials>): TencentCredentials {
  return resolveCredentials('tencent', 'Tencent Cloud', given, [
    { name: 'secretId', env: 'TENCENTCLOUD_SECRET_ID' },
    { name: 'secretKey', env: 'TENCENTCLOUD_SECRET_KEY' },
    { name: 'token', env: 'TENCENTCLOUD_SESSION_TOKEN', optional: true },
  ]) as unknown as TencentCredentials;
}
