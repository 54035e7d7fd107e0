/**
 * The exact wire requests, recorded by a custom fetch: method, URL (with the `%3A` colon and JD's filter
 * query form), every header, the Authorization for a pinned clock and nonce, and the body bytes. The expected
 * signatures are pinned and also recomputed here with node:crypto straight from the JDCLOUD2 description
 * (reference B2), independently of src/signing.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createJdcloudVmClient, type JdcloudInput } from '../src/index';

const NOW = Date.UTC(2026, 0, 15, 10, 0, 0);
const NONCE = 'ebf8b26d-c3be-402f-9f10-f8b6573fd823';
const CREDENTIALS = { accessKey: 'AKIDJDCAPTURE0000001', secretKey: 'sk-capture-0123456789abcdef' };

function capture(answers: Array<() => Response> = []) {
  const requests: Request[] = [];
  const bodies: Uint8Array[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    bodies.push(new Uint8Array(await request.clone().arrayBuffer()));
    const next = answers[requests.length - 1];
    return next
      ? next()
      : new Response('{"requestId":"c0ffee00c0ffee00c0ffee00c0ffee00","result":{}}', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
  };
  return { requests, bodies, fetch };
}

/** JDCLOUD2-HMAC-SHA256 written out again from the reference, for the pinned values below. */
function independentSignature(input: {
  method: string;
  host: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
  service: string;
}): string {
  const date = '20260115T100000Z';
  const names = Object.keys(input.headers).sort();
  const canonical = [
    input.method,
    input.path,
    input.query,
    names.map((name) => `${name}:${input.headers[name]}\n`).join(''),
    names.join(';'),
    createHash('sha256').update(input.body).digest('hex'),
  ].join('\n');
  const scope = `20260115/cn-north-1/${input.service}/jdcloud2_request`;
  const toSign = [
    'JDCLOUD2-HMAC-SHA256',
    date,
    scope,
    createHash('sha256').update(canonical).digest('hex'),
  ].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(
    hmac(hmac(hmac(`JDCLOUD2${CREDENTIALS.secretKey}`, '20260115'), 'cn-north-1'), input.service),
    'jdcloud2_request',
  );
  return createHmac('sha256', key).update(toSign).digest('hex');
}

function client(
  fetch: (request: Request) => Promise<Response>,
  nonce: () => string = () => NONCE,
  now = () => NOW,
) {
  return createJdcloudVmClient({ credentials: CREDENTIALS, region: 'cn-north-1', now, nonce, fetch });
}

describe('resizeInstance on the wire', () => {
  it('POSTs the JSON body to the %3A path, signed over content-type, host, date and nonce', async () => {
    const { requests, bodies, fetch } = capture();
    const result = await client(fetch).resizeInstance({
      instanceId: 'i-6za0ovr24v',
      instanceType: 'g.n2.large',
    });
    expect(result).toEqual({});
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.url).toBe(
      'https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances/i-6za0ovr24v%3AresizeInstance',
    );
    expect(new TextDecoder().decode(bodies[0])).toBe('{"instanceType":"g.n2.large"}');

    const signature = '397f45486ec2c3726703905079959fbe4ef2810a8144130b82c953dcd85f34b6';
    expect(
      independentSignature({
        method: 'POST',
        host: 'vm.jdcloud-api.com',
        path: '/v1/regions/cn-north-1/instances/i-6za0ovr24v%3AresizeInstance',
        query: '',
        headers: {
          'content-type': 'application/json',
          host: 'vm.jdcloud-api.com',
          'x-jdcloud-date': '20260115T100000Z',
          'x-jdcloud-nonce': NONCE,
        },
        body: '{"instanceType":"g.n2.large"}',
        service: 'vm',
      }),
    ).toBe(signature);
    expect(Object.fromEntries(request.headers.entries())).toEqual({
      authorization:
        'JDCLOUD2-HMAC-SHA256 Credential=AKIDJDCAPTURE0000001/20260115/cn-north-1/vm/jdcloud2_request, ' +
        `SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=${signature}`,
      'content-type': 'application/json',
      'x-jdcloud-date': '20260115T100000Z',
      'x-jdcloud-nonce': NONCE,
    });
  });
});

describe('describeInstanceStatus with filters on the wire', () => {
  it('GETs filters.N.name / filters.N.values.M (1-based, sorted, encoded) with no body', async () => {
    const { requests, bodies, fetch } = capture();
    await client(fetch).describeInstanceStatus({
      pageSize: 10,
      filters: [
        { name: 'instanceId', values: ['i-6za0ovr24v', 'i-p3yh27xd3s'] },
        { name: 'name', values: ['web 01/a+b'], operator: 'eq' },
      ],
    });
    const request = requests[0]!;
    expect(request.method).toBe('GET');
    const query =
      'filters.1.name=instanceId&filters.1.values.1=i-6za0ovr24v&filters.1.values.2=i-p3yh27xd3s' +
      '&filters.2.name=name&filters.2.operator=eq&filters.2.values.1=web%2001%2Fa%2Bb&pageSize=10';
    expect(request.url).toBe(`https://vm.jdcloud-api.com/v1/regions/cn-north-1/instanceStatus?${query}`);
    expect(bodies[0]).toHaveLength(0);

    const signature = '63adb430d739cc47647917a65f2fe8381deaec358d74eccf43d5d05dd972cd4b';
    expect(
      independentSignature({
        method: 'GET',
        host: 'vm.jdcloud-api.com',
        path: '/v1/regions/cn-north-1/instanceStatus',
        query,
        headers: {
          host: 'vm.jdcloud-api.com',
          'x-jdcloud-date': '20260115T100000Z',
          'x-jdcloud-nonce': NONCE,
        },
        body: '',
        service: 'vm',
      }),
    ).toBe(signature);
    expect(Object.fromEntries(request.headers.entries())).toEqual({
      authorization:
        'JDCLOUD2-HMAC-SHA256 Credential=AKIDJDCAPTURE0000001/20260115/cn-north-1/vm/jdcloud2_request, ' +
        `SignedHeaders=host;x-jdcloud-date;x-jdcloud-nonce, Signature=${signature}`,
      'x-jdcloud-date': '20260115T100000Z',
      'x-jdcloud-nonce': NONCE,
    });
  });
});

describe('calculateTotalPrice on the wire', () => {
  it('goes to billing.jdcloud-api.com and is signed for the billing service', async () => {
    const { requests, bodies, fetch } = capture();
    const body: JdcloudInput<'calculateTotalPrice'> = {
      cmd: 3,
      packageCount: 1,
      orderList: [
        {
          resourceId: 'i-6za0ovr24v',
          serviceCode: 'vm',
          region: 'cn-north-1',
          billingType: 3,
          formula: [{ key: 'g.n2.large', value: 1 }],
        },
      ],
    };
    await client(fetch).calculateTotalPrice(body);
    const request = requests[0]!;
    expect(request.url).toBe('https://billing.jdcloud-api.com/v1/regions/cn-north-1/calculateTotalPrice');
    expect(new TextDecoder().decode(bodies[0])).toBe(JSON.stringify(body));
    const signature = independentSignature({
      method: 'POST',
      host: 'billing.jdcloud-api.com',
      path: '/v1/regions/cn-north-1/calculateTotalPrice',
      query: '',
      headers: {
        'content-type': 'application/json',
        host: 'billing.jdcloud-api.com',
        'x-jdcloud-date': '20260115T100000Z',
        'x-jdcloud-nonce': NONCE,
      },
      body: JSON.stringify(body),
      service: 'billing',
    });
    expect(request.headers.get('authorization')).toBe(
      'JDCLOUD2-HMAC-SHA256 Credential=AKIDJDCAPTURE0000001/20260115/cn-north-1/billing/jdcloud2_request, ' +
        `SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce, Signature=${signature}`,
    );
  });
});

describe('every attempt is a new signed request', () => {
  it('draws a fresh nonce and date per attempt of a retried read', async () => {
    const unavailable = () =>
      new Response(
        '{"requestId":"aaaabbbbccccddddeeeeffff00001111","error":{"code":503,"status":"UNAVAILABLE"}}',
        {
          status: 503,
        },
      );
    const { requests, fetch } = capture([unavailable]);
    let n = 0;
    let clock = NOW;
    const c = createJdcloudVmClient({
      credentials: CREDENTIALS,
      region: 'cn-north-1',
      nonce: () => `nonce-${++n}`,
      now: () => (clock += 1000),
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
      fetch,
    });
    await c.describeInstance({ instanceId: 'i-6za0ovr24v' });
    expect(requests.map((r) => r.headers.get('x-jdcloud-nonce'))).toEqual(['nonce-1', 'nonce-2']);
    expect(requests.map((r) => r.headers.get('x-jdcloud-date'))).toEqual([
      '20260115T100001Z',
      '20260115T100002Z',
    ]);
    const [first, second] = requests.map((r) => r.headers.get('authorization'));
    expect(first).not.toBe(second);
  });
});
