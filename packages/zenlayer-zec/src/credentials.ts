import { resolveCredentials } from '@instancekit/core/internal';

export interface ZenlayerCredentials {
  /** The AccessKey ID shown in the Zenlayer console; sent in `Authorization` as `Credential=`. */
  accessKeyId: string;
  /** The AccessKey Password: the HMAC key of ZC2-HMAC-SHA256. Never sent, never logged. */
  accessKeyPassword: string;
}

/**
 * The given credentials, or (when none are given) ZENLAYER_ACCESS_KEY_ID / ZENLAYER_ACCESS_KEY_PASSWORD; a
 * missing, unknown or malformed field throws a CredentialsError before anything is sent.
 */
export function resolveZenlayerCredentials(given?: Partial<ZenlayerCredentials>): ZenlayerCredentials {
  return resolveCredentials('zenlayer', 'Zenlayer', given, [
    { name: 'accessKeyId', env: 'ZENLAYER_ACCESS_KEY_ID' },
    { name: 'accessKeyPassword', env: 'ZENLAYER_ACCESS_KEY_PASSWORD' },
  ]) as unknown as ZenlayerCredentials;
}
