import { TENCENT } from './_fixtures.mjs';

/** Called as fetch(url, init), not with a Request. */
export const raw = true;

/** The same API 3.0 request as the Tencent clients send, unsigned, through whatever fetch is given. */
export function create({ endpoint, fetch = globalThis.fetch }) {
  const body = JSON.stringify({ InstanceIds: [TENCENT.instanceId], InstanceType: TENCENT.instanceType });
  return async () => {
    const response = await fetch(`${endpoint}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-tc-action': 'ResetInstancesType',
        'x-tc-version': '2017-03-12',
        'x-tc-region': TENCENT.region,
        'x-tc-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body,
    });
    const parsed = JSON.parse(await response.text());
    if (!parsed.Response?.RequestId) throw new Error('unexpected answer');
    return parsed.Response;
  };
}
