import { CredentialsError, readEnv } from '@instancekit/core';

export interface JdcloudCredentials {
  accessKey: string;
  secretKey: string;
}

/** The given credentials, or JDCLOUD_ACCESS_KEY / JDCLOUD_SECRET_KEY; a missing one throws before anything is sent. */
export function resolveJdcloudCredentials(given?: Partial<JdcloudCredentials>): JdcloudCredentials {
  const accessKey = given?.accessKey || readEnv('JDCLOUD_ACCESS_KEY');
  const secretKey = given?.secretKey || readEnv('JDCLOUD_SECRET_KEY');
  for (const [name, env, value] of [
    ['accessKey', 'JDCLOUD_ACCESS_KEY', accessKey],
    ['secretKey', 'JDCLOUD_SECRET_KEY', secretKey],
  ] as const) {
    if (!value) {
      throw new CredentialsError(`JD Cloud ${name} is missing: pass credentials.${name} or set ${env}`, {
        provider: 'jdcloud',
      });
    }
  }
  return { accessKey: accessKey!, secretKey: secretKey! };
}
