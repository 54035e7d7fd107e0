// The two transports a client has on Node — node:http (the default under the `node` export condition) and fetch
// (a `fetch` passed in; the only one in browsers and workers) — put the same request on the wire: method, path and
// query, body, and every header the client signs or sets. Only what each HTTP stack adds by itself differs (fetch's
// accept*, sec-fetch-mode and user-agent; node's keep-alive). Clock and nonce are pinned, so the signatures match.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { afterAll, beforeAll, expect, it } from 'vitest';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const seen: Seen[] = [];
let endpoint = '';
const server = createServer((request: IncomingMessage, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const headers: Record<string, string> = {};
    for (let i = 0; i < request.rawHeaders.length; i += 2)
      headers[request.rawHeaders[i]!.toLowerCase()] = request.rawHeaders[i + 1]!;
    seen.push({
      method: request.method!,
      url: request.url!,
      headers,
      body: Buffer.concat(chunks).toString(),
    });
    response.setHeader('content-type', 'application/json');
    // One body every envelope reads as a success: Tencent's Response, Zenlayer's response, JD's result.
    response.end(
      JSON.stringify({ Response: { RequestId: 'r-1' }, requestId: 'r-1', response: {}, result: {} }),
    );
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = () => 1_700_000_000_000;
const viaFetch = { fetch: (request: Request) => globalThis.fetch(request) };

/** A mutation of each road, made with the given transport options. */
const ROADS: Record<string, (transport: object) => Promise<unknown>> = {
  'tencent-api3': (t) =>
    createTencentCvmClient({
      region: 'ap-guangzhou',
      endpoint,
      now,
      credentials: { secretId: 'AKIDwire', secretKey: 'wire-secret', token: 'wire-token' },
      ...t,
    }).ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8', ForceStop: true }),
  'tencent-legacy': (t) =>
    createTencentCvmLegacyClient({
      region: 'ap-guangzhou',
      endpoint,
      now,
      nonce: () => 4242,
      credentials: { secretId: 'AKIDwire', secretKey: 'wire-secret' },
      ...t,
    }).ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8' }),
  zenlayer: (t) =>
    createZenlayerZecClient({
      endpoint,
      now,
      credentials: { accessKeyId: 'zk', accessKeyPassword: 'zp' },
      ...t,
    }).ModifyInstanceType({ instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' }),
  jdcloud: (t) =>
    createJdcloudVmClient({
      region: 'cn-north-1',
      endpoint,
      now,
      nonce: () => '6b0b5a2e-6c2e-4d9e-9a55-0f2d5d1c0c11',
      credentials: { accessKey: 'jk', secretKey: 'js' },
      ...t,
    }).resizeInstance({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' }),
};

/** Headers one HTTP stack adds of its own accord; everything else comes from the client. */
const STACK_HEADERS = new Set([
  'accept',
  'accept-encoding',
  'accept-language',
  'connection',
  'sec-fetch-mode',
  'user-agent',
]);

const ownHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !STACK_HEADERS.has(name)));

for (const [name, call] of Object.entries(ROADS))
  it(`${name}: node:http and fetch send the same method, URL, body and client headers`, async () => {
    seen.length = 0;
    await call({});
    await call(viaFetch);
    expect(seen).toHaveLength(2);
    const [node, fetched] = seen as [Seen, Seen];
    // Signed: in Authorization, or (the legacy gateway) in the query.
    expect(
      node.headers.authorization ?? new URL(node.url, endpoint).searchParams.get('Signature'),
    ).toBeTruthy();
    expect({ ...node, headers: ownHeaders(node.headers) }).toEqual({
      ...fetched,
      headers: ownHeaders(fetched.headers),
    });
    // fetch announces itself; node:http does not, so the two really went through different stacks.
    expect(fetched.headers['sec-fetch-mode']).toBeDefined();
    expect(node.headers['sec-fetch-mode']).toBeUndefined();
  });

// What the `node` build loads for a call to an http endpoint, in a process of its own (this one has loaded
// everything already): node:http, not the global fetch (undici, about 170 ms the first time) and not node:https
// with its TLS stack, which it takes with the first https request. Run from the built packages, as users get them.
it('the node build calls an http endpoint without loading fetch (undici), node:https or TLS', async () => {
  const { execFile } = await import('node:child_process');
  const script = `
    import { createTencentCvmClient } from '@instancekit/tencent-cvm';
    const client = createTencentCvmClient({ region: 'ap-guangzhou', endpoint: ${JSON.stringify(endpoint)},
      credentials: { secretId: 'AKIDwire', secretKey: 'wire-secret' } });
    await client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8' });
    console.log(JSON.stringify(process.moduleLoadList));`;
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: new URL('..', import.meta.url).pathname },
      (error, out) => (error ? reject(error) : resolve(out)),
    ),
  );
  const loaded = JSON.parse(stdout.trim().split('\n').at(-1)!) as string[];
  expect(loaded).toContain('NativeModule http');
  expect(loaded.filter((name) => /undici|\bhttps\b|\btls\b/.test(name))).toEqual([]);
});

// The https road of the node build, end to end: a TLS server on loopback with a self-signed certificate made for
// this test (test/fixtures/loopback-tls.*, for 127.0.0.1 only, valid 2020–2120 so no machine clock fails it),
// trusted by the child through NODE_EXTRA_CA_CERTS.
it('the node build calls an https endpoint through node:https, signed, and reads the answer', async () => {
  const { readFileSync } = await import('node:fs');
  const { createServer: createTlsServer } = await import('node:https');
  const { execFile } = await import('node:child_process');
  const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
  const requests: Seen[] = [];
  const tlsServer = createTlsServer(
    { key: readFileSync(fixture('loopback-tls.key')), cert: readFileSync(fixture('loopback-tls.crt')) },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({
          method: request.method!,
          url: request.url!,
          headers: request.headers as Record<string, string>,
          body: Buffer.concat(chunks).toString(),
        });
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ Response: { RequestId: 'tls-1' } }));
      });
    },
  );
  await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
  try {
    const tlsEndpoint = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
    const script = `
      import { createTencentCvmClient } from '@instancekit/tencent-cvm';
      const client = createTencentCvmClient({ region: 'ap-guangzhou', endpoint: ${JSON.stringify(tlsEndpoint)},
        credentials: { secretId: 'AKIDwire', secretKey: 'wire-secret' } });
      const result = await client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8' });
      console.log(JSON.stringify({ requestId: result.$metadata.requestId, loaded: process.moduleLoadList }));`;
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        ['--input-type=module', '-e', script],
        {
          cwd: new URL('..', import.meta.url).pathname,
          env: { ...process.env, NODE_EXTRA_CA_CERTS: fixture('loopback-tls.crt') },
        },
        (error, out, err) => (error ? reject(new Error(err || String(error))) : resolve(out)),
      ),
    );
    const { requestId, loaded } = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      requestId: string;
      loaded: string[];
    };
    expect(requestId).toBe('tls-1');
    expect(loaded).toContain('NativeModule https');
    expect(loaded.filter((name) => /undici/.test(name))).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKIDwire\//);
    expect(requests[0]!.headers.host).toBe(tlsEndpoint.slice('https://'.length));
  } finally {
    await new Promise<void>((resolve) => tlsServer.close(() => resolve()));
  }
});

/** A Tencent client on the node road to a server that never answers, for `run`; the server closes after it. */
async function withHangingClient(
  run: (client: ReturnType<typeof createTencentCvmClient>) => Promise<void>,
): Promise<void> {
  const hanging = createServer(() => {});
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  try {
    await run(
      createTencentCvmClient({
        region: 'ap-guangzhou',
        endpoint: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`,
        credentials: { secretId: 'AKIDwire', secretKey: 'wire-secret' },
        retry: false,
      }),
    );
  } finally {
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));
  }
}

// The node road keeps every pending attempt's deadline on one timer, moved only when an earlier deadline comes:
// a short timeout started after a long one must still end on time, and each ends with its own TimeoutError.
it('node:http: a short timeout started after a long one ends on time; the long one ends at its own', () =>
  withHangingClient(async (client) => {
    const started = Date.now();
    const ended = (promise: Promise<unknown>) =>
      promise.then(
        () => ({ error: undefined, ms: Date.now() - started }),
        (error: unknown) => ({ error, ms: Date.now() - started }),
      );
    const long = ended(client.DescribeInstances({}, { timeoutMs: 1500 }));
    const short = ended(client.DescribeInstances({}, { timeoutMs: 150 }));
    const first = await short;
    expect(first.error).toMatchObject({ name: 'TimeoutError', code: 'Timeout' });
    expect(first.ms).toBeGreaterThanOrEqual(140);
    expect(first.ms).toBeLessThan(1000);
    const second = await long;
    expect(second.error).toMatchObject({ name: 'TimeoutError', code: 'Timeout' });
    expect(second.ms).toBeGreaterThanOrEqual(1490);
  }));

// The deadlines run on the monotonic clock: the wall clock set forward (NTP, a resumed VM) must not end an attempt
// early, set back must not hold it past its timeout. Date.now is the platform's, moved here as a clock step would.
it('node:http: a wall clock stepped forward or back changes no attempt deadline', () =>
  withHangingClient(async (client) => {
    const realNow = Date.now;
    try {
      for (const stepMs of [60_000, -60_000]) {
        const started = performance.now();
        const call = client.DescribeInstances({}, { timeoutMs: 300 }).catch((error: unknown) => error);
        await new Promise((resolve) => setTimeout(resolve, 50));
        Date.now = () => realNow() + stepMs;
        const error = await call;
        const tookMs = performance.now() - started;
        Date.now = realNow;
        expect(error, `clock stepped ${stepMs} ms`).toMatchObject({ name: 'TimeoutError', code: 'Timeout' });
        expect(tookMs, `clock stepped ${stepMs} ms`).toBeGreaterThanOrEqual(290);
        expect(tookMs, `clock stepped ${stepMs} ms`).toBeLessThan(2_000);
      }
    } finally {
      Date.now = realNow;
    }
  }));
