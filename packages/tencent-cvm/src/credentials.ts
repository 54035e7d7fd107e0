import { CredentialsError, readEnv } from '@instancekit/core';

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
  /** STS session token, for temporary credentials. */
  token?: string;
}

/** The given credentials, or TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN; a missing one throws. */
export function resolveTencentCredentials(given?: Partial<TencentCredentials>): TencentCredentials {
  const secretId = given?.secretId ?? readEnv('TENCENTCLOUD_SECRET_ID');
  const secretKey = given?.secretKey ?? readEnv('TENCENTCLOUD_SECRET_KEY');
  const token = given?.token ?? readEnv('TENCENTCLOUD_SESSION_TOKEN');
  for (const [name, env, value] of [
    ['secretId', 'TENCENTCLOUD_SECRET_ID', secretId],
    ['secretKey', 'TENCENTCLOUD_SECRET_KEY', secretKey],
  ] as const) {
    if (!value) {
      throw new CredentialsError(`Tencent Cloud ${name} is missing: pass credentials.${name} or set ${env}`, {
        provider: 'tencent',
      });
    }
  }
  return { secretId: secretId!, secretKey: secretKey!, ...(token ? { token } : {}) };
}
