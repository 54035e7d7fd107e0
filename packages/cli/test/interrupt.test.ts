// Ctrl-C during `fleet apply`, as a real SIGINT to the real process: no new change starts, the running ones finish
// (none is left in flight or aborted), the run exits 3 with the rest pending, and `--resume` does the rest.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  assertBuilt,
  cli,
  cliEnv,
  finished,
  type Mock,
  schemaErrors,
  spawnCli,
  startMock,
  tempDir,
} from './support.js';

const ids = Array.from({ length: 12 }, (_, n) => `ins-int${String(n).padStart(5, '0')}`);
let dir: string;
let mock: Mock;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir('interrupt');
  mock = await startMock(dir, {
    transitionMs: 400,
    instances: ids.map((instanceId) => ({
      provider: 'tencent',
      instanceId,
      state: 'STOPPED',
      instanceType: 'S5.MEDIUM4',
      imageId: 'img-pmqg1cw7',
      region: 'ap-guangzhou',
    })),
    instanceTypes: [{ provider: 'tencent', instanceType: 'S5.LARGE8' }],
  });
});
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('SIGINT: running changes finish, no new one starts; --resume finishes the plan', async () => {
  const plan = join(dir, 'plan.json');
  writeFileSync(
    plan,
    JSON.stringify({
      version: 1,
      endpoints: { tencent: mock.urls.tencent },
      changes: ids.map((instanceId) => ({
        provider: 'tencent',
        region: 'ap-guangzhou',
        instanceId,
        instanceType: 'S5.LARGE8',
      })),
    }),
  );
  const journal = join(dir, 'plan.journal.jsonl');
  const args = ['--json', 'fleet', 'apply', plan, '--concurrency', '2'];
  const child = spawnCli(args, { env: cliEnv(dir) });
  const done = finished(child);
  // Interrupt once the first change has ended.
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      let text = '';
      try {
        text = readFileSync(journal, 'utf8');
      } catch {}
      if (text.includes('"type":"end"')) {
        clearInterval(timer);
        child.kill('SIGINT');
        resolve();
      }
    }, 50);
  });
  const result = await done;
  expect(result.code, result.stderr).toBe(3);
  expect(result.stderr).toContain('stopping: no new change starts');
  const report = JSON.parse(result.stdout) as {
    counts: Record<'changed' | 'pending' | 'inFlight' | 'aborted' | 'failed', number>;
    interrupted: boolean;
  };
  expect(schemaErrors('fleet-apply', report)).toEqual([]);
  expect(report.interrupted).toBe(true);
  expect(report.counts).toMatchObject({ inFlight: 0, aborted: 0, failed: 0 });
  expect(report.counts.pending, JSON.stringify(report.counts)).toBeGreaterThan(0);
  expect(report.counts.changed + report.counts.pending).toBe(ids.length);

  const resumed = await cli([...args, '--resume'], { env: cliEnv(dir) });
  expect(resumed.code, resumed.stderr).toBe(0);
  expect(JSON.parse(resumed.stdout)).toMatchObject({ ok: true, counts: { changed: ids.length } });
  const accepted = (await mock.log('tencent')).filter((e) => e.outcome === 'accepted');
  for (const id of ids)
    expect(
      accepted.filter((e) => e.instanceIds.includes(id)),
      id,
    ).toHaveLength(1);
}, 90_000);
