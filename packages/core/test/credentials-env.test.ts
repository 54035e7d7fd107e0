// The credential resolver and an environment that refuses to be read, as Deno's does without --allow-env (its
// `process.env` throws NotCapable on every read): explicit keys never touch it, and with no keys the refusal is a
// CredentialsError naming the variable and the field, not the runtime's exception. tools/runtimes/ runs the same
// under a real Deno; this pins it on every machine.
import { afterEach, describe, expect, it } from 'vitest';
import { credentialResolver } from '../src/credentials';
import { CredentialsError } from '../src/errors';

const FIELDS = [
  { name: 'keyId', env: 'ENVTEST_KEY_ID' },
  { name: 'secret', env: 'ENVTEST_SECRET', secret: true },
  { name: 'token', env: 'ENVTEST_TOKEN', optional: true, secret: true },
] as const;
const SOURCES = {
  profileEnv: ['ENVTEST_PROFILE'],
  files: [{ path: '~/.envtest', format: 'ini' as const, keys: {} }],
};
const CONTEXT = { provider: 'test', label: 'Test Cloud', fields: FIELDS };

const realEnv = process.env;
afterEach(() => {
  process.env = realEnv;
});

/** Replaces process.env with one that throws on every access, and counts the accesses. */
function refusingEnv(): { reads: string[] } {
  const reads: string[] = [];
  process.env = new Proxy({} as NodeJS.ProcessEnv, {
    get(_target, name) {
      reads.push(String(name));
      throw new Error(
        `NotCapable: Requires env access to "${String(name)}", run again with the --allow-env flag`,
      );
    },
  });
  return { reads };
}

describe('an environment that refuses every read', () => {
  it.each([
    ['env only', undefined],
    ['profile files too', SOURCES],
  ])('explicit keys (%s) never read it, the optional token left out included', async (_, sources) => {
    const env = refusingEnv();
    const resolver = credentialResolver(
      { ...CONTEXT, ...(sources ? { sources } : {}) },
      { credentials: { keyId: 'id-1', secret: 'secret-1', token: undefined } },
    );
    expect(resolver.source).toBe('credentials');
    expect(await resolver.current()).toEqual({ keyId: 'id-1', secret: 'secret-1' });
    expect(env.reads).toEqual([]);
  });

  it.each([
    ['env only', undefined],
    ['profile files too', SOURCES],
  ])('no keys (%s): a CredentialsError naming the variable and the field', (_, sources) => {
    refusingEnv();
    let thrown: unknown;
    try {
      credentialResolver({ ...CONTEXT, ...(sources ? { sources } : {}) }, {});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CredentialsError);
    expect(thrown).toMatchObject({
      field: 'keyId',
      message: expect.stringContaining(
        'ENVTEST_KEY_ID is not readable: pass credentials, or allow it (Deno: --allow-env=ENVTEST_KEY_ID)',
      ),
    });
  });

  it('a readable environment is still the answer when no keys are passed', async () => {
    process.env = { ENVTEST_KEY_ID: 'id-env', ENVTEST_SECRET: 'secret-env' };
    const resolver = credentialResolver(CONTEXT, {});
    expect(resolver.source).toBe('environment');
    expect(await resolver.current()).toEqual({ keyId: 'id-env', secret: 'secret-env' });
  });
});
