/**
 * Every documented (or defensive) rule of specs/jdcloud-vm/{vm,billing}.yaml reaches the typed client through the
 * generated tables: a hostile value is refused with a ValidationError naming the field, and nothing is sent (a
 * custom fetch records every request). One valid call per operation proves the same client does send.
 */
import { ValidationError } from '@instancekit/core';
import { describe, expect, it } from 'vitest';
import { regionPattern } from '../src/generated/operations.js';
import { createJdcloudVmClient } from '../src/index.js';

const CREDENTIALS = { accessKey: 'AKIDJDRULES000000001', secretKey: 'sk-rules-0123456789abcdef' };

function recorder() {
  const calls: Request[] = [];
  const fetch = async (request: Request) => {
    calls.push(request);
    return new Response('{"requestId":"c0ffee00c0ffee00c0ffee00c0ffee00","result":{}}', {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = createJdcloudVmClient({
    region: 'cn-north-1',
    credentials: CREDENTIALS,
    fetch,
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

const INSTANCE = 'i-6za0ovr24v';
const GOOD_REBUILD = {
  instanceId: INSTANCE,
  imageId: 'img-m5s0t0y2mp',
  password: 'Ab3$kq9!Zt',
  hostname: 'web-01.example',
  keyNames: undefined,
  metadata: [{ key: 'role', value: 'web\nserver' }],
  userdata: [{ key: 'launch-script' as const, value: 'IyEvYmluL2Jhc2gKZWNobyBoZWxsbwo=' }],
};

describe('valid input is still sent', () => {
  it('rebuildInstance, resizeInstance, describeInstanceStatus and calculateTotalPrice with every ruled field', async () => {
    const { calls, client } = recorder();
    await client.rebuildInstance(GOOD_REBUILD);
    await client.resizeInstance({ instanceId: INSTANCE, instanceType: 'g.n2.medium' });
    await client.describeInstanceStatus({
      filters: [{ name: 'instanceId', values: [INSTANCE], operator: 'eq' }],
    });
    await client.calculateTotalPrice({
      cmd: 3,
      packageCount: 1,
      operateTime: '2026-01-15 10:00:00',
      orderList: [
        {
          resourceId: INSTANCE,
          appCode: 'jcloud',
          serviceCode: 'vm',
          region: 'cn-north-1',
          az: 'cn-north-1a',
          billingType: 3,
          formula: [{ key: 'g.n2.large', value: 1 }],
        },
      ],
    });
    await client.calculateTotalPrice({ cmd: 1, packageCount: 1, operateTime: '2026-01-15T10:00:00Z' });
    expect(calls).toHaveLength(5);
  });
});

describe('path parameters can never change the path', () => {
  for (const instanceId of [
    '../x',
    '..',
    '.',
    'a/b',
    '%2e%2e',
    '',
    'i-6za0ovr24v/../../x',
    'i-6za0ovr24v#x',
  ]) {
    it(`instanceId ${JSON.stringify(instanceId)} → instanceId, on every operation with the parameter`, async () => {
      const { calls, client } = recorder();
      await refusedOn(() => client.describeInstance({ instanceId }), calls, 'instanceId');
      await refusedOn(() => client.stopInstance({ instanceId }), calls, 'instanceId');
      await refusedOn(
        () => client.resizeInstance({ instanceId, instanceType: 'g.n2.medium' }),
        calls,
        'instanceId',
      );
      await refusedOn(() => client.rebuildInstance({ instanceId }), calls, 'instanceId');
    });
  }

  it('regionPattern (generated from x-instancekit.regionPattern) refuses ".", "..", "a/b" and accepts the documented ids', () => {
    const re = new RegExp(regionPattern, 'u');
    for (const bad of [
      '..',
      '.',
      'a/b',
      '',
      'cn-north-1/..',
      '../cn-north-1',
      ' cn-north-1',
      'cn-north-1\n',
      'CN-NORTH-1',
      '%2e%2e',
    ])
      expect(re.test(bad), JSON.stringify(bad)).toBe(false);
    for (const good of ['cn-north-1', 'cn-east-1', 'cn-east-2', 'cn-south-1'])
      expect(re.test(good), good).toBe(true);
  });

  for (const region of ['..', '.', 'a/b', 'cn-north-1\r\n', '']) {
    it(`createJdcloudVmClient({ region: ${JSON.stringify(region)} }) → ValidationError naming region, nothing sent`, async () => {
      const sent: Request[] = [];
      const make = () =>
        createJdcloudVmClient({
          region,
          credentials: { accessKey: 'ak', secretKey: 'sk' },
          fetch: async (request: Request) => {
            sent.push(request);
            return new Response('{}');
          },
        });
      expect(make).toThrow(ValidationError);
      try {
        make();
      } catch (error) {
        expect((error as ValidationError).field).toBe('region');
      }
      expect(sent).toHaveLength(0);
    });
  }
});

describe('rebuildInstance', () => {
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['hostname with CRLF', { hostname: 'web\r\nHost: evil' }, 'hostname'],
    ['hostname with NUL', { hostname: 'web\u000001' }, 'hostname'],
    ['hostname with an emoji', { hostname: 'web-😀' }, 'hostname'],
    ['hostname with a space', { hostname: 'web 01' }, 'hostname'],
    ['hostname with an underscore', { hostname: 'web_01' }, 'hostname'],
    ['hostname starting with a hyphen', { hostname: '-web' }, 'hostname'],
    ['hostname ending with a dot', { hostname: 'web.' }, 'hostname'],
    ['hostname with a repeated hyphen', { hostname: 'web--01' }, 'hostname'],
    ['hostname with a repeated dot', { hostname: 'web..01' }, 'hostname'],
    ['userData "A" (not base64)', { userdata: [{ key: 'launch-script', value: 'A' }] }, 'userdata[0].value'],
    ['userData "AB" (unpadded)', { userdata: [{ key: 'launch-script', value: 'AB' }] }, 'userdata[0].value'],
    [
      'userData with padding inside',
      { userdata: [{ key: 'launch-script', value: 'YWJj=ZGVm' }] },
      'userdata[0].value',
    ],
    ['userData "===="', { userdata: [{ key: 'launch-script', value: '====' }] }, 'userdata[0].value'],
    [
      'userData with a newline',
      { userdata: [{ key: 'launch-script', value: 'YWJj\nZGVm' }] },
      'userdata[0].value',
    ],
    [
      'two launch scripts',
      {
        userdata: [
          { key: 'launch-script', value: 'YWJj' },
          { key: 'launch-script', value: 'ZGVm' },
        ],
      },
      'userdata',
    ],
    ['imageId without the img- prefix', { imageId: 'm5s0t0y2mp' }, 'imageId'],
    ['imageId with a slash', { imageId: 'img-../x' }, 'imageId'],
    ['imageId with upper case', { imageId: 'img-M5S0T0Y2MP' }, 'imageId'],
    ['key name with CRLF', { keyNames: ['key\r\n1'] }, 'keyNames[0]'],
    ['key name with NUL', { keyNames: ['key\u0000'] }, 'keyNames[0]'],
    ['metadata key with a newline', { metadata: [{ key: 'ro\nle', value: 'web' }] }, 'metadata[0].key'],
  ];
  for (const [name, input, field] of cases) {
    it(`${name} → ${field}`, async () => {
      const { calls, client } = recorder();
      await refusedOn(
        () => client.rebuildInstance({ instanceId: INSTANCE, ...input } as never),
        calls,
        field,
      );
    });
  }
});

describe('resizeInstance', () => {
  for (const instanceType of [
    'g.n2.medium\r\n',
    'g.n2 medium',
    'g/n2',
    '.g.n2',
    '\u0000',
    'g.n2.😀',
    'g'.repeat(65),
  ]) {
    it(`instanceType ${JSON.stringify(instanceType.slice(0, 20))} → instanceType`, async () => {
      const { calls, client } = recorder();
      await refusedOn(
        () => client.resizeInstance({ instanceId: INSTANCE, instanceType }),
        calls,
        'instanceType',
      );
    });
  }
});

describe('describeInstanceStatus and describeInstanceTypes filters', () => {
  it('a filter value with CRLF or NUL → filters[0].values[0]', async () => {
    for (const value of ['i-6za0ovr24v\r\nx', 'a\u0000b']) {
      const { calls, client } = recorder();
      await refusedOn(
        () => client.describeInstanceStatus({ filters: [{ name: 'instanceId', values: [value] }] }),
        calls,
        'filters[0].values[0]',
      );
      await refusedOn(
        () => client.describeInstanceTypes({ filters: [{ name: 'az', values: [value] }] }),
        calls,
        'filters[0].values[0]',
      );
    }
  });

  it('an operator that is not a lower-case word → filters[0].operator', async () => {
    for (const operator of ['eq\n', 'EQ', 'e q', '=']) {
      const { calls, client } = recorder();
      await refusedOn(
        () =>
          client.describeInstanceStatus({ filters: [{ name: 'instanceId', values: [INSTANCE], operator }] }),
        calls,
        'filters[0].operator',
      );
    }
  });
});

describe('calculateTotalPrice', () => {
  const order = { serviceCode: 'vm', billingType: 3 };
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['operateTime in another form', { operateTime: '15/01/2026' }, 'operateTime'],
    ['operateTime with CRLF', { operateTime: '2026-01-15 10:00:00\r\n' }, 'operateTime'],
    ['promotionInfo with NUL', { promotionInfo: '[]\u0000' }, 'promotionInfo'],
    ['region ".."', { orderList: [{ ...order, region: '..' }] }, 'orderList[0].region'],
    ['region "a/b"', { orderList: [{ ...order, region: 'a/b' }] }, 'orderList[0].region'],
    ['az not a zone', { orderList: [{ ...order, az: 'cn-north-1' }] }, 'orderList[0].az'],
    [
      'resourceId with a slash',
      { orderList: [{ ...order, resourceId: 'i-6za0ovr24v/x' }] },
      'orderList[0].resourceId',
    ],
    [
      'serviceCode with a space',
      { orderList: [{ ...order, serviceCode: 'v m' }] },
      'orderList[0].serviceCode',
    ],
    ['appCode with CRLF', { orderList: [{ ...order, appCode: 'jcloud\r\n' }] }, 'orderList[0].appCode'],
    ['pin with NUL', { orderList: [{ ...order, pin: 'a\u0000' }] }, 'orderList[0].pin'],
    ['startTime with CRLF', { orderList: [{ ...order, startTime: 'x\r\n' }] }, 'orderList[0].startTime'],
    ['endTime with CRLF', { orderList: [{ ...order, endTime: 'x\r\n' }] }, 'orderList[0].endTime'],
    ['formulaStr with CRLF', { orderList: [{ ...order, formulaStr: 'x\r\n' }] }, 'orderList[0].formulaStr'],
    ['taskId with NUL', { orderList: [{ ...order, taskId: '\u0000' }] }, 'orderList[0].taskId'],
    ['sourceId with NUL', { orderList: [{ ...order, sourceId: '\u0000' }] }, 'orderList[0].sourceId'],
    [
      'formula key with CRLF',
      { orderList: [{ ...order, formula: [{ key: 'g.n2\r\n', value: 1 }] }] },
      'orderList[0].formula[0].key',
    ],
    [
      'formula unit with NUL',
      { orderList: [{ ...order, formula: [{ key: 'g.n2.large', unit: '\u0000' }] }] },
      'orderList[0].formula[0].unit',
    ],
  ];
  for (const [name, input, field] of cases) {
    it(`${name} → ${field}`, async () => {
      const { calls, client } = recorder();
      await refusedOn(
        () => client.calculateTotalPrice({ cmd: 3, packageCount: 1, ...input } as never),
        calls,
        field,
      );
    });
  }
});
