import { resolveCredentials } from '@instancekit/core/internal';

export interface JdcloudCredentials {
  accessKey: string;
  secretKey: string;
}

/**
 * The given credentials, or (when none are given) JDCLOUD_ACCESS_KEY / JDCLOUD_SECRET_KEY; a missing, unknown
 * or malformed field throws a CredentialsError before anything is sent.
 */
export function resolveJdcloudCredentials(given?: Partial<JdcloudCredentials>): JdcloudCredentials {
  return resolveCredentials('jdcloud', 'JD Cloud', given, [
    { name: 'accessKey', env: 'JDCLOUD_ACCESS_KEY' },
    { name: 'secretKey', env: 'JDCLOUD_SECRET_KEY' },
  ]) as unknown as JdcloudCredentials;
}
