import { MockError } from './registry';

/** The keys the mock accepts, in each provider's own credential shape (the one its SDKs take). */
export interface MockCredentials {
  tencent?: { secretId: string; secretKey: string };
  zenlayer?: { accessKeyId: string; accessKeyPassword: string };
  jdcloud?: { accessKey: string; secretKey: string };
}

/** Which fields of each provider's credential object are the key id and the secret. */
const SHAPES = {
  tencent: ['secretId', 'secretKey'],
  zenlayer: ['accessKeyId', 'accessKeyPassword'],
  jdcloud: ['accessKey', 'secretKey'],
} as const;

/** provider → (key id → secret). Refuses unknown providers and incomplete keys, naming the field. */
export function secretsByProvider(credentials: MockCredentials): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const [provider, value] of Object.entries(credentials)) {
    const shape = SHAPES[provider as keyof typeof SHAPES];
    if (!shape)
      throw new MockError(
        `credentials: unknown provider ${JSON.stringify(provider)}; known: tencent, zenlayer, jdcloud`,
      );
    if (value === undefined) continue;
    const [idField, secretField] = shape;
    const record = value as Record<string, unknown>;
    for (const field of [idField, secretField])
      if (typeof record[field] !== 'string' || record[field] === '')
        throw new MockError(`credentials.${provider}.${field} must be a non-empty string`);
    out.set(provider, new Map([[record[idField] as string, record[secretField] as string]]));
  }
  return out;
}
