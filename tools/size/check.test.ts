// The size budget of issues 3–5: a program that builds a provider client and makes one call, bundled and
// minified with its runtime dependencies, stays within BUDGET_BYTES gzipped. `npm run build` runs the same
// check (turbo task `size`) and fails above it; this test also pins that the check measures a real bundle and
// that the CLI exits 1 when a bundle is over.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUDGET_BYTES, measure, PROGRAMS } from './check.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('size budget', () => {
  it.each(Object.keys(PROGRAMS))(
    `%s: the one-call bundle is within ${BUDGET_BYTES} B gzip`,
    async (name) => {
      const report = await measure(name);
      // A bundle this small would mean the client (signer, envelope, operation table) was not in it.
      expect(report.gzipBytes).toBeGreaterThan(4_000);
      expect(report.gzipBytes).toBeLessThanOrEqual(BUDGET_BYTES);
      expect(report.ok).toBe(true);
    },
    20_000,
  );

  it('the CLI exits 1 and says OVER when a bundle is above the budget', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'tools/size/check.ts', 'zenlayer-zec'], {
      cwd: root,
      env: { ...process.env, INSTANCEKIT_SIZE_BUDGET: '1000' },
      encoding: 'utf8',
    });
    expect(run.stdout).toMatch(/^zenlayer-zec: \d+ B gzip \(\d+ B minified\), budget 1000 B: OVER$/m);
    expect(run.status).toBe(1);
  }, 20_000);
});
