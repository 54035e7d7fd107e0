import { CredentialsError, readEnv } from '@instancekit/core';

export interface ZenlayerCredentials {
  /** The AccessKey ID shown in the Zenlayer console; sent in `Authorization` as `Credential=`. */
  accessKeyId: string;
  /** The AccessKey Password: the HMAC key of ZC2-HMAC-SHA256. Never sent, never logged. */
  accessKeyPassword: string;
}

/** The given credentials, or ZENLAYER_ACCESS_KEY_ID / ZENLAYER_ACCESS_KEY_PASSWORD; a missing one throws. */
export function resolveZenlayerCredentials(given?: Partial<ZenlayerCredentials>): ZenlayerCredentials {
  const accessKeyId = given?.accessKeyId ?? readEnv('ZENLAYER_ACCESS_KEY_ID');
  const accessKeyPassword = given?.accessKeyPassword ?? readEnv('ZENLAYER_ACCESS_KEY_PASSWORD');
  for (const [name, env, value] of [
    ['accessKeyId', 'ZENLAYER_ACCESS_KEY_ID', accessKeyId],
    ['accessKeyPassword', 'ZENLAYER_ACCESS_KEY_PASSWORD', accessKeyPassword],
  ] as const) {
    if (!value) {
      throw new CredentialsError(`Zenlayer ${name} is missing: pass credentials.${name} or set ${env}`, {
        provider: 'zenlayer',
      });
    }
  }
  return { accessKeyId: accessKeyId!, accessKeyPassword: accessKeyPassword! };
}
