// Runs the README's example (examples/readme-example.ts) against the Prism mock, and checks that the README
// shows the same code.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { main } from '../examples/readme-example.js';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');

it('the README example calls all seven actions and handles each typed error', async () => {
  const lines: string[] = [];
  await main((line) => lines.push(line));
  expect(lines[0]).toMatch(/^resize costs \d+(\.\d+)? CNY$/);
  expect(lines[1]).toMatch(/^resize accepted: [0-9a-f-]{36}$/);
  expect(lines[2]).toMatch(/^reinstall costs \d+(\.\d+)? CNY$/);
  expect(lines[3]).toMatch(/^reinstall accepted: [0-9a-f-]{36}$/);
  expect(lines[4]).toMatch(/^state: ins-r8hr2upy=RUNNING/);
  expect(lines[5]).toMatch(/^ins-r8hr2upy: S5\.LARGE8, last operation ResetInstancesType SUCCESS$/);
  expect(lines.slice(-3)).toEqual([
    'not sent: InstanceIds[0] pattern',
    'cancelled: Aborted',
    expect.stringMatching(
      /^refused: NotFound \(InvalidInstanceId\.NotFound\), request [0-9a-f-]{36}, HTTP 200$/,
    ),
  ]);
}, 60_000);

it('the README shows the code of the example', () => {
  const source = read('../examples/readme-example.ts');
  const body = source.slice(
    source.indexOf('// readme:start\n') + '// readme:start\n'.length,
    source.indexOf('  // readme:end'),
  );
  const dedented = body.replace(/^ {2}/gm, '');
  const readme = read('../README.md');
  expect(readme).toContain(dedented);
});
