import { ZENLAYER } from './_fixtures.mjs';

/** Called as fetch(url, init), not with a Request. */
export const raw = true;

/**
 * The same Zenlayer ZEC request as the Zenlayer client sends, unsigned (no Authorization), through whatever fetch
 * is given. Every other header the client sends is here, the timestamp too, as the Tencent baseline has its own.
 */
export function create({ endpoint, fetch = globalThis.fetch }) {
  const body = JSON.stringify({ instanceId: ZENLAYER.instanceId, instanceType: ZENLAYER.instanceType });
  return async () => {
    const response = await fetch(`${endpoint}/api/v2/zec`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-zc-action': 'ModifyInstanceType',
        'x-zc-version': '2025-09-01',
        'x-zc-signature-method': 'ZC2-HMAC-SHA256',
        'x-zc-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body,
    });
    const parsed = JSON.parse(await response.text());
    if (!parsed.response) throw new Error('unexpected answer');
    return parsed.response;
  };
}
