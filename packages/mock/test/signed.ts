// Signed wire requests for the stateful tests, signed with the clients' signers (a separate implementation from
// the mock's verifiers in src/signature/, so the two must agree for a test to pass).
import { randomUUID } from 'node:crypto';
import { signJdcloud2 } from '../../jdcloud-vm/src/signing/jdcloud2';
import { signTc3 } from '../../tencent-cvm/src/signing/tc3';
import { signV1, type V1SignatureMethod } from '../../tencent-cvm/src/signing/v1';
import { signZc2 } from '../../zenlayer-zec/src/signing/zc2';

export const KEYS = {
  tencent: { secretId: 'AKIDmockTencent0001', secretKey: 'tencent-secret-key-0001' },
  zenlayer: { accessKeyId: 'zl-mock-key-0001', accessKeyPassword: 'zenlayer-password-0001' },
  jdcloud: { accessKey: 'JDMOCKACCESSKEY0001', secretKey: 'jdcloud-secret-key-0001' },
};

export interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: provider JSON, read by path in assertions that fail loudly when wrong
  body: any;
}

async function answer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export async function tencent(
  url: string,
  action: string,
  body: unknown,
  options: { secretKey?: string; secretId?: string; timestamp?: number; region?: string } = {},
): Promise<Answer> {
  const host = new URL(url).host;
  const payload = JSON.stringify(body);
  const timestamp = options.timestamp ?? nowSeconds();
  const signed = await signTc3({
    secretId: options.secretId ?? KEYS.tencent.secretId,
    secretKey: options.secretKey ?? KEYS.tencent.secretKey,
    service: 'cvm',
    host,
    method: 'POST',
    contentType: 'application/json',
    payload,
    timestamp,
  });
  return answer(
    await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signed.authorization,
        'x-tc-action': action,
        'x-tc-version': '2017-03-12',
        'x-tc-timestamp': String(timestamp),
        'x-tc-region': options.region ?? 'ap-guangzhou',
      },
      body: payload,
    }),
  );
}

export async function tencentLegacy(
  url: string,
  action: string,
  params: Record<string, string>,
  options: { method?: V1SignatureMethod; secretKey?: string } = {},
): Promise<Answer> {
  const host = new URL(url).host;
  const all: Record<string, string> = {
    Action: action,
    Version: '2017-03-12',
    Region: 'ap-guangzhou',
    Timestamp: String(nowSeconds()),
    Nonce: String(1 + Math.floor(Math.random() * 65_000)),
    SecretId: KEYS.tencent.secretId,
    SignatureMethod: options.method ?? 'HmacSHA256',
    ...params,
  };
  const { signature } = await signV1({
    secretKey: options.secretKey ?? KEYS.tencent.secretKey,
    method: 'GET',
    host,
    path: '/v2/index.php',
    params: all,
  });
  const query = new URLSearchParams({ ...all, Signature: signature }).toString();
  return answer(await fetch(`${url}/v2/index.php?${query}`));
}

export async function zenlayer(
  url: string,
  action: string,
  body: unknown,
  options: { accessKeyPassword?: string; timestamp?: number } = {},
): Promise<Answer> {
  const host = new URL(url).host;
  const payload = JSON.stringify(body);
  const timestamp = options.timestamp ?? nowSeconds();
  const signed = await signZc2({
    accessKeyId: KEYS.zenlayer.accessKeyId,
    accessKeyPassword: options.accessKeyPassword ?? KEYS.zenlayer.accessKeyPassword,
    host,
    contentType: 'application/json',
    payload,
    timestamp,
  });
  return answer(
    await fetch(`${url}/api/v2/zec`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: signed.authorization,
        'x-zc-action': action,
        'x-zc-version': '2025-09-01',
        'x-zc-timestamp': String(timestamp),
        'x-zc-signature-method': 'ZC2-HMAC-SHA256',
      },
      body: payload,
    }),
  );
}

/** `path` is the JD path as sent (the colon of a custom method already `%3A`). */
export async function jdcloud(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  options: { secretKey?: string; timestampMs?: number; query?: Record<string, string> } = {},
): Promise<Answer> {
  const host = new URL(url).host;
  const payload = body === undefined ? '' : JSON.stringify(body);
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  const nonce = randomUUID();
  const signed = await signJdcloud2({
    accessKey: KEYS.jdcloud.accessKey,
    secretKey: options.secretKey ?? KEYS.jdcloud.secretKey,
    service: 'vm',
    region: 'cn-north-1',
    method,
    host,
    path,
    query: options.query,
    headers,
    payload,
    timestampMs: options.timestampMs ?? Date.now(),
    nonce,
  });
  const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
  return answer(
    await fetch(`${url}${path}${query}`, {
      method,
      headers: {
        ...headers,
        authorization: signed.authorization,
        'x-jdcloud-date': signed.date,
        'x-jdcloud-nonce': nonce,
      },
      ...(body === undefined ? {} : { body: payload }),
    }),
  );
}

// biome-ignore lint/suspicious/noExplicitAny: the control endpoints' JSON, read by path in assertions
export async function control(url: string, what: 'instances' | 'log' | 'reset'): Promise<any> {
  const response = await fetch(`${url}/__instancekit/${what}`, { method: what === 'reset' ? 'POST' : 'GET' });
  return response.json();
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
