/**
 * The rules of specs/tencent-cvm/{api3,legacy,components}.yaml reach the typed client on both transports: a hostile
 * value is refused with a ValidationError naming the field and nothing is sent (a custom fetch records every
 * request). One valid call proves the same client does send.
 */
import { ValidationError } from '@instancekit/core';
import { describe, expect, it } from 'vitest';
import { regionPattern } from '../src/generated/operations.js';
import { makeTencentClient } from './clients.js';

const CREDENTIALS = { secretId: 'AKIDrulestest000000001', secretKey: 'rules-secret-key-0001' };

function recorder(transport: 'api3' | 'legacy') {
  const calls: Request[] = [];
  const fetch = async (request: Request) => {
    calls.push(request);
    return new Response(JSON.stringify({ Response: { RequestId: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b' } }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = makeTencentClient({
    region: 'ap-guangzhou',
    credentials: CREDENTIALS,
    fetch,
    transport,
    retry: false,
  });
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

describe.each(['api3', 'legacy'] as const)('%s transport', (transport) => {
  it('valid instance types and filters are still sent', async () => {
    const { calls, client } = recorder(transport);
    await client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.16XLARGE256' });
    await client.InquiryPriceResetInstancesType({
      InstanceIds: ['ins-r8hr2upy'],
      InstanceType: 'SA2.MEDIUM4',
    });
    await client.DescribeInstances({
      Filters: [
        { Name: 'zone', Values: ['ap-guangzhou-3'] },
        { Name: 'instance-name', Values: ['未命名'] },
      ],
    });
    expect(calls).toHaveLength(3);
  });

  for (const InstanceType of [
    'S5.LARGE8\r\n',
    'S5 LARGE8',
    'S5/LARGE8',
    '.S5',
    '\u0000',
    'S5.😀',
    'S'.repeat(65),
  ]) {
    it(`InstanceType ${JSON.stringify(InstanceType.slice(0, 20))} → InstanceType`, async () => {
      const { calls, client } = recorder(transport);
      await refusedOn(
        () => client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType }),
        calls,
        'InstanceType',
      );
      await refusedOn(
        () => client.InquiryPriceResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType }),
        calls,
        'InstanceType',
      );
    });
  }

  it('a filter name or value with CRLF, NUL or C1 controls → Filters[0].Name / Filters[0].Values[0]', async () => {
    for (const bad of ['zone\r\nX-TC-Action: StopInstances', 'a\u0000b', 'a\u0085b']) {
      const { calls, client } = recorder(transport);
      await refusedOn(
        () => client.DescribeInstances({ Filters: [{ Name: bad, Values: ['ap-guangzhou-3'] }] }),
        calls,
        'Filters[0].Name',
      );
      await refusedOn(
        () => client.DescribeInstances({ Filters: [{ Name: 'zone', Values: [bad] }] }),
        calls,
        'Filters[0].Values[0]',
      );
    }
  });

  it('an oversized filter value → Filters[0].Values[0]', async () => {
    const { calls, client } = recorder(transport);
    await refusedOn(
      () => client.DescribeInstances({ Filters: [{ Name: 'zone', Values: ['z'.repeat(256)] }] }),
      calls,
      'Filters[0].Values[0]',
    );
  });
});

describe('region', () => {
  it('regionPattern (generated from x-instancekit.regionPattern) refuses ".", "..", "a/b" and accepts the documented ids', () => {
    const re = new RegExp(regionPattern, 'u');
    for (const bad of [
      '..',
      '.',
      'a/b',
      '',
      'ap-guangzhou\r\n',
      ' ap-guangzhou',
      'AP-GUANGZHOU',
      'ap-',
      'gz',
      'ap--x',
    ])
      expect(re.test(bad), JSON.stringify(bad)).toBe(false);
    for (const good of [
      'ap-beijing',
      'ap-guangzhou',
      'ap-shanghai',
      'ap-hongkong',
      'na-toronto',
      'na-siliconvalley',
      'ap-singapore',
      'ap-shanghai-fsi',
      'ap-shenzhen-fsi',
      'ap-guangzhou-open',
    ])
      expect(re.test(good), good).toBe(true);
  });

  for (const transport of ['api3', 'legacy'] as const) {
    for (const region of ['ap-guangzhou\r\n', '..', 'a/b', 'AP-GUANGZHOU', '']) {
      it(`${transport}: makeTencentClient({ region: ${JSON.stringify(region)} }) → ValidationError naming region`, () => {
        const make = () =>
          makeTencentClient({
            region,
            transport,
            credentials: { secretId: 'id', secretKey: 'key' },
            fetch: async () => {
              throw new Error('nothing may be sent');
            },
          });
        expect(make).toThrow(ValidationError);
        try {
          make();
        } catch (error) {
          expect((error as ValidationError).field).toBe('region');
        }
      });
    }
  }
});
