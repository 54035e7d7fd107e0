// The progress display through a real pseudo-terminal: util-linux `script` runs the CLI on a pty (sized, as a
// terminal is), where `fleet apply` redraws a live block in place (log-update: erase-line and cursor-up sequences);
// the same run without a terminal prints plain lines, one per finished change, with no escape sequence at all.
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, BIN, cli, cliEnv, finished, type Mock, startMock, tempDir } from './support.js';

const SCRIPT = '/usr/bin/script';
const ESC = '\u001b';
let dir: string;
let mock: Mock;

beforeAll(async () => {
  assertBuilt();
  // util-linux is part of every Debian system; a machine without it cannot run this test, so it fails, saying why.
  if (!existsSync(SCRIPT))
    throw new Error(`${SCRIPT} (util-linux) is needed to give the CLI a pseudo-terminal`);
  dir = tempDir('tty');
  mock = await startMock(dir, {
    transitionMs: 300,
    instances: [1, 2].flatMap((n) => [
      {
        provider: 'tencent',
        instanceId: `ins-tty0000${n}`,
        state: 'RUNNING',
        instanceType: 'S5.MEDIUM4',
        imageId: 'img-pmqg1cw7',
        region: 'ap-guangzhou',
      },
      {
        provider: 'jdcloud',
        instanceId: `i-tty000000${n}`,
        state: 'running',
        instanceType: 'g.n2.medium',
        imageId: 'img-m5s0t0y2mp',
        region: 'cn-north-1',
      },
    ]),
    instanceTypes: [
      { provider: 'tencent', instanceType: 'S5.LARGE8' },
      { provider: 'jdcloud', instanceType: 'g.n2.large' },
    ],
  });
});
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function plan(name: string, n: number): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      version: 1,
      endpoints: { tencent: mock.urls.tencent, jdcloud: mock.urls.jdcloud },
      changes: [
        {
          provider: 'tencent',
          region: 'ap-guangzhou',
          instanceId: `ins-tty0000${n}`,
          instanceType: 'S5.LARGE8',
        },
        {
          provider: 'jdcloud',
          region: 'cn-north-1',
          instanceId: `i-tty000000${n}`,
          instanceType: 'g.n2.large',
        },
      ],
    }),
  );
  return path;
}

describe('fleet apply progress', () => {
  it('on a terminal: a live block redrawn in place, then the report', async () => {
    const path = plan('tty.json', 1);
    const command = `stty rows 40 cols 120; exec ${process.execPath} ${BIN} fleet apply ${path}`;
    const child = spawn(SCRIPT, ['-qefc', command, '/dev/null'], {
      env: cliEnv(dir),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.end();
    const result = await finished(child);
    expect(result.code, result.stdout).toBe(0);
    const screen = result.stdout;
    expect(screen).toContain(`${ESC}[2K`); // erase line
    expect(screen).toContain(`${ESC}[1A`); // cursor up: the block is redrawn where it was
    expect(screen).toMatch(/\[[#.]{30}\] \d\/2/);
    expect(screen).toContain('[##############################] 2/2');
    expect(screen).toMatch(/tencent\/ap-guangzhou\/ins-tty00001\s+changed/);
  });

  it('without a terminal: plain lines, no escape sequences', async () => {
    const result = await cli(['fleet', 'apply', plan('plain.json', 2)], { env: cliEnv(dir) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^changed\s+tencent\/ap-guangzhou\/ins-tty00002 /m);
    expect(result.stderr).toMatch(/^changed\s+jdcloud\/cn-north-1\/i-tty0000002 /m);
    expect(`${result.stdout}${result.stderr}`).not.toContain(ESC);
  });
});
