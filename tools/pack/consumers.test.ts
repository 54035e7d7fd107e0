// The packed packages as their users get them (issue 16): the six tarballs (`npm pack`, on the dist/ `npm test`
// built) installed together, as the facade's README says, into a scratch ESM project (`"type": "module"`) and a
// scratch CommonJS one. Each runs its program (consumer/<kind>/call.js) in a plain Node process against the mock
// started here from the workspace, and compiles the type tests (consumer/types) with tsc under node16, nodenext and
// bundler against the installed declarations.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDereferenced } from '../generate/load-spec.js';
import { importable, publishedPackages } from './check';
import { manifestOf } from './manifest';
import { runTsc, TSCONFIGS, verdict, writeTypeTests } from './type-tests';

const run = promisify(execFile);
const scratch = mkdtempSync(join(tmpdir(), 'instancekit-consumers-'));
const KINDS = ['esm', 'cjs'] as const;
type Kind = (typeof KINDS)[number];
const expectedErrors = new Map<Kind, Map<string, number[]>>();
let mocks: RunningMocks;

/** The version the workspace has of a package the type tests need (expect-type, @types/node): npm's cache has it. */
function workspaceVersion(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}

beforeAll(async () => {
  const tarballs = join(scratch, 'tarballs');
  mkdirSync(tarballs);
  // Every published package one can import (the CLI, a command only, is tested as a process elsewhere).
  const names = publishedPackages()
    .map(manifestOf)
    .filter(importable)
    .map((manifest) => manifest.name as string);
  execFileSync(
    'npm',
    [
      'pack',
      '--ignore-scripts',
      ...names.flatMap((name) => ['--workspace', name]),
      '--pack-destination',
      tarballs,
    ],
    { stdio: 'ignore' },
  );
  const files = readdirSync(tarballs).map((name) => join(tarballs, name));
  expect(files).toHaveLength(names.length);
  const installs = KINDS.map((kind) => {
    const project = join(scratch, kind);
    cpSync(fileURLToPath(new URL(`./consumer/${kind}/`, import.meta.url)), project, { recursive: true });
    expectedErrors.set(kind, writeTypeTests(project));
    // openapi-fetch, Prism and the type-test tools come from npm's cache (npm ci filled it); ours only from tarballs.
    return run(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        ...files,
        `expect-type@${workspaceVersion('expect-type')}`,
        `@types/node@${workspaceVersion('@types/node')}`,
      ],
      { cwd: project },
    );
  });
  [mocks] = await Promise.all([
    startMocks({
      providers: ['tencent-cvm-api3', 'tencent-cvm-legacy', 'zenlayer-zec', 'jdcloud-vm', 'jdcloud-billing'],
    }),
    ...installs,
  ]);
}, 300_000);

// Two installs' worth of node_modules to delete: more than the default 10 s on a busy disk.
afterAll(async () => {
  await mocks?.close();
  rmSync(scratch, { recursive: true, force: true });
}, 60_000);

interface Example {
  name: string;
  value: Record<string, unknown>;
}

/** The named response examples of `operationId` in `spec` (a path under specs/), every status. */
function examples(spec: string, operationId: string): Example[] {
  const doc = loadDereferenced(fileURLToPath(new URL(`../../specs/${spec}`, import.meta.url))) as {
    paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
  };
  for (const item of Object.values(doc.paths)) {
    for (const operation of Object.values(item)) {
      if (operation?.operationId !== operationId) continue;
      return Object.values(operation.responses ?? {}).flatMap((response) => {
        const media = (response as { content?: Record<string, { examples?: Record<string, Example> }> })
          .content?.['application/json'];
        return Object.entries(media?.examples ?? {}).map(([name, { value }]) => ({ name, value }));
      });
    }
  }
  throw new Error(`${operationId} is not in ${spec}`);
}

const success = (spec: string, operationId: string) =>
  examples(spec, operationId).find(({ name }) => name === 'success')!.value;

/** The first error example of an operation and the provider code it carries (each provider's envelope). */
function errorExample(spec: string, operationId: string): { name: string; code: string } {
  const found = examples(spec, operationId).find(({ name }) => name !== 'success')!;
  const value = found.value as {
    Response?: { Error?: { Code?: string } };
    error?: { status?: string };
    code?: string;
  };
  return { name: found.name, code: (value.Response?.Error?.Code ?? value.error?.status ?? value.code)! };
}

/** Runs a project's call.js in a plain Node process against the mock; its JSON output. */
// biome-ignore lint/suspicious/noExplicitAny: the programs' JSON, checked field by field below
async function callFrom(kind: Kind, example: string): Promise<Record<string, any>> {
  const { stdout } = await run(process.execPath, ['call.js'], {
    cwd: join(scratch, kind),
    env: { ...process.env, CONSUMER_MOCK: JSON.stringify({ urls: mocks.urls, errorExample: example }) },
  });
  // biome-ignore lint/suspicious/noExplicitAny: as above
  return JSON.parse(stdout) as Record<string, any>;
}

// biome-ignore lint/suspicious/noExplicitAny: a Quote as JSON
function expectPricedQuote(quote: Record<string, any>, provider: string, action: string): void {
  expect(quote).toMatchObject({ provider, action, availability: 'available' });
  expect(quote.currency).toMatch(/^[A-Z]{3}$/);
  expect(quote.lines.length).toBeGreaterThan(0);
  for (const line of quote.lines) {
    expect([line.originalAmount, line.discountedAmount].some((n) => Number.isFinite(n))).toBe(true);
  }
}

describe('a scratch ESM project ("type": "module") with the tarballs installed', () => {
  it('quotes through instancekit/tencent and calls both Tencent roads on the mock; typed errors', async () => {
    const failure = errorExample('tencent-cvm/api3.yaml', 'DescribeInstancesStatus');
    const out = await callFrom('esm', failure.name);
    expectPricedQuote(out.quote, 'tencent', 'InquiryPriceResetInstancesType');
    expect(out.api3).toEqual(success('tencent-cvm/api3.yaml', 'DescribeInstancesStatus').Response);
    expect(out.legacy).toEqual(success('tencent-cvm/legacy.yaml', 'DescribeInstancesStatus').Response);
    expect(out.apiError).toEqual({ isApiError: true, providerCode: failure.code });
    expect(out.refused).toEqual({ isValidationError: true, field: 'InstanceTypo' });
  }, 60_000);
});

describe('a scratch CommonJS project with the tarballs installed', () => {
  it('quotes JD Cloud through require("instancekit") and calls the Zenlayer and JD clients on the mock', async () => {
    const failure = errorExample('jdcloud-vm/vm.yaml', 'describeInstance');
    const out = await callFrom('cjs', failure.name);
    expectPricedQuote(out.quote, 'jdcloud', 'calculateTotalPrice');
    expect(out.zenlayer).toEqual(success('zenlayer-zec/zec.yaml', 'DescribeInstancesStatus').response);
    expect(out.jdcloud).toEqual(success('jdcloud-vm/vm.yaml', 'describeInstance').result);
    expect(out.apiError).toEqual({ isApiError: true, providerCode: failure.code });
    expect(out.refused).toEqual({ isValidationError: true, field: 'instanceTypo' });
  }, 60_000);
});

// tsc runs of a few seconds each (~6 s of CPU: the generated schemas are most of it), two at a time (two cores).
const slots = { free: 2, waiting: [] as (() => void)[] };
async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots.free === 0) await new Promise<void>((resolve) => slots.waiting.push(resolve));
  else slots.free--;
  try {
    return await work();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

describe.concurrent('type tests against the installed declarations (tsc, strict, skipLibCheck false)', () => {
  // Under bundler resolution a file is an import whatever its package's "type", so the CJS project would repeat
  // the ESM one's run; node16 and nodenext resolve its imports as require() (the .d.cts declarations).
  const cases = KINDS.flatMap((kind) =>
    TSCONFIGS.filter((config) => kind === 'esm' || config !== 'bundler').map((config) => ({ kind, config })),
  );
  it.each(cases)(
    '$kind project, tsconfig $config',
    async ({ kind, config }) => {
      const expected = expectedErrors.get(kind)!;
      expect([...expected.values()].flat().length).toBeGreaterThan(20);
      const { diagnostics, output } = await inSlot(() => runTsc(join(scratch, kind), config));
      expect(verdict(diagnostics, expected), output).toEqual([]);
    },
    120_000,
  );
});
