// The root README's `instancekit` commands run as written against the mock its first line starts (the mock's
// fixture and the example plan as shipped): only the ports (the README's are the mock's defaults, the test's are
// ephemeral) and the journal's folder differ. Each command must exit 0.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lexer } from 'marked';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { assertBuilt, BIN, type Mock, startMock, tempDir } from './support.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const block = Lexer.lex(readFileSync(join(root, 'README.md'), 'utf8')).find(
  (token) => token.type === 'code' && (token as { text: string }).text.includes('npx instancekit'),
) as { text: string } | undefined;
/** The README's default ports of each mock (npm run mock: consecutive from 4010, in name order). */
const PORTS = { jdcloud: 4011, tencent: 4012, zenlayer: 4014 } as const;

let dir: string;
let mock: Mock;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir('readme');
  const fixture = JSON.parse(readFileSync(join(root, 'packages/cli/examples/mock-fleet.json'), 'utf8'));
  mock = await startMock(dir, fixture, [], { signed: false });
});
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('the README shows the mock started with the example fixture, then instancekit commands', () => {
  expect(block?.text).toContain(
    'npm run mock -- --stateful --instances packages/cli/examples/mock-fleet.json',
  );
});

it("runs the README's instancekit commands as written: each exits 0", () => {
  const lines = block!.text.split('\n');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: dir };
  for (const line of lines.filter((l) => l.startsWith('export ')))
    for (const [, name, value] of line.matchAll(/(\w+)=(\S+)/g)) env[name!] = value;
  // The example plan with the test's ports.
  let plan = readFileSync(join(root, 'packages/cli/examples/plan.yaml'), 'utf8');
  for (const [provider, port] of Object.entries(PORTS))
    plan = plan.replace(`http://127.0.0.1:${port}`, mock.urls[provider as keyof typeof PORTS]);
  const planPath = join(dir, 'plan.yaml');
  writeFileSync(planPath, plan);
  const commands = lines.filter((l) => l.includes('npx instancekit'));
  expect(commands.length).toBeGreaterThanOrEqual(5);
  for (const command of commands) {
    let shell = command.replace('npx instancekit', `${process.execPath} ${BIN}`);
    for (const [provider, port] of Object.entries(PORTS))
      shell = shell.replaceAll(`http://127.0.0.1:${port}`, mock.urls[provider as keyof typeof PORTS]);
    shell = shell
      .replaceAll('packages/cli/examples/plan.yaml', planPath)
      .replaceAll('/tmp/window.jsonl', join(dir, 'window.jsonl'));
    const result = spawnSync('sh', ['-c', shell], { env, encoding: 'utf8', timeout: 60_000 });
    expect({ command, status: result.status, stderr: result.status ? result.stderr : '' }).toEqual({
      command,
      status: 0,
      stderr: '',
    });
  }
}, 120_000);
