// Classes 8 and 11 of issue 10: secrets never reach an error, a log event or util.inspect — not when a
// provider or a gateway page echoes the request back (password, user data, the query of the legacy gateway),
// and not when a credential is malformed (a newline made fetch throw a TypeError quoting the whole header).
import { inspect } from 'node:util';
import { CredentialsError, type LogEvent, ValidationError } from '@instancekit/core';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_NEEDLES, WIRE_ROADS } from './support/clients.js';
import { type HostileServer, startHostileServer } from './support/hostile-server.js';

/** Every view of an error a user or a log pipeline could print. */
function views(error: unknown): string[] {
  const record = error as Error & { bodySnippet?: string; cause?: unknown };
  return [
    record.message,
    String(error),
    record.stack ?? '',
    JSON.stringify(error),
    inspect(error, { depth: 8 }),
    record.bodySnippet ?? '',
    inspect(record.cause, { depth: 8 }),
  ];
}

function expectNoSecret(texts: readonly string[]): void {
  for (const text of texts) for (const needle of SECRET_NEEDLES) expect(text).not.toContain(needle);
}

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers like a gateway that quotes back what it got: the URL (the legacy query) and the whole body. */
const echoes = {
  'a JSON error quoting the request': (status: number) => (request: { url: string; body: string }) => ({
    status,
    type: 'application/json',
    // Zenlayer's and JD's fields first: a body snippet holds the first 200 characters.
    body: JSON.stringify({
      message: `bad request ${request.url} ${request.body}`,
      requestId: 'req-echo',
      code: 'INVALID_PARAMETER_VALUE',
      error: { code: status, status: 'INVALID_ARGUMENT', message: `bad request ${request.body}` },
      Response: {
        RequestId: 'req-echo',
        Error: { Code: 'InvalidParameter', Message: `bad request ${request.url} ${request.body}` },
      },
    }),
  }),
  'an HTML page quoting the request': (status: number) => (request: { url: string; body: string }) => ({
    status,
    type: 'text/html',
    body: `<html><body><h1>Bad gateway</h1><pre>${request.url}\n${request.body}</pre></body></html>`,
  }),
};

for (const road of WIRE_ROADS) {
  describe(`${road.name}: echoed secrets are scrubbed`, () => {
    for (const [what, make] of Object.entries(echoes)) {
      for (const status of [200, 400, 502]) {
        it(`${what} (HTTP ${status}): not in the error, its snippet, cause or the log events`, async () => {
          const answer = make(status);
          server = await startHostileServer((request, response) => {
            const { status: code, type, body } = answer(request);
            response.writeHead(code, { 'content-type': type });
            response.end(body);
          });
          const events: LogEvent[] = [];
          const client = road.connect(server.url, {
            retry: { maxAttempts: 2, baseDelayMs: 1 },
            logger: (event) => events.push(event),
          });
          const error = await client.mutateWithSecrets().catch((caught: unknown) => caught);
          expect(error).toBeInstanceOf(Error);
          // The echo did reach the client: the secrets were on the wire and came back.
          expect(server.received.some((r) => r.body.includes('Pw0rd') || r.url.includes('Pw0rd'))).toBe(true);
          expectNoSecret(views(error));
          // …and were replaced where the echo landed (the message, or the body snippet of a page).
          expect(views(error).join('\n')).toContain('[redacted]');
          expectNoSecret(events.map((event) => JSON.stringify(event)));
          expectNoSecret([inspect(events, { depth: 10 })]);
        });
      }
    }
  });
}

describe('malformed credentials are refused when the client is made, never echoed', () => {
  const bad = ['key\nInjected: 1', 'key\r\n', 'key\u0000', 'key with space', 'kéy', '\u2028key', 'key\u007f'];
  const clients = {
    'tencent (secretKey)': (value: string) =>
      createTencentCvmClient({
        region: 'ap-guangzhou',
        credentials: { secretId: 'AKIDx', secretKey: value },
      }),
    'tencent (secretId)': (value: string) =>
      createTencentCvmClient({ region: 'ap-guangzhou', credentials: { secretId: value, secretKey: 'k' } }),
    'tencent (token)': (value: string) =>
      createTencentCvmLegacyClient({
        region: 'ap-guangzhou',
        credentials: { secretId: 'AKIDx', secretKey: 'k', token: value },
      }),
    'zenlayer (accessKeyPassword)': (value: string) =>
      createZenlayerZecClient({ credentials: { accessKeyId: 'id', accessKeyPassword: value } }),
    'jdcloud (accessKey)': (value: string) =>
      createJdcloudVmClient({ region: 'cn-north-1', credentials: { accessKey: value, secretKey: 's' } }),
  };
  for (const [name, make] of Object.entries(clients)) {
    for (const value of bad) {
      it(`${name} ${JSON.stringify(value)}: CredentialsError naming the field, not the value`, () => {
        let error: unknown;
        try {
          make(value);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(CredentialsError);
        expect((error as CredentialsError).field).toMatch(
          /secretKey|secretId|token|accessKeyPassword|accessKey/,
        );
        for (const view of views(error)) expect(view).not.toContain(value);
      });
    }
  }

  it('an unknown credential key is refused instead of silently reading the environment', () => {
    expect(() =>
      createTencentCvmClient({
        region: 'ap-guangzhou',
        credentials: { secretid: 'x', secretKey: 'y' } as never,
      }),
    ).toThrow(CredentialsError);
  });

  it('explicit credentials never read the environment (a stray session token is not mixed in)', async () => {
    process.env.TENCENTCLOUD_SESSION_TOKEN = 'stray-token-from-env';
    try {
      const sent: Request[] = [];
      const client = createTencentCvmClient({
        region: 'ap-guangzhou',
        credentials: { secretId: 'AKIDx', secretKey: 'k' },
        fetch: async (request) => {
          sent.push(request);
          return new Response(JSON.stringify({ Response: { RequestId: 'r' } }));
        },
      });
      await client.DescribeInstancesStatus({});
      expect(sent[0]!.headers.get('x-tc-token')).toBeNull();
    } finally {
      delete process.env.TENCENTCLOUD_SESSION_TOKEN;
    }
  });
});

describe('endpoints are http(s) base URLs; the message never repeats their user info', () => {
  const endpoints: Array<[string, RegExp]> = [
    ['https://admin:hunter2-secret@cvm.example.com', /user name or password/],
    ['https://cvm.example.com/?sig=1', /query/],
    ['https://cvm.example.com/#frag', /fragment/],
    ['ftp://cvm.example.com', /http/],
    ['file:///etc/passwd', /http/],
    ['javascript:alert(1)', /http/],
    ['cvm.example.com', /absolute URL/],
    ['', /endpoint/],
  ];
  for (const [endpoint, why] of endpoints) {
    it(`${JSON.stringify(endpoint)} → ValidationError naming endpoint`, () => {
      for (const make of [
        () =>
          createTencentCvmClient({
            region: 'ap-guangzhou',
            endpoint,
            credentials: { secretId: 'i', secretKey: 'k' },
          }),
        () =>
          createZenlayerZecClient({ endpoint, credentials: { accessKeyId: 'i', accessKeyPassword: 'p' } }),
        () =>
          createJdcloudVmClient({
            region: 'cn-north-1',
            billingEndpoint: endpoint,
            credentials: { accessKey: 'a', secretKey: 's' },
          }),
      ]) {
        let error: unknown;
        try {
          make();
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).field).toMatch(/endpoint|billingEndpoint/i);
        if (endpoint) expect((error as Error).message).toMatch(why);
        for (const view of views(error)) expect(view).not.toContain('hunter2-secret');
      }
    });
  }
});
