// The invoker against a real local server, with a small provider of its own (a real ProviderAdapter, not a
// stub of ours): attempts, signing afresh per attempt, $metadata, the retry policy by kind, options checked.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnvelopeLocator } from '../src/envelope';
import { ApiError, RateLimitError, TimeoutError, ValidationError } from '../src/errors';
import { createInvoker, type OperationTable, type ProviderAdapter } from '../src/operation-client';

const envelope: EnvelopeLocator = {
  provider: 'test',
  envelope: 'a test envelope',
  locate: (body) =>
    typeof body?.error === 'string'
      ? { errorCode: body.error, requestId: body.id }
      : { result: body?.result as never, requestId: body?.id },
  classify: (code) =>
    code === 'THROTTLED'
      ? { code: 'RateLimited', retryable: true }
      : { code: 'Unavailable', retryable: true },
};

let signatures = 0;
const adapter: ProviderAdapter = {
  provider: 'test',
  sign: () => ({ headers: { authorization: `sig-${++signatures}` } }),
  envelope,
  secrets: ['test-secret-value'],
};

const operations: OperationTable = {
  Read: {
    method: 'post',
    path: '/read',
    kind: 'read',
    input: { type: 'object', additionalProperties: false, properties: { a: { type: 'integer' } } },
  },
  Mutate: { method: 'post', path: '/mutate', kind: 'mutation' },
};

/** Answers each path with the next body of its script (the last repeats) and records the signatures seen. */
let script: Record<string, string[]> = {};
const seen: Array<{ path: string; authorization: string | undefined }> = [];
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
      const queue = script[req.url ?? ''] ?? ['{}'];
      const body = queue.length > 1 ? queue.shift()! : queue[0]!;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const invoker = () => createInvoker(adapter, operations, url, { retry: { maxAttempts: 3, baseDelayMs: 1 } });

describe('createInvoker', () => {
  it('resolves the result with non-enumerable $metadata, signing each attempt afresh', async () => {
    script = { '/read': ['{"id":"r-1","error":"BUSY"}', '{"id":"r-2","result":{"x":1}}'] };
    seen.length = 0;
    const result = await invoker()('Read', { a: 1 });
    expect(result).toEqual({ x: 1 });
    expect((result as { $metadata: unknown }).$metadata).toEqual({
      requestId: 'r-2',
      httpStatus: 200,
      attempts: 2,
    });
    expect(new Set(seen.map((s) => s.authorization)).size).toBe(2);
  });

  it('retries a throttled mutation, never one that failed otherwise; every request id on the error', async () => {
    script = { '/mutate': ['{"id":"m-1","error":"THROTTLED"}', '{"id":"m-2","error":"BROKEN"}'] };
    seen.length = 0;
    const error = (await invoker()('Mutate').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(RateLimitError);
    expect(error.attempts).toBe(2);
    expect(error.requestIds).toEqual(['m-1', 'm-2']);
    expect(seen).toHaveLength(2);
  });

  it('refuses an unknown operation, bad input and bad call options before sending', async () => {
    seen.length = 0;
    for (const [id, input, options] of [
      ['toString', {}, {}],
      ['Read', { a: 1.5 }, {}],
      ['Read', { constructor: 1 }, {}],
      ['Read', {}, { timeoutMs: Number.NaN }],
    ] as const) {
      await expect(invoker()(id, input as never, options as never)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(seen).toHaveLength(0);
  });

  it('scrubs the adapter’s secrets from what it throws', async () => {
    script = { '/mutate': ['{"error":"echo test-secret-value"}'] };
    const error = (await invoker()('Mutate').catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('Mutate: echo [redacted]');
  });

  it("scrubs the password that is sent, read from the input's copy, not what a Proxy shows a walk of it", async () => {
    // The copy reads each property through its descriptor; this Proxy answers `get` with a decoy, so a scrubber
    // that walked the raw input with `get` would hunt for the decoy while the real password goes out and comes back.
    const real = 'Real-Passw0rd-sent';
    const input = new Proxy(
      { password: real },
      { get: (target, name) => (name === 'password' ? 'decoy-not-sent' : Reflect.get(target, name)) },
    );
    script = { '/mutate': [`{"error":"echo ${real}"}`] };
    const error = (await invoker()('Mutate', input as never).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('Mutate: echo [redacted]');
  });

  it('counts signing against the attempt timeout: a sign that outlasts it sends nothing, on either road', async () => {
    // A signer as slow as a credential refresh that hangs for a while (a metadata service, an STS call).
    const slow: ProviderAdapter = {
      ...adapter,
      sign: () => new Promise((resolve) => setTimeout(() => resolve({ headers: {} }), 60)),
    };
    let fetched = 0;
    const fetch = async () => {
      fetched += 1;
      return new Response('{}');
    };
    seen.length = 0;
    for (const transport of [{ fetch }, {}]) {
      const call = createInvoker(slow, operations, url, { ...transport, timeoutMs: 20, retry: false });
      const error = (await call('Read').catch((e: unknown) => e)) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.message).toBe('Read timed out after 20 ms');
    }
    expect(fetched).toBe(0);
    expect(seen).toHaveLength(0);
  });
});
