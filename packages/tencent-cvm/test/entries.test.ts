// The package's two entries: API 3.0 at the root, the legacy gateway at `@instancekit/tencent-cvm/legacy`, so
// that an API 3.0 bundle holds none of the legacy flattening and v1 signing.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { createTencentCvmClient, ValidationError } from '../src/index.js';
import { createTencentCvmLegacyClient } from '../src/legacy.js';

const credentials = { secretId: 'AKIDentries', secretKey: 'entries-secret' };
const nothingSent = async (): Promise<Response> => {
  throw new Error('nothing may be sent');
};

describe('the root entry is API 3.0', () => {
  it("refuses transport 'legacy' with the entry that has it, before anything is made", () => {
    const error = (() => {
      try {
        createTencentCvmClient({ region: 'ap-guangzhou', credentials, transport: 'legacy' as never });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'transport', rule: 'enum' });
    expect((error as Error).message).toContain('@instancekit/tencent-cvm/legacy');
  });

  it('a bundle of the root factory holds no legacy code (no v1 signer, no query flattening)', async () => {
    const result = await build({
      stdin: {
        contents: `import { createTencentCvmClient } from './index.ts';\nconsole.log(createTencentCvmClient);`,
        resolveDir: fileURLToPath(new URL('../src/', import.meta.url)),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      logLevel: 'silent',
      minify: true,
      // Core from its sources too, as a user's bundler would take it from dist/ (the default build).
      alias: {
        '@instancekit/core/internal': fileURLToPath(new URL('../../core/src/internal.ts', import.meta.url)),
        '@instancekit/core': fileURLToPath(new URL('../../core/src/index.ts', import.meta.url)),
      },
    });
    const code = result.outputFiles[0]!.text;
    expect(code).toContain('TC3-HMAC-SHA256');
    expect(code).not.toContain('SignatureMethod');
    expect(code).not.toContain('/v2/index.php');
  });
});

describe('the legacy entry', () => {
  it('makes a client of the same methods on the legacy road', () => {
    const client = createTencentCvmLegacyClient({ region: 'ap-guangzhou', credentials, fetch: nothingSent });
    expect(client.transport).toBe('legacy');
    expect(typeof client.ResetInstancesType).toBe('function');
  });

  it('refuses an API 3.0-only option (language) instead of ignoring it', () => {
    expect(() =>
      createTencentCvmLegacyClient({ region: 'ap-guangzhou', credentials, language: 'en-US' } as never),
    ).toThrow(ValidationError);
  });
});
