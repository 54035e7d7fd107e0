// The facade README's quick start, run as the README says: the mock CLI (`npm run mock -- --stateful --instances
// packages/instancekit/examples/fleet.json --providers tencent-cvm-api3`, on an ephemeral port here) and
// `npx tsx examples/quick-start.ts` from this package's folder, a plain process resolving `instancekit` to its build.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = readFileSync(new URL('../examples/quick-start.ts', import.meta.url), 'utf8');
const MOCK =
  'npm run mock -- --stateful --instances packages/instancekit/examples/fleet.json --providers tencent-cvm-api3';
const RUN = 'cd packages/instancekit && npx tsx examples/quick-start.ts';

let mock: ChildProcess;
let endpoint: string;

beforeAll(async () => {
  const [npm, ...args] = MOCK.split(' ') as [string, ...string[]];
  // Its own process group, so the whole tree (npm, node) is ended at the end.
  mock = spawn(npm, [...args, '--port', '0'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    mock.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = /tencent-cvm-api3 → (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    mock.on('exit', (code) => reject(new Error(`the mock exited (${code}): ${out}`)));
  });
}, 60_000);
afterAll(() => {
  if (mock?.pid) process.kill(-mock.pid, 'SIGTERM');
});

function quickStart(): { status: number | null; stdout: string; stderr: string } {
  const [, , , npx, ...args] = RUN.split(' ') as [string, string, string, string, ...string[]];
  return spawnSync(npx, args, {
    cwd: pkg,
    encoding: 'utf8',
    env: { ...process.env, TENCENT_ENDPOINT: endpoint },
    timeout: 60_000,
  });
}

describe('README quick start', () => {
  it('shows examples/quick-start.ts verbatim and the commands this test runs', () => {
    expect(readme).toContain(`<!-- example: examples/quick-start.ts -->\n\n\`\`\`ts\n${example}\`\`\`\n`);
    expect(readme).toContain(MOCK);
    expect(readme).toContain(RUN);
  });

  it('prices the resize, runs the job through every step, and a second run sends nothing', () => {
    const first = quickStart();
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    const lines = first.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^price: \d+(\.\d+)? CNY\/\w+/);
    for (const step of ['describe', 'checkTarget', 'stop', 'resize', 'start', 'verify']) {
      expect(lines).toContain(
        `  ${step} done (${['stop', 'resize'].includes(step) ? 'stopped' : 'running'})`,
      );
    }
    expect(lines.at(-1)).toBe(
      'ins-r8hr2upy changed from S5.MEDIUM4 to S5.LARGE8 (stopped, then started again)',
    );

    const second = quickStart();
    expect(second.status).toBe(0);
    expect(second.stdout.trim().split('\n').at(-1)).toBe(
      'ins-r8hr2upy is already S5.LARGE8: nothing was sent',
    );
  }, 120_000);
});
