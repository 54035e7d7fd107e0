// The clients build each request themselves (core's wire-request.ts) instead of going through openapi-fetch's
// createClient, but the signers keep openapi-fetch's middleware contract and core still ships
// `fragmentActionMiddleware`, so a user can wire the generated path types into a plain openapi-fetch client.
// This pins that both roads put the same bytes on the wire: a plain openapi-fetch client with the action
// middleware and our signer, against our client, same call, clock and nonce pinned.
import { fragmentActionMiddleware, signerMiddleware } from '@instancekit/core';
import createClient from 'openapi-fetch';
import { expect, it } from 'vitest';
import type { paths as Api3Paths } from '../src/generated/api3-schema.js';
import type { paths as LegacyPaths } from '../src/generated/legacy-schema.js';
import { API_VERSION, api3Signer, createTencentCvmClient } from '../src/index.js';
import { createTencentCvmLegacyClient, legacySigner } from '../src/legacy.js';
import { legacyAdapter } from '../src/legacy-transport.js';

const credentials = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
};
const now = () => 1_551_113_065_000;
const nonce = () => 11886;

interface Wire {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function recorder() {
  const seen: Wire[] = [];
  const fetch = async (request: Request) => {
    seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    return Response.json({ Response: { RequestId: 'req-1' } });
  };
  return { seen, fetch };
}

it('legacy: openapi-fetch + fragmentActionMiddleware + the v1 signer send what our client sends', async () => {
  const ours = recorder();
  await createTencentCvmLegacyClient({
    credentials,
    region: 'ap-guangzhou',
    now,
    nonce,
    fetch: ours.fetch,
  }).ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S1.LARGE4', ForceStop: true });

  const plain = recorder();
  const adapter = legacyAdapter({ region: 'ap-guangzhou', now, nonce });
  const client = createClient<LegacyPaths>({ baseUrl: 'https://cvm.api.qcloud.com', fetch: plain.fetch });
  client.use(
    fragmentActionMiddleware({ name: 'Action', in: 'query' }),
    signerMiddleware(legacySigner(credentials, { now, nonce })),
  );
  const parts = adapter.buildRequest!(
    'ResetInstancesType',
    { method: 'get', path: '', kind: 'mutation' },
    {
      InstanceIds: ['ins-r8hr2upy'],
      InstanceType: 'S1.LARGE4',
      ForceStop: true,
    },
  );
  await client.GET('/v2/index.php#ResetInstancesType', parts as never);

  expect(plain.seen).toHaveLength(1);
  expect(plain.seen[0]!.url).toContain('Signature=');
  expect(ours.seen).toEqual(plain.seen);
});

it('API 3.0: openapi-fetch + fragmentActionMiddleware + the TC3 signer send what our client sends', async () => {
  const input = { InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S1.LARGE4' };
  const ours = recorder();
  await createTencentCvmClient({
    credentials,
    region: 'ap-guangzhou',
    now,
    fetch: ours.fetch,
  }).ResetInstancesType(input);

  const plain = recorder();
  const client = createClient<Api3Paths>({ baseUrl: 'https://cvm.tencentcloudapi.com', fetch: plain.fetch });
  client.use(
    fragmentActionMiddleware({ name: 'X-TC-Action', in: 'header' }),
    signerMiddleware(api3Signer(credentials, now)),
  );
  // What a user of the generated paths writes: the common headers and the body.
  const header = { 'X-TC-Version': API_VERSION, 'X-TC-Region': 'ap-guangzhou' };
  await client.POST('/#ResetInstancesType', { params: { header }, body: input } as never);

  expect(plain.seen).toHaveLength(1);
  expect(plain.seen[0]!.headers.authorization).toMatch(/^TC3-HMAC-SHA256 Credential=AKID/);
  expect(ours.seen).toEqual(plain.seen);
});
