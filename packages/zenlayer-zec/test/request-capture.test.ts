import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createZenlayerZecClient } from '../src/index';

const credentials = { accessKeyId: 'ZLEXAMPLEKEYID0001', accessKeyPassword: 'TESTPASSWORDexample0000000' };
// 2026-01-01T00:00:00.999Z: X-ZC-Timestamp is whole seconds, rounded down.
const NOW = 1_767_225_600_999;

interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records every request and answers each with the next canned response. */
function recorder(answers: Array<() => Response>) {
  const requests: Captured[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers.entries()),
      body: await request.text(),
    });
    const next = answers[Math.min(requests.length, answers.length) - 1];
    if (!next) throw new Error('no canned answer');
    return next();
  };
  return { fetch, requests };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

const accepted = json(200, {
  requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3',
  response: { requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3' },
});

/** ZC2 recomputed here with node:crypto, independently of src/signing. */
function zc2(password: string, timestamp: number, host: string, contentType: string, body: string): string {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const canonical = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:${host}\n`,
    'content-type;host',
    sha(body),
  ].join('\n');
  return createHmac('sha256', password)
    .update(['ZC2-HMAC-SHA256', String(timestamp), sha(canonical)].join('\n'))
    .digest('hex');
}

describe('ModifyInstanceType on the wire', () => {
  it('sends exactly this request', async () => {
    const { fetch, requests } = recorder([accepted]);
    const client = createZenlayerZecClient({ credentials, fetch, now: () => NOW });
    const result = await client.ModifyInstanceType({
      instanceId: '1660545330971680835',
      instanceType: 'z2a.cpu.4',
    });
    expect(result).toEqual({ requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3' });

    expect(requests).toHaveLength(1);
    const body = '{"instanceId":"1660545330971680835","instanceType":"z2a.cpu.4"}';
    expect(requests[0]).toEqual({
      method: 'POST',
      // The path key's `#ModifyInstanceType` fragment never reaches the wire.
      url: 'https://console.zenlayer.com/api/v2/zec',
      headers: {
        // Pinned literal (computed once with node:crypto for this id, password, time and body).
        authorization:
          'ZC2-HMAC-SHA256 Credential=ZLEXAMPLEKEYID0001, SignedHeaders=content-type;host, ' +
          'Signature=2d24d77900eb2f24d91b772215fa279d5e24bbc8eb6a4e4a51c30935da94f59e',
        'content-type': 'application/json; charset=utf-8',
        'x-zc-action': 'ModifyInstanceType',
        'x-zc-signature-method': 'ZC2-HMAC-SHA256',
        'x-zc-timestamp': '1767225600',
        'x-zc-version': '2025-09-01',
      },
      body,
    });
    // The literal is what ZC2 gives for the bytes and the Content-Type actually sent.
    expect(
      zc2(
        credentials.accessKeyPassword,
        1767225600,
        'console.zenlayer.com',
        'application/json; charset=utf-8',
        body,
      ),
    ).toBe('2d24d77900eb2f24d91b772215fa279d5e24bbc8eb6a4e4a51c30935da94f59e');
  });

  it('signs the host of a custom endpoint, port included, and keeps the real path', async () => {
    const { fetch, requests } = recorder([accepted]);
    const client = createZenlayerZecClient({
      credentials,
      fetch,
      now: () => NOW,
      endpoint: 'http://127.0.0.1:4010/',
    });
    await client.ModifyInstanceType({ instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' });
    const sent = requests[0]!;
    expect(sent.url).toBe('http://127.0.0.1:4010/api/v2/zec');
    const signature = zc2(
      credentials.accessKeyPassword,
      1767225600,
      '127.0.0.1:4010',
      sent.headers['content-type']!,
      sent.body,
    );
    expect(sent.headers.authorization).toBe(
      `ZC2-HMAC-SHA256 Credential=ZLEXAMPLEKEYID0001, SignedHeaders=content-type;host, Signature=${signature}`,
    );
  });

  it('sends an empty object for an action called without input', async () => {
    const answer = json(200, {
      requestId: 'TDD2B967A-10DD-4876-939D-E5C637F768DE',
      response: { requestId: 'TDD2B967A-10DD-4876-939D-E5C637F768DE', totalCount: 0, dataSet: [] },
    });
    const { fetch, requests } = recorder([answer]);
    const client = createZenlayerZecClient({ credentials, fetch, now: () => NOW });
    const result = await client.DescribeInstancesStatus();
    expect(result.totalCount).toBe(0);
    expect(requests[0]!.body).toBe('{}');
    expect(requests[0]!.headers['x-zc-action']).toBe('DescribeInstancesStatus');
  });

  it('signs every attempt afresh: a throttled mutation is re-sent with a new timestamp and signature', async () => {
    let clock = NOW;
    const throttled = json(429, {
      requestId: 'T0A5F6193-3B74-4A2D-94C6-8D1E0F5B973F',
      code: 'REQUEST_LIMIT_EXCEEDED',
      message: 'Request limit exceeded. Retry later.',
    });
    const { fetch, requests } = recorder([throttled, accepted]);
    const client = createZenlayerZecClient({
      credentials,
      fetch: async (request) => {
        const response = await fetch(request);
        clock += 2000;
        return response;
      },
      now: () => clock,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    await client.ModifyInstanceType({ instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' });
    expect(requests.map((r) => r.headers['x-zc-timestamp'])).toEqual(['1767225600', '1767225602']);
    expect(requests[0]!.headers.authorization).not.toBe(requests[1]!.headers.authorization);
    expect(requests[1]!.body).toBe(requests[0]!.body);
  });
});
