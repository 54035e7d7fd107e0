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
