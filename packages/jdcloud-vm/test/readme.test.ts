/** The README's example runs as written against the mocks, and prints what its comments say. */
import { readFileSync } from 'node:fs';
import { startMocks } from '@instancekit/mock';
import { expect, it } from 'vitest';
import { createJdcloudVmClient } from '../src/index';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const example = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1]!)
  .find((code) => code.includes('startMocks'));

it('the example against the mock runs and prints the documented values', async () => {
  expect(example).toBeDefined();
  // The example is plain JavaScript apart from its imports, which are passed in instead.
  const body = example!.replace(/^import .*;$/gm, '');
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
    ...args: string[]
  ) => (...values: unknown[]) => Promise<void>;
  const printed: unknown[][] = [];
  const run = new AsyncFunction('startMocks', 'createJdcloudVmClient', 'console', body);
  await run(startMocks, createJdcloudVmClient, { log: (...values: unknown[]) => printed.push(values) });
  expect(printed).toEqual([
    [58.5, 1],
    ['i-6za0ovr24v', 'resizing'],
    ['i-p3yh27xd3s', 'running'],
    ['running', 'g.n2.medium'],
  ]);
}, 60_000);
