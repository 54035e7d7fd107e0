import { JDCLOUD } from './_fixtures.mjs';

/** Called as fetch(url, init), not with a Request. */
export const raw = true;

// Formatted once per second, as the JD client formats it.
let last = { second: Number.NaN, text: '' };
function jdDate() {
  const second = Math.floor(Date.now() / 1000);
  if (second !== last.second)
    last = { second, text: new Date(second * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '') };
  return last.text;
}

/**
 * The same JD Cloud resize request as the JD clients send, unsigned (no Authorization), through whatever fetch is
 * given. Every other header the client sends is here, date and nonce too, as the Tencent baseline has its timestamp.
 */
export function create({ endpoint, fetch = globalThis.fetch }) {
  const body = JSON.stringify({ instanceType: JDCLOUD.instanceType });
  const url = `${endpoint}/v1/regions/${JDCLOUD.region}/instances/${JDCLOUD.instanceId}%3AresizeInstance`;
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-jdcloud-date': jdDate(),
        'x-jdcloud-nonce': crypto.randomUUID(),
      },
      body,
    });
    const parsed = JSON.parse(await response.text());
    if (!parsed.requestId) throw new Error('unexpected answer');
    return parsed.result;
  };
}
