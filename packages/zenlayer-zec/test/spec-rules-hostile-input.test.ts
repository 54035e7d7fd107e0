/**
 * The rules of specs/zenlayer-zec/zec.yaml reach the typed client: a hostile value is refused with a
 * ValidationError naming the field and nothing is sent (a custom fetch records every request). One valid call per
 * operation proves the same client does send. Zenlayer has no region, so no regionPattern is generated.
 */
import { ValidationError } from '@instancekit/core';
import { describe, expect, it } from 'vitest';
import * as generated from '../src/generated/operations.js';
import { createZenlayerZecClient } from '../src/index.js';

const CREDENTIALS = { accessKeyId: 'zl-rules-access-key-01', accessKeyPassword: 'zl-rules-password-01' };
const REQUEST_ID = 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3';

function recorder() {
  const calls: Request[] = [];
  const fetch = async (request: Request) => {
    calls.push(request);
    return new Response(
      JSON.stringify({
        requestId: REQUEST_ID,
        response: { requestId: REQUEST_ID, dataSet: [], totalCount: 0 },
      }),
      {
        status: 200,
        headers: { 'content-type': 'application/json' },
      },
    );
  };
  const client = createZenlayerZecClient({ credentials: CREDENTIALS, fetch, retry: false });
  return { calls, client };
}

async function refusedOn(call: () => Promise<unknown>, calls: Request[], field: string): Promise<void> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a ValidationError on ${field}`).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).field).toBe(field);
  expect(calls, 'requests that reached fetch').toHaveLength(0);
}

const INSTANCE = '1660545330971680835';

it('valid ids, types, images, keys and time zones are still sent', async () => {
  const { calls, client } = recorder();
  await client.ModifyInstanceType({ instanceId: INSTANCE, instanceType: 'z3a.g.C49.c8m32.1' });
  await client.InquiryPriceModifyInstanceType({ instanceId: INSTANCE, instanceType: 'z2a.cpu.4' });
  await client.ResetInstance({
    instanceId: INSTANCE,
    imageId: 'ubuntu2404_20240712',
    keyId: 'key-YWD2QFOl',
    timezone: 'America/Los_Angeles',
  });
  await client.ResetInstance({ instanceId: INSTANCE, imageId: 'image-xxxxxxxxx', timezone: 'Etc/GMT+8' });
  await client.DescribeInstancesStatus({
    instanceIds: [INSTANCE, '1478001766933994003'],
    resourceGroupId: 'rg-0001_a',
  });
  expect(calls).toHaveLength(5);
});

it('exports no regionPattern: the Zenlayer API has no region', () => {
  expect('regionPattern' in generated).toBe(false);
});

const HOSTILE_IDS = [
  '../x',
  'a/b',
  '1660545330971680835\r\n',
  '1660545330971680835 ',
  '\u0000',
  '😀',
  '',
  '-1',
  '9'.repeat(65),
];

describe('instanceId', () => {
  for (const instanceId of HOSTILE_IDS) {
    it(`${JSON.stringify(instanceId.slice(0, 24))} → instanceId / instanceIds[0]`, async () => {
      const { calls, client } = recorder();
      await refusedOn(
        () => client.ModifyInstanceType({ instanceId, instanceType: 'z2a.cpu.4' }),
        calls,
        'instanceId',
      );
      await refusedOn(
        () => client.InquiryPriceModifyInstanceType({ instanceId, instanceType: 'z2a.cpu.4' }),
        calls,
        'instanceId',
      );
      await refusedOn(() => client.ResetInstance({ instanceId }), calls, 'instanceId');
      await refusedOn(() => client.StopInstances({ instanceIds: [instanceId] }), calls, 'instanceIds[0]');
      await refusedOn(
        () => client.DescribeInstancesStatus({ instanceIds: [instanceId] }),
        calls,
        'instanceIds[0]',
      );
    });
  }
});

describe('other fields', () => {
  const cases: Array<[string, () => (c: ReturnType<typeof recorder>['client']) => Promise<unknown>, string]> =
    [
      [
        'instanceType with CRLF',
        () => (c) => c.ModifyInstanceType({ instanceId: INSTANCE, instanceType: 'z2a.cpu.4\r\n' }),
        'instanceType',
      ],
      [
        'instanceType with a slash',
        () => (c) => c.InquiryPriceModifyInstanceType({ instanceId: INSTANCE, instanceType: 'z2a/cpu' }),
        'instanceType',
      ],
      [
        'instanceType with a space',
        () => (c) => c.ModifyInstanceType({ instanceId: INSTANCE, instanceType: 'z2a cpu 4' }),
        'instanceType',
      ],
      [
        'imageId with NUL',
        () => (c) => c.ResetInstance({ instanceId: INSTANCE, imageId: 'ubuntu\u0000' }),
        'imageId',
      ],
      [
        'imageId with a slash',
        () => (c) => c.ResetInstance({ instanceId: INSTANCE, imageId: '../ubuntu' }),
        'imageId',
      ],
      [
        'keyId without the key- prefix',
        () => (c) => c.ResetInstance({ instanceId: INSTANCE, keyId: 'YWD2QFOl' }),
        'keyId',
      ],
      [
        'keyId with CRLF',
        () => (c) => c.ResetInstance({ instanceId: INSTANCE, keyId: 'key-YWD2QFOl\r\n' }),
        'keyId',
      ],
      [
        'timezone with CRLF',
        () => (c) => c.ResetInstance({ instanceId: INSTANCE, timezone: 'UTC\r\n' }),
        'timezone',
      ],
      [
        'timezone with a space',
        () => (c) => c.ResetInstance({ instanceId: INSTANCE, timezone: 'America/Los Angeles' }),
        'timezone',
      ],
      [
        'timezone starting with a slash',
        () => (c) => c.ResetInstance({ instanceId: INSTANCE, timezone: '/etc/passwd' }),
        'timezone',
      ],
      [
        'resourceGroupId with CRLF',
        () => (c) => c.DescribeInstancesStatus({ resourceGroupId: 'rg\r\n' }),
        'resourceGroupId',
      ],
    ];
  for (const [name, make, field] of cases) {
    it(`${name} → ${field}`, async () => {
      const { calls, client } = recorder();
      await refusedOn(() => make()(client), calls, field);
    });
  }
});
