// One conformance suite every client road runs (Tencent API 3.0 and legacy, Zenlayer, JD Cloud): what every
// provider promises alike — validation before sending, the environment fallback, retries by kind with
// Retry-After honoured, typed answers for garbage, redacted logs, $metadata. Each provider's own suite keeps
// what is its own: signing vectors, exact wire bytes, envelope quirks.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ApiError,
  type LogEvent,
  RateLimitError,
  ResponseFormatError,
  type ResponseMetadata,
  ValidationError,
} from '@instancekit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ROADS, SECRET_KEY } from '../adversarial/support/clients.js';

interface Scripted {
  url: string;
  count: number;
  headers: Array<Record<string, string | string[] | undefined>>;
  close(): Promise<void>;
}

/** Answers request N with `answers[N]` (the last repeats). */
async function scripted(
  answers: ReadonlyArray<{ status: number; body: unknown; headers?: Record<string, string> }>,
): Promise<Scripted> {
  const state = { count: 0, headers: [] as Scripted['headers'] };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = answers[Math.min(state.count, answers.length - 1)]!;
      state.count++;
      state.headers.push(req.headers);
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

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

    it('garbage answers are ResponseFormatErrors keeping the status and the body’s start', async () => {
      for (const [status, body] of [
        [200, '<html>proxy</html>'],
        [502, '<html>bad gateway</html>'],
        [200, '[]'],
        [200, ''],
      ] as const) {
        server = await scripted([{ status, body }]);
        const error = await road
          .connect(server.url, { retry: false })
          .mutate()
          .catch((e: unknown) => e);
        expect(error, `${status} ${body}`).toBeInstanceOf(ResponseFormatError);
        expect((error as ResponseFormatError).httpStatus).toBe(status);
        expect((error as ResponseFormatError).bodySnippet).toBe(body);
        await server.close();
        server = undefined;
      }
    });

    it('invalid input is refused before anything is sent', async () => {
      server = await scripted([ok('never')]);
      const error = await road
        .connect(server.url)
        .read({ timeoutMs: -1 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(server.count).toBe(0);
    });

    it('log events carry no secret: no signature, token, password or key', async () => {
      server = await scripted([road.failed('req-log')]);
      const events: LogEvent[] = [];
      await road
        .connect(server.url, { retry: { maxAttempts: 2, baseDelayMs: 1 }, logger: (e) => events.push(e) })
        .mutateWithSecrets()
        .catch(() => {});
      expect(events.map((e) => e.type)).toEqual(['request', 'response', 'error']);
      const text = JSON.stringify(events);
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toMatch(/Signature=[^[&"]|TC3-HMAC-SHA256 Credential|JDCLOUD2-HMAC-SHA256 Credential/);
    });
  });
}
