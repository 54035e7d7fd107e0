// The facade's entries: the root takes every provider; `instancekit/<provider>` takes one, may leave `provider`
// out, and a bundle of it holds that provider's driver and client only (checked by bundling each entry from the
// sources, as a user's bundler would, and looking for the other providers' signing schemes). The published
// build is checked too: tsup splits the entries over shared chunks, and a side effect there (a spread in a driver
// declaration kept JD's client in instancekit/tencent) shows only in dist/.
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';
import { createInstanceKit as jdcloudKit } from 'instancekit/jdcloud';
import { createInstanceKit as tencentKit } from 'instancekit/tencent';
import { createInstanceKit as zenlayerKit } from 'instancekit/zenlayer';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/index.js';

const src = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

/** One entry bundled and minified as ESM; `options` say from where and for which platform. */
async function bundle(entryPoint: string, options: Omit<BuildOptions, 'write'>): Promise<string> {
  const result = await build({
    ...options,
    entryPoints: [entryPoint],
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Every entry's bundle, with the workspace packages taken from their sources (the default, browser build). */
const bundleOf = (entry: string) =>
  bundle(src(`instancekit/src/entries/${entry}.ts`), {
    platform: 'neutral',
    alias: {
      '@instancekit/core/internal': src('core/src/internal.ts'),
      '@instancekit/core': src('core/src/index.ts'),
      '@instancekit/tencent-cvm': src('tencent-cvm/src/index.ts'),
      '@instancekit/zenlayer-zec': src('zenlayer-zec/src/index.ts'),
      '@instancekit/jdcloud-vm': src('jdcloud-vm/src/index.ts'),
    },
  });

/**
 * The entry's built file bundled as a user's bundler sees the published packages: every workspace package through
 * its package.json exports to dist/ (`tsconfigRaw` keeps the repo's tsconfig paths to src/ out). `npm test` builds
 * first.
 */
const publishedBundleOf = (entry: string, platform: 'browser' | 'node') =>
  bundle(src(`instancekit/dist/entries/${entry}.js`), {
    platform,
    // For `node`: every module the entry's static imports reach, used or not — what Node loads at import time.
    treeShaking: platform === 'browser',
    tsconfigRaw: '{}',
  });

const SCHEMES = { tencent: 'TC3-HMAC-SHA256', zenlayer: 'ZC2-HMAC-SHA256', jdcloud: 'JDCLOUD2-HMAC-SHA256' };

describe.each(Object.entries(SCHEMES))('instancekit/%s', (provider, scheme) => {
  it.each([
    ['bundles its own provider only', () => bundleOf(provider)],
    [
      'bundles its own provider only from the published build (dist/)',
      () => publishedBundleOf(provider, 'browser'),
    ],
    [
      "loads its own provider only in Node: no import reaches another provider's client",
      () => publishedBundleOf(provider, 'node'),
    ],
  ])('%s', async (_what, make) => {
    const code = await make();
    expect(code).toContain(scheme);
    for (const [other, otherScheme] of Object.entries(SCHEMES))
      if (other !== provider) expect(code, `${other}'s signer`).not.toContain(otherScheme);
  });
});

describe('one-provider kits', () => {
  const credentials = {
    tencent: { secretId: 'AKIDentries', secretKey: 'k' },
    zenlayer: { accessKeyId: 'id', accessKeyPassword: 'p' },
    jdcloud: { accessKey: 'ak', secretKey: 'sk' },
  };

  it('leave `provider` out and make the entry’s kit', () => {
    expect(tencentKit({ region: 'ap-guangzhou', credentials: credentials.tencent }).provider).toBe('tencent');
    expect(zenlayerKit({ credentials: credentials.zenlayer }).provider).toBe('zenlayer');
    expect(jdcloudKit({ region: 'cn-north-1', credentials: credentials.jdcloud }).provider).toBe('jdcloud');
  });

  it('refuse another provider’s name, naming the field', () => {
    let error: unknown;
    try {
      tencentKit({ provider: 'zenlayer' as never, credentials: credentials.zenlayer });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'provider', rule: 'enum' });
  });
});

describe('instancekit/fleet', () => {
  it('bundles for a browser without node:fs; the one-provider entries carry none of the fleet runner', async () => {
    const fleet = await bundleOf('fleet');
    for (const scheme of Object.values(SCHEMES)) expect(fleet).toContain(scheme);
    expect(fleet).not.toMatch(/node:fs|fsyncSync/);
    expect(fleet).toContain('the journal records a run of another plan');
    for (const provider of Object.keys(SCHEMES))
      expect(await bundleOf(provider)).not.toContain('the journal records a run of another plan');
  });
});
