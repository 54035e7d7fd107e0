// Issue 16 item 7: the CLI ends with its parent (`npm run mock` signalled: npm does not pass the signal on), prints
// its version, and the 401 and 422 answers say in a JSON body what is missing or wrong.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const root = fileURLToPath(new URL('../../..', import.meta.url));
const started: ChildProcess[] = [];

afterEach(() => {
  // Whatever the test left: the whole process group it started (npm, node), by its id.
  for (const child of started.splice(0)) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts `npm run mock -- …` in its own process group and resolves with the first mock's URL. */
function npmRunMock(args: string[]): Promise<{ npm: ChildProcess; url: string }> {
  const npm = spawn('npm', ['run', 'mock', '--', ...args], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(npm);
  return new Promise((resolve, reject) => {
    let out = '';
    npm.stdout?.on('data', (chunk: Buffer) => {
      out += chunk;
      const url = / → (http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ npm, url });
    });
    npm.on('exit', (code) => reject(new Error(`npm run mock exited (${code}): ${out}`)));
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(1000) });
    return true;
  } catch {
    return false;
  }
}

/** Whether the URL stops answering (connection refused) within 5 s. */
async function stopsAnswering(url: string): Promise<boolean> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (!(await answers(url))) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('instancekit-mock and its parent', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGKILL'] as const)(
    'npm run mock: %s to npm alone, and the mock stops serving and exits',
    async (signal) => {
      const { npm, url } = await npmRunMock(['--providers', 'zenlayer-zec', '--port', '0']);
      expect(await answers(url)).toBe(true);
      npm.kill(signal); // npm's own pid, not its group
      expect(await stopsAnswering(url)).toBe(true);
    },
    30_000,
  );

  it('a parent killed outright (SIGKILL): the mock notices it was re-parented and exits', async () => {
    // A parent that starts the CLI and does nothing else, as a test runner or a supervisor would.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `require('node:child_process').spawn(process.execPath, [${JSON.stringify(`${pkg}bin/instancekit-mock.mjs`)}, '--providers', 'zenlayer-zec', '--port', '0'], { stdio: 'inherit' }); setInterval(() => {}, 1000);`,
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    started.push(parent);
    const url = await new Promise<string>((resolve) => {
      let out = '';
      parent.stdout?.on('data', (chunk: Buffer) => {
        out += chunk;
        const found = / → (http:\/\/\S+)/.exec(out)?.[1];
        if (found) resolve(found);
      });
    });
    expect(await answers(url)).toBe(true);
    parent.kill('SIGKILL');
    expect(await stopsAnswering(url)).toBe(true);
  }, 30_000);

  it('--version prints the package version and exits 0', () => {
    const out = execFileSync(process.execPath, [`${pkg}bin/instancekit-mock.mjs`, '--version'], {
      encoding: 'utf8',
    });
    const { version } = JSON.parse(readFileSync(`${pkg}package.json`, 'utf8')) as { version: string };
    expect(out).toBe(`instancekit-mock ${version}\n`);
  });
});

describe('401 and 422 answers name what is missing or wrong', () => {
  let mocks: RunningMocks;
  beforeAll(async () => {
    mocks = await startMocks({ providers: ['tencent-cvm-api3', 'tencent-cvm-legacy', 'zenlayer-zec'] });
  }, 30_000);
  afterAll(() => mocks?.close());

  it('an unsigned API 3.0 request: 401 naming the Authorization header', async () => {
    const response = await fetch(mocks.urls['tencent-cvm-api3']!, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tc-action': 'DescribeInstances',
        'x-tc-version': '2017-03-12',
        'x-tc-region': 'ap-guangzhou',
        'x-tc-timestamp': '1700000000',
      },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 401,
      detail: 'The request is not signed: DescribeInstances requires header Authorization.',
      required: [{ in: 'header', name: 'Authorization' }],
    });
  });

  it('an unsigned legacy request: 401 naming the Signature parameter', async () => {
    const response = await fetch(
      `${mocks.urls['tencent-cvm-legacy']}/v2/index.php?Action=DescribeInstances&Region=gz`,
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ required: [{ in: 'query', name: 'Signature' }] });
  });

  it('a request that breaks the spec: 422 naming each field', async () => {
    const response = await fetch(`${mocks.urls['zenlayer-zec']}/api/v2/zec`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-zc-action': 'ModifyInstanceType',
        authorization: 'x',
      },
      body: '{"instanceId":1}',
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { validation: { location: string[]; message: string }[] };
    expect(body.validation).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ message: "Request body must have required property 'instanceType'" }),
        expect.objectContaining({
          location: ['body', 'instanceId'],
          message: 'Request body property instanceId must be string',
        }),
      ]),
    );
  });
});
