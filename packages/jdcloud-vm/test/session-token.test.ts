// JD's temporary credentials: the session token goes out as x-jdcloud-security-token, Base64 as jd-go's setHeader
// and jd-py's HEADER_BASE64 send it, and is in the signature (JD's authorization rules require it); never in an error.
import { afterEach, expect, it, vi } from 'vitest';
import { createJdcloudVmClient } from '../src/index.js';

const TOKEN = 'jd-SESSION-token-4d3c2b1a';

afterEach(() => vi.unstubAllEnvs());

function capture() {
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    return new Response(JSON.stringify({ requestId: 'r-1', result: {} }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { requests, fetch };
}

it('x-jdcloud-security-token is sent Base64 and signed, from credentials or JDCLOUD_SESSION_TOKEN', async () => {
  const explicit = capture();
  await createJdcloudVmClient({
    region: 'cn-north-1',
    fetch: explicit.fetch,
    credentials: { accessKey: 'JDAK0001', secretKey: 'jd-secret-0002', sessionToken: TOKEN },
  }).resizeInstance({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' });
  vi.stubEnv('JDCLOUD_ACCESS_KEY', 'JDAK0001');
  vi.stubEnv('JDCLOUD_SECRET_KEY', 'jd-secret-0002');
  vi.stubEnv('JDCLOUD_SESSION_TOKEN', TOKEN);
  const env = capture();
  await createJdcloudVmClient({ region: 'cn-north-1', fetch: env.fetch }).resizeInstance({
    instanceId: 'i-6za0ovr24v',
    instanceType: 'g.n2.medium',
  });
  for (const request of [explicit.requests[0]!, env.requests[0]!]) {
    expect(request.headers.get('x-jdcloud-security-token')).toBe(btoa(TOKEN));
    expect(request.headers.get('authorization')).toMatch(
      /SignedHeaders=content-type;host;x-jdcloud-date;x-jdcloud-nonce;x-jdcloud-security-token,/,
    );
  }
});

it('without a token no x-jdcloud-security-token is sent or signed', async () => {
  const plain = capture();
  await createJdcloudVmClient({
    region: 'cn-north-1',
    fetch: plain.fetch,
    credentials: { accessKey: 'JDAK0001', secretKey: 'jd-secret-0002' },
  }).resizeInstance({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' });
  expect(plain.requests[0]!.headers.has('x-jdcloud-security-token')).toBe(false);
  expect(plain.requests[0]!.headers.get('authorization')).not.toContain('security-token');
});
