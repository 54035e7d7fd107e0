import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPrismLogger,
  defaultSpecsDir,
  discoverMockSpecs,
  MOCK_SPECS,
  MockError,
  mockNames,
  selectSpecs,
  startMock,
  startMocks,
} from '@instancekit/mock';
import { afterAll, describe, expect, it } from 'vitest';
import { call, example, FIXTURES, freePortRange, json, occupyPort } from './helpers';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A specs folder holding only the Zenlayer fixture, at the registry's path for zenlayer-zec. */
function specsDirWithZenlayerOnly(): string {
  const dir = mkdtempSync(join(tmpdir(), 'instancekit-mock-specs-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'zenlayer-zec'));
  copyFileSync(FIXTURES.zenlayer, join(dir, MOCK_SPECS['zenlayer-zec']!));
  return dir;
}

describe('the spec registry', () => {
  it('knows the five specs, in serving order (by spec path), named by their x-instancekit.api', () => {
    expect(mockNames).toEqual([
      'jdcloud-billing',
      'jdcloud-vm',
      'tencent-cvm-api3',
      'tencent-cvm-legacy',
      'zenlayer-zec',
    ]);
    expect(MOCK_SPECS['jdcloud-billing']).toBe('jdcloud-vm/billing.yaml');
  });

  it('finds a new provider by its spec alone: a root x-instancekit.api, no list to edit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'instancekit-mock-discover-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'acme-vm'));
    writeFileSync(
      join(dir, 'acme-vm', 'vm.yaml'),
      'openapi: 3.1.0\nx-instancekit:\n  api: acme-vm\npaths: {}\n',
    );
    writeFileSync(join(dir, 'acme-vm', 'shared.yaml'), 'openapi: 3.1.0\npaths: {}\n');
    expect(discoverMockSpecs(dir)).toEqual({ 'acme-vm': 'acme-vm/vm.yaml' });
  });

  it("reads the repository's specs/ when running from source", () => {
    expect(defaultSpecsDir().replace(/\\/g, '/')).toMatch(/\/specs\/$/);
  });

  it('skips a known spec whose file is missing unless it was asked for', () => {
    const specsDir = specsDirWithZenlayerOnly();
    const selection = selectSpecs({ specsDir });
    expect(selection.serve.map((s) => s.name)).toEqual(['zenlayer-zec']);
    expect(selection.skipped.map((s) => s.name)).toEqual(mockNames.filter((n) => n !== 'zenlayer-zec'));
  });

  it('fails clearly on a missing spec that was asked for', () => {
    const specsDir = specsDirWithZenlayerOnly();
    expect(() => selectSpecs({ specsDir, providers: ['zenlayer-zec', 'jdcloud-vm'] })).toThrow(MockError);
    expect(() => selectSpecs({ specsDir, providers: ['jdcloud-vm'] })).toThrow(
      /spec file not found: jdcloud-vm \(/,
    );
  });

  it('fails clearly on an unknown name, listing the known ones', () => {
    expect(() => selectSpecs({ providers: ['aws-ec2'] })).toThrow(
      `unknown mock "aws-ec2"; known: ${mockNames.join(', ')}`,
    );
  });

  it('fails when no spec exists at all', () => {
    const empty = mkdtempSync(join(tmpdir(), 'instancekit-mock-empty-'));
    dirs.push(empty);
    expect(() => selectSpecs({ specsDir: empty })).toThrow(/no spec files found/);
  });
});

describe('startMock / startMocks', () => {
  it('starts one registry spec by name from a specs folder', async () => {
    const mock = await startMock('zenlayer-zec', { specsDir: specsDirWithZenlayerOnly() });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(mock.operations).toBe(2);
      const answer = await call(
        `${mock.url}/api/v2/zec`,
        json(
          { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' },
          { 'x-zc-action': 'ModifyInstanceType' },
        ),
      );
      expect(answer.body).toEqual(example(FIXTURES.zenlayer, 'ModifyInstanceType', 'success').value);
    } finally {
      await mock.close();
    }
  });

  it('gives consecutive ports from `port`, and closes them all', async () => {
    const base = await freePortRange(2);
    const mocks = await startMocks({ specs: { a: FIXTURES.zenlayer, b: FIXTURES.jdcloud }, port: base });
    expect(mocks.urls).toEqual({ a: `http://127.0.0.1:${base}`, b: `http://127.0.0.1:${base + 1}` });
    await mocks.close();
    // Both ports are free again.
    await (await occupyPort(base)).close();
    await (await occupyPort(base + 1)).close();
  });

  it('reports a busy port as a MockError and closes the servers it had started', async () => {
    const base = await freePortRange(2);
    const blocker = await occupyPort(base + 1);
    try {
      await expect(
        startMocks({ specs: { a: FIXTURES.zenlayer, b: FIXTURES.jdcloud }, port: base }),
      ).rejects.toThrow(new MockError(`b: port ${base + 1} on 127.0.0.1 is already in use`));
      await (await occupyPort(base)).close();
    } finally {
      await blocker.close();
    }
  });

  it('reports an unreadable spec as a one-line MockError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'instancekit-mock-bad-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bad.yaml'), 'openapi: 3.1.0\ninfo: [unclosed\n');
    const error = await startMock('bad', { specPath: join(dir, 'bad.yaml') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MockError);
    expect((error as Error).message).toMatch(/^bad: cannot load .*bad\.yaml: /);
    expect((error as Error).message).not.toContain('\n');
  });
});

describe('the Prism logger', () => {
  it('is silent by default and writes one line per message when verbose', () => {
    const lines: string[] = [];
    createPrismLogger('zen', false, (line) => lines.push(line))
      .child({ name: 'NEGOTIATOR' })
      .info('hidden');
    expect(lines).toEqual([]);
    const verbose = createPrismLogger('zen', true, (line) => lines.push(line));
    verbose.child({ name: 'NEGOTIATOR' }).success('\u001b[32mfound\u001b[39m');
    verbose.debug('too chatty');
    verbose.error({ input: {} }, 'Request terminated');
    expect(lines).toEqual(['[zen:NEGOTIATOR] info found', '[zen] error Request terminated']);
  });
});
