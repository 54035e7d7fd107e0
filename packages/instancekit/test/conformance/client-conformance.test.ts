// One conformance suite every client road runs (Tencent API 3.0 and legacy, Zenlayer, JD Cloud): what every
// provider promises alike — validation before sending, the environment fallback, retries by kind with
// Retry-After honoured, aborts that end a call and send nothing more, typed answers for garbage, redacted logs,
// $metadata. Each provider's own suite keeps what is its own: signing vectors, exact wire bytes, envelope quirks.
// Per-attempt timeouts (a hanging mutation sent once; a timed-out read tried again, every attempt counted) run on
// every road, with garbage collections, in ../adversarial/wire-bodies.test.ts; so do oversized bodies, a close after
// the headers and bytes that are not HTTP. Echoed secrets in errors: ../adversarial/wire-secrets.test.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inspect } from 'node:util';
import {
  AbortError,
  ApiError,
  type LogEvent,
  RateLimitError,
  ResponseFormatError,
  type ResponseMetadata,
  ValidationError,
} from '@instancekit/core';
import type { ProviderFacts } from '@instancekit/core/internal';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { afterEach, describe, expect, it } from 'vitest';
import { providerFacts as jdcloudFacts } from '../../../jdcloud-vm/src/generated/provider.js';
import { providerFacts as tencentFacts } from '../../../tencent-cvm/src/generated/provider.js';
import { providerFacts as zenlayerFacts } from '../../../zenlayer-zec/src/generated/provider.js';
import { ROADS, type Road, SECRET_KEY, SECRET_NEEDLES } from '../adversarial/support/clients.js';

/** Each road's manifest facts: its credential fields and sources. */
const SOURCES: Record<Road['name'], ProviderFacts> = {
  'tencent-api3': tencentFacts,
  'tencent-legacy': tencentFacts,
  zenlayer: zenlayerFacts,
  jdcloud: jdcloudFacts,
};

interface Scripted {
  url: string;
  count: number;
  headers: Array<Record<string, string | string[] | undefined>>;
  /** Each request's target and body, as received. */
  requests: Array<{ target: string; body: string }>;
  close(): Promise<void>;
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> } | 'hang';

/** Answers request N with `answers[N]` (the last repeats); `'hang'` never answers. */
async function scripted(answers: readonly Answer[]): Promise<Scripted> {
  const state = { count: 0, headers: [] as Scripted['headers'], requests: [] as Scripted['requests'] };
  const server: Server = createServer((req, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = answers[Math.min(state.count, answers.length - 1)]!;
      state.count++;
      state.headers.push(req.headers);
      state.requests.push({ target: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      if (answer === 'hang') return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get count() {
      return state.count;
    },
    headers: state.headers,
    requests: state.requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Waits `ms` (to see that nothing more arrives). */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What each road's `mutate()` is: its provider and action, as errors name them. */
const MUTATION: Record<Road['name'], { provider: string; action: string }> = {
  'tencent-api3': { provider: 'tencent', action: 'ResetInstancesType' },
  'tencent-legacy': { provider: 'tencent', action: 'ResetInstancesType' },
  zenlayer: { provider: 'zenlayer', action: 'ModifyInstanceType' },
  jdcloud: { provider: 'jdcloud', action: 'resizeInstance' },
};

type Fetch = (request: Request) => Promise<Response>;
type Methods = Record<string, (input: unknown) => Promise<unknown>>;
interface InvalidInput {
  /** A client of the road over `fetch`. */
  make(fetch: Fetch): Methods;
  /** Inputs that break the spec's rules in the generic ways, with the field and rule a refusal names. */
  cases: Array<{ what: string; call: (client: Methods) => Promise<unknown>; field: string; rule: string }>;
}

const tencentInvalid = (transport: 'api3' | 'legacy'): InvalidInput => ({
  make: (fetch) =>
    (transport === 'legacy' ? createTencentCvmLegacyClient : createTencentCvmClient)({
      region: 'ap-guangzhou',
      credentials: { secretId: 'AKIDconformance0001', secretKey: SECRET_KEY },
      fetch,
    }) as never,
  cases: [
    {
      what: 'a missing required field',
      call: (c) => c.ResetInstancesType!({ InstanceIds: ['ins-r8hr2upy'] }),
      field: 'InstanceType',
      rule: 'required',
    },
    {
      what: 'an unknown field',
      call: (c) => c.DescribeInstancesStatus!({ InstanceIds: ['ins-r8hr2upy'], Bogus: 1 }),
      field: 'Bogus',
      rule: 'additionalProperties',
    },
    {
      what: 'a wrong type',
      call: (c) => c.ResetInstance!({ InstanceId: 'ins-r8hr2upy', SystemDisk: { DiskSize: '60' } }),
      field: 'SystemDisk.DiskSize',
      rule: 'type',
    },
  ],
});

const INVALID_INPUT: Record<Road['name'], InvalidInput> = {
  'tencent-api3': tencentInvalid('api3'),
  'tencent-legacy': tencentInvalid('legacy'),
  zenlayer: {
    make: (fetch) =>
      createZenlayerZecClient({
        credentials: { accessKeyId: 'ZLconformance0001', accessKeyPassword: SECRET_KEY },
        fetch,
      }) as never,
    cases: [
      {
        what: 'a missing required field',
        call: (c) => c.ModifyInstanceType!({ instanceId: '1660545330971680835' }),
        field: 'instanceType',
        rule: 'required',
      },
      {
        what: 'an unknown field',
        call: (c) =>
          c.ModifyInstanceType!({
            instanceId: '1660545330971680835',
            instanceType: 'z2a.cpu.4',
            zoneId: 'HKG-A',
          }),
        field: 'zoneId',
        rule: 'additionalProperties',
      },
      {
        what: 'a wrong type',
        call: (c) => c.ResetInstance!({ instanceId: '1660545330971680835', enableAgent: 'true' }),
        field: 'enableAgent',
        rule: 'type',
      },
    ],
  },
  jdcloud: {
    make: (fetch) =>
      createJdcloudVmClient({
        region: 'cn-north-1',
        credentials: { accessKey: 'JDconformance0001', secretKey: SECRET_KEY },
        fetch,
      }) as never,
    cases: [
      {
        what: 'a missing required field',
        call: (c) => c.resizeInstance!({ instanceId: 'i-6za0ovr24v' }),
        field: 'instanceType',
        rule: 'required',
      },
      {
        what: 'an unknown field',
        call: (c) => c.describeInstance!({ instanceId: 'i-6za0ovr24v', bogus: 1 }),
        field: 'bogus',
        rule: 'additionalProperties',
      },
      {
        what: 'a wrong type',
        call: (c) => c.describeInstanceStatus!({ pageSize: '10' }),
        field: 'pageSize',
        rule: 'type',
      },
    ],
  },
};

let server: Scripted | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

for (const road of ROADS) {
  describe(`${road.name} conforms`, () => {
    const ok = (id: string) => ({ status: 200, body: road.success(id) });

    it('a success carries $metadata: request id, HTTP status, attempts', async () => {
      server = await scripted([ok('req-ok')]);
      const result = await road.connect(server.url).read();
      expect((result as { $metadata: ResponseMetadata }).$metadata).toEqual({
        requestId: 'req-ok',
        httpStatus: 200,
        attempts: 1,
      });
    });

    it('credentials fall back to the provider’s environment variables when none are passed', async () => {
      server = await scripted([ok('req-env')]);
      Object.assign(process.env, road.env);
      try {
        await road.connect(server.url, { fromEnv: true }).read();
      } finally {
        for (const name of Object.keys(road.env)) delete process.env[name];
      }
      // The call went through only with the environment's keys (there are no others); the key id signs the
      // request's Authorization (the legacy gateway carries it in the query instead).
      if (road.name !== 'tencent-legacy')
        expect(String(server.headers[0]?.authorization)).toContain(Object.values(road.env)[0]);
    });

    // The profile source, from the provider's manifest: its first declared file, written in a temporary HOME in
    // that file's format with the road's environment keys, and no variable set. Skipped, saying why, on a road
    // whose manifest declares no profile file: JD and Zenlayer document none (docs/credentials.md).
    const files = SOURCES[road.name].credentialSources?.files ?? [];
    it.skipIf(files.length === 0)(
      `credentials come from the provider’s profile file when nothing else is set${files.length ? '' : ' (skipped: the manifest declares no profile file; the provider documents none)'}`,
      async () => {
        server = await scripted([ok('req-profile')]);
        const file = files[0]!;
        const home = mkdtempSync(join(tmpdir(), 'instancekit-home-'));
        const byField = Object.fromEntries(
          SOURCES[road.name].credentials.map((field) => [field.name, road.env[field.env]]),
        );
        const entries = Object.entries(file.keys).filter(([field]) => byField[field] !== undefined);
        const text =
          file.format === 'ini'
            ? `[default]\n${entries.map(([field, key]) => `${key} = ${byField[field]}`).join('\n')}\n`
            : JSON.stringify(Object.fromEntries(entries.map(([field, key]) => [key, byField[field]])));
        const path = file.path.replace(/^~/, home).replaceAll('{profile}', 'default');
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, text);
        const saved = { HOME: process.env.HOME, PATH_ENV: file.pathEnv && process.env[file.pathEnv] };
        process.env.HOME = home;
        if (file.pathEnv) delete process.env[file.pathEnv];
        try {
          await road.connect(server.url, { fromEnv: true }).read();
        } finally {
          process.env.HOME = saved.HOME;
          if (file.pathEnv && saved.PATH_ENV !== undefined) process.env[file.pathEnv] = saved.PATH_ENV;
        }
        if (road.name !== 'tencent-legacy')
          expect(String(server.headers[0]?.authorization)).toContain(Object.values(road.env)[0]);
        expect(server.count).toBe(1);
      },
    );

    // The instance-role source, from the provider's manifest: a local server stands in for the metadata service (the
    // client's `metadataEndpoint`), answering the role list and the role's temporary keys in the manifest's record
    // shape, in a HOME with no profile file and no variable set. The request must carry the service's key id and
    // token wherever the road's signer puts them (headers, query or body). Skipped, saying why, where the manifest
    // declares no metadata service: JD and Zenlayer document none (docs/credentials.md).
    const metadata = SOURCES[road.name].credentialSources?.metadata;
    it.skipIf(metadata === undefined)(
      `credentials come from the instance-role metadata service when nothing else is set${metadata ? '' : ' (skipped: the manifest declares no metadata service; the provider documents none)'}`,
      async () => {
        const facts = metadata!;
        const issued: Record<string, string> = {};
        for (const field of SOURCES[road.name].credentials)
          issued[field.name] = `${field.name}FromMetadata0001`.slice(0, 40);
        const record: Record<string, unknown> = {};
        for (const [field, key] of Object.entries(facts.keys)) record[key] = issued[field];
        if (facts.expiresAt) record[facts.expiresAt] = Math.floor(Date.now() / 1000) + 3600;
        if (facts.success) record[facts.success.key] = facts.success.value;
        const service = createServer((req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(req.url === '/' ? 'conformance-role\n' : JSON.stringify(record));
        });
        await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
        const metadataEndpoint = `http://127.0.0.1:${(service.address() as AddressInfo).port}/`;
        server = await scripted([ok('req-metadata')]);
        const home = mkdtempSync(join(tmpdir(), 'instancekit-home-'));
        const saved = { HOME: process.env.HOME };
        process.env.HOME = home;
        try {
          const result = await road.connect(server.url, { fromEnv: true, metadataEndpoint } as never).read();
          expect((result as { $metadata: ResponseMetadata }).$metadata.requestId).toBe('req-metadata');
        } finally {
          process.env.HOME = saved.HOME;
          service.closeAllConnections();
          await new Promise((resolve) => service.close(resolve));
        }
        expect(server.count).toBe(1);
        const sent = decodeURIComponent(
          `${JSON.stringify(server.headers[0])} ${server.requests[0]!.target} ${server.requests[0]!.body}`,
        );
        // The key id and the session token (the optional field) travel; the signing secret (required and secret)
        // only signs, so it is never on the wire.
        for (const field of SOURCES[road.name].credentials) {
          if (field.secret && !field.optional) expect(sent).not.toContain(issued[field.name]);
          else expect(sent).toContain(issued[field.name]);
        }
      },
    );

    it('a throttled mutation is sent again (it did not run), honouring Retry-After', async () => {
      const throttled = road.throttled('req-slow');
      server = await scripted([{ ...throttled, headers: { 'retry-after': '1' } }, ok('req-after')]);
      const started = performance.now();
      const result = await road.connect(server.url, { retry: { maxAttempts: 2, baseDelayMs: 1 } }).mutate();
      expect(performance.now() - started).toBeGreaterThanOrEqual(950);
      expect(server.count).toBe(2);
      expect((result as { $metadata: ResponseMetadata }).$metadata.attempts).toBe(2);
    });

    it('a throttled call that stays throttled ends in a RateLimitError with every request id', async () => {
      server = await scripted([road.throttled('req-t')]);
      const error = await road
        .connect(server.url, { retry: { maxAttempts: 2, baseDelayMs: 1 } })
        .read()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).requestIds).toEqual(['req-t', 'req-t']);
    });

    it('an internal error: a read is retried, a mutation is not (it may have run)', async () => {
      server = await scripted([road.failed('req-500')]);
      const client = road.connect(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
      expect(await client.mutate().catch((e: unknown) => e)).toBeInstanceOf(ApiError);
      expect(server.count).toBe(1);
      expect(await client.read().catch((e: unknown) => e)).toBeInstanceOf(ApiError);
      expect(server.count).toBe(4);
    });

    it('a RateLimitError carries the Retry-After wait', async () => {
      const throttled = road.throttled('req-wait');
      server = await scripted([{ ...throttled, headers: { 'retry-after': '2' } }]);
      const error = await road
        .connect(server.url, { retry: false })
        .mutate()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({
        code: 'RateLimited',
        retryable: true,
        retryAfterMs: 2000,
        httpStatus: throttled.status,
        requestId: 'req-wait',
        attempts: 1,
      });
    });

    it('a 429 without the provider’s envelope (a gateway’s page) is still a RateLimitError', async () => {
      server = await scripted([
        { status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain' } },
        { status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain' } },
        ok('req-after-429'),
      ]);
      const error = await road
        .connect(server.url, { retry: false })
        .read()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ code: 'RateLimited', providerCode: 'HTTP 429', httpStatus: 429 });
      // …and, being throttling, even a mutation is sent again after it.
      const result = await road.connect(server.url, { retry: { maxAttempts: 2, baseDelayMs: 1 } }).mutate();
      expect((result as { $metadata: ResponseMetadata }).$metadata).toMatchObject({
        requestId: 'req-after-429',
        attempts: 2,
      });
      expect(server.count).toBe(3);
    });

    it('a gateway page on a 5xx: a retryable ResponseFormatError; a read is tried again, a mutation is not', async () => {
      const page = '<html><head><title>503 Service Unavailable</title></head><body>nginx</body></html>';
      server = await scripted([{ status: 503, body: page, headers: { 'content-type': 'text/html' } }]);
      const client = road.connect(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
      const mutation = await client.mutate().catch((e: unknown) => e);
      expect(mutation).toBeInstanceOf(ResponseFormatError);
      expect(mutation).toMatchObject({ httpStatus: 503, code: 'Unavailable', retryable: true, attempts: 1 });
      expect(server.count).toBe(1);
      const read = await client.read().catch((e: unknown) => e);
      expect(read).toBeInstanceOf(ResponseFormatError);
      expect(read).toMatchObject({ httpStatus: 503, code: 'Unavailable', attempts: 3 });
      expect(server.count).toBe(4);
    });

    it('garbage answers are ResponseFormatErrors naming the call, keeping the status and the body’s start', async () => {
      const long = `<!doctype html>${'x'.repeat(500)}`;
      for (const [status, body, what, code] of [
        [200, '<html>proxy</html>', 'not JSON', 'Internal'],
        [502, '<html>bad gateway</html>', 'not JSON', 'Unavailable'],
        [200, long, 'not JSON', 'Internal'],
        [200, '[]', 'JSON of another shape', 'Internal'],
        [200, '', 'an empty body', 'Internal'],
        [500, '', 'an empty body', 'Internal'],
      ] as const) {
        server = await scripted([{ status, body }]);
        const error = await road
          .connect(server.url, { retry: false })
          .mutate()
          .catch((e: unknown) => e);
        const label = `${status} ${body.slice(0, 30)}`;
        expect(error, label).toBeInstanceOf(ResponseFormatError);
        expect(error, label).toMatchObject({ ...MUTATION[road.name], httpStatus: status, code });
        // The start of the body, at most 200 characters of it.
        expect((error as ResponseFormatError).bodySnippet, label).toBe(body.slice(0, 200));
        expect((error as ResponseFormatError).message, label).toContain(`HTTP ${status} with ${what}`);
        await server.close();
        server = undefined;
      }
    });

    it('an already aborted signal: AbortError, nothing sent', async () => {
      server = await scripted([ok('never')]);
      const error = await road
        .connect(server.url)
        .mutate({ signal: AbortSignal.abort() })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(error).toMatchObject({ code: 'Aborted' });
      await pause(50);
      expect(server.count).toBe(0);
    });

    it('an abort during a hanging read: AbortError at once, not a TimeoutError, and the read is not sent again', async () => {
      server = await scripted(['hang']);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const client = road.connect(server.url, {
        timeoutMs: 10_000,
        retry: { maxAttempts: 3, baseDelayMs: 1 },
      });
      const started = performance.now();
      const error = await client.read({ signal: controller.signal }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortError);
      expect(performance.now() - started).toBeLessThan(2_000);
      await pause(100);
      expect(server.count).toBe(1);
    });

    it('an abort while waiting out a Retry-After: AbortError at once, the throttled mutation not sent again', async () => {
      server = await scripted([
        { ...road.throttled('req-abort'), headers: { 'retry-after': '5' } },
        ok('late'),
      ]);
      const controller = new AbortController();
      const client = road.connect(server.url, {
        retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 10_000 },
      });
      const pending = client.mutate({ signal: controller.signal }).catch((e: unknown) => e);
      while (server.count === 0) await pause(10);
      await pause(100);
      const aborted = performance.now();
      controller.abort();
      const error = await pending;
      expect(error).toBeInstanceOf(AbortError);
      expect(performance.now() - aborted).toBeLessThan(1_000);
      await pause(100);
      expect(server.count).toBe(1);
    });

    it('invalid call options are refused before anything is sent', async () => {
      server = await scripted([ok('never')]);
      const error = await road
        .connect(server.url)
        .read({ timeoutMs: -1 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(server.count).toBe(0);
    });

    for (const { what, call, field, rule } of INVALID_INPUT[road.name].cases) {
      it(`input with ${what} is refused before anything is sent, naming the field and the rule`, async () => {
        let sent = 0;
        const client = INVALID_INPUT[road.name].make(async () => {
          sent++;
          return new Response(JSON.stringify(road.success('never')));
        });
        const error = await call(client).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({
          field,
          rule,
          provider: MUTATION[road.name].provider,
          code: 'InvalidParameter',
          attempts: 0,
        });
        expect((error as ValidationError).message).toContain(field);
        expect(sent).toBe(0);
      });
    }

    it('log events and the error carry no secret: no signature, token, password, user data or key', async () => {
      server = await scripted([road.failed('req-log')]);
      const events: LogEvent[] = [];
      const error = await road
        .connect(server.url, { retry: { maxAttempts: 2, baseDelayMs: 1 }, logger: (e) => events.push(e) })
        .mutateWithSecrets()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ApiError);
      expect(events.map((e) => e.type)).toEqual(['request', 'response', 'error']);
      const text = JSON.stringify(events);
      // The request event shows the signed request with its secrets replaced.
      expect(text).toContain('[redacted]');
      for (const shown of [
        text,
        inspect(events, { depth: 10 }),
        JSON.stringify(error),
        inspect(error, { depth: 10 }),
      ]) {
        for (const needle of SECRET_NEEDLES) expect(shown).not.toContain(needle);
        expect(shown).not.toMatch(
          /Signature=[^[&"]|TC3-HMAC-SHA256 Credential|JDCLOUD2-HMAC-SHA256 Credential/,
        );
      }
    });
  });
}
