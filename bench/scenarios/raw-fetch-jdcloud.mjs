import { JDCLOUD } from './_fixtures.mjs';

/** Called as fetch(url, init), not with a Request. */
export const raw = true;

/** The same JD Cloud resize request as the JD clients send, unsigned, through whatever fetch is given. */
export function create({ endpoint, fetch = globalThis.fetch }) {
  const body = JSON.stringify({ instanceType: JDCLOUD.instanceType });
  const url = `${endpoint}/v1/regions/${JDCLOUD.region}/instances/${JDCLOUD.instanceId}%3AresizeInstance`;
  return async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const parsed = JSON.parse(await response.text());
    if (!parsed.requestId) throw new Error('unexpected answer');
    return parsed.result;
  };
}
