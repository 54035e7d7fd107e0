// The lint rule instancekit/rate-limit on a real spec with its rate limits broken: redocly lint (the same config as
// `npm run lint:specs`) names each operation whose limit is missing, not a positive number, or unconfirmed without a note.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { REPO_ROOT } from '../spec-manifest.js';

it('refuses a missing limit, a limit of 0 and an unconfirmed one without a note', () => {
  const dir = mkdtempSync(join(tmpdir(), 'instancekit-rate-limit-'));
  try {
    const spec = readFileSync(join(REPO_ROOT, 'specs/zenlayer-zec/zec.yaml'), 'utf8');
    const blocks = spec.split('        rateLimit:\n          perSecond: ');
    expect(blocks.length).toBeGreaterThan(3);
    // 1st operation: no limit; 2nd: 0 per second; 3rd: unconfirmed without its note.
    const broken = [
      blocks[0]!.concat('        x-removed: true\n        x-was:\n          perSecond: ', blocks[1]!),
      '        rateLimit:\n          perSecond: '.concat(blocks[2]!.replace(/^10/, '0')),
      '        rateLimit:\n          perSecond: '.concat(
        blocks[3]!.replace(/\n\s+x-provenance-note: [^\n]+/, ''),
      ),
      ...blocks.slice(4).map((block) => '        rateLimit:\n          perSecond: '.concat(block)),
    ].join('');
    const file = join(dir, 'zec.yaml');
    writeFileSync(file, broken);
    const run = spawnSync(
      join(REPO_ROOT, 'node_modules/.bin/redocly'),
      ['lint', '--format=stylish', '--config', join(REPO_ROOT, 'redocly.yaml'), file],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const out = `${run.stdout}${run.stderr}`;
    expect(run.status).not.toBe(0);
    expect(out).toContain('ModifyInstanceType: x-instancekit.rateLimit { perSecond } is missing.');
    expect(out).toContain(
      'InquiryPriceModifyInstanceType: x-instancekit.rateLimit.perSecond must be a positive number.',
    );
    expect(out).toContain('ResetInstance: an unconfirmed x-instancekit.rateLimit needs an x-provenance-note');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
