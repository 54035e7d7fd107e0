import { existsSync, readFileSync } from 'node:fs';
import { type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/** The README's example is test/readme-example.ts, verbatim; this runs it against the mock. */
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('./readme-example.ts', import.meta.url), 'utf8');

let mocks: RunningMocks;

beforeAll(async () => {
  mocks = await startMocks({ providers: ['zenlayer-zec'] });
});

afterAll(async () => {
  await mocks?.close();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('README', () => {
  it('shows test/readme-example.ts verbatim', () => {
    expect(readme).toContain(`<!-- example: test/readme-example.ts -->\n\n\`\`\`ts\n${example}\`\`\`\n`);
  });

  it('tells to run the file this test runs, by a path that exists', () => {
    const command = /`ZEC_WAIT_MS=\d+ ZEC_POLL_MS=\d+ npx tsx (\S+)`/.exec(readme)?.[1];
    expect(command).toBe('test/readme-example.ts');
    expect(existsSync(new URL(`../${command}`, import.meta.url))).toBe(true);
  });

  it('runs its example against the mock', async () => {
    vi.stubEnv('ZENLAYER_ENDPOINT', mocks.urls['zenlayer-zec']!);
    vi.stubEnv('ZEC_WAIT_MS', '600');
    vi.stubEnv('ZEC_POLL_MS', '100');
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    await import('./readme-example');
    expect(lines[0]).toBe('z2a.cpu.4 costs 0.0556 per HOUR');
    expect(lines[1]).toBe(
      'resize accepted (request T05992D0C-7E8B-4047-B0C0-780F2CD549D3); waiting for STOPPED',
    );
    expect(lines).toContain('  1660545330971680835: RESIZING');
    expect(lines).toContain(
      'gave up: ModifyInstanceType of 1660545330971680835: still RESIZING after 600 ms',
    );
    expect(lines.slice(-3)).toEqual([
      'reinstall accepted (request TC1748D3E-452D-4F74-8485-7AA73718E453); waiting for RUNNING',
      '  1478001766933994003: RUNNING',
      'reinstalled: RUNNING',
    ]);
  });
});
