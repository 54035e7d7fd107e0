// Fault injection on real local HTTP servers: each provider's own envelopes, throttling, 5xx, hangs, resets,
// refused connections and garbage bodies. Every case asserts the error class, its neutral code, the attempts
// the *server* counted and the attempts/request ids on the error — and that a resize or reinstall is never
// sent twice when it may already have executed.
import {
  AbortError,
  ApiError,
  InstanceKitError,
  type InstanceKitOptions,
  type LogEvent,
  NetworkError,
  RateLimitError,
  ResponseFormatError,
  TargetUnavailableError,
  TimeoutError,
} from 'instancekit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type Behaviour,
  closedPortUrl,
  type FaultServer,
  type Script,
  startFaultServer,
} from './support/fault-server.js';
import { FIXTURES, HANG_TIMEOUT_MS, kitFor } from './support/providers.js';

const MAX_ATTEMPTS = 3; // the core default, which these kits keep

/** The rejection of `promise`, failing the test if it resolves. */
async function rejectionOf(promise: Promise<unknown>): Promise<InstanceKitError> {
  try {
    await promise;
  } catch (error) {
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error).toBeInstanceOf(InstanceKitError);
    return error as InstanceKitError;
  }
  throw new Error('expected the call to reject, but it resolved');
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `rid-${i + 1}`);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Node's first fetch in a process pays a one-time set-up (~150 ms): pay it here, not inside a short timeout.
beforeAll(async () => {
  const warm = await startFaultServer([{ kind: 'text', body: 'ok' }]);
  await (await fetch(warm.url)).text();
  await warm.close();
});

describe.each(FIXTURES)('$name', (fx) => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function serve(script: Script, extra: Partial<InstanceKitOptions> = {}) {
    server = await startFaultServer(script);
    return { kit: kitFor(fx, server.url, extra), server };
  }
  /** Every request answered by `make(requestId)` with request ids rid-1, rid-2, … */
  const each =
    (make: (requestId: string) => Behaviour): Script =>
    (_req, i) =>
      make(`rid-${i + 1}`);
  /** The first `n` requests answered by `first`, then success for whatever action was asked. */
  const thenSuccess =
    (n: number, first: (requestId: string) => Behaviour): Script =>
    (req, i) =>
      i < n ? first(`rid-${i + 1}`) : fx.success(req.action, `rid-${i + 1}`);
  /**
   * A quote asks the type listing first (a sold-out target gets no price): the listing is answered on sale, and
   * `script` answers the quote's own requests, numbered among themselves (rid-1, rid-2, … are the quote's).
   */
  const quoteScript = (script: Script): Script => {
    let quotes = 0;
    return (req, i) => {
      if (req.action === fx.actions.listing) return fx.listing(`listing-${i + 1}`);
      const index = quotes++;
      return typeof script === 'function' ? script(req, index) : script[Math.min(index, script.length - 1)]!;
    };
  };

  describe('throttling (the provider says it did not execute)', () => {
    it('a quote is retried and succeeds', async () => {
      const { kit, server } = await serve(quoteScript(thenSuccess(1, (id) => fx.throttle(id))));
      const quote = await kit.quoteResize(fx.resizeInput);
      expect(quote.lines.length).toBeGreaterThan(0);
      expect(quote.availability).toBe('available');
      expect(server.countOf(fx.actions.quoteResize)).toBe(2);
      expect(server.countOf(fx.actions.listing)).toBe(1);
    });

    it('a resize is retried and succeeds with the request id of the attempt that ran', async () => {
      const { kit, server } = await serve(thenSuccess(2, (id) => fx.throttle(id)));
      const handle = await kit.resize(fx.resizeInput);
      expect(server.countOf(fx.actions.resize)).toBe(3);
      expect(server.count).toBe(3);
      expect(handle).toMatchObject({ provider: fx.name, action: fx.actions.resize, requestId: 'rid-3' });
    });

    it('a reinstall is retried and succeeds', async () => {
      const { kit, server } = await serve(thenSuccess(1, (id) => fx.throttle(id)));
      const handle = await kit.reinstall(fx.reinstallInput);
      expect(server.countOf(fx.actions.reinstall)).toBe(2);
      expect(handle.requestId).toBe('rid-2');
    });

    it('throttled on every attempt → RateLimitError with every attempt and request id', async () => {
      const { kit, server } = await serve(each((id) => fx.throttle(id)));
      const error = await rejectionOf(kit.resize(fx.resizeInput));
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.code).toBe('RateLimited');
      expect(server.count).toBe(MAX_ATTEMPTS);
      expect(error.attempts).toBe(MAX_ATTEMPTS);
      expect(error.requestIds).toEqual(ids(MAX_ATTEMPTS));
    });

    it('Retry-After: 1 is honoured before the next attempt', async () => {
      server = await startFaultServer(thenSuccess(1, (id) => fx.throttle(id, { 'Retry-After': '1' })));
      const events: LogEvent[] = [];
      // A cap above one second, so the honoured Retry-After is not clipped by maxDelayMs.
      const kit = kitFor(fx, server.url, {
        retry: { baseDelayMs: 5, maxDelayMs: 5_000 },
        logger: (e) => events.push(e),
      });
      const started = performance.now();
      await kit.resize(fx.resizeInput);
      const elapsed = performance.now() - started;
      expect(server.countOf(fx.actions.resize)).toBe(2);
      expect(elapsed).toBeGreaterThanOrEqual(950);
      const retry = events.find((e) => e.type === 'retry');
      expect(retry && retry.type === 'retry' && retry.delayMs).toBeGreaterThanOrEqual(1_000);
    });
  });

  describe('the type listing a quote asks first', () => {
    it('throttled → retried, then the quote is sent once', async () => {
      let listed = 0;
      const { kit, server } = await serve((req, i) =>
        req.action === fx.actions.listing && listed++ === 0
          ? fx.throttle(`rid-${i + 1}`)
          : fx.success(req.action, `rid-${i + 1}`),
      );
      await expect(kit.quoteResize(fx.resizeInput)).resolves.toMatchObject({ availability: 'available' });
      expect(server.countOf(fx.actions.listing)).toBe(2);
      expect(server.countOf(fx.actions.quoteResize)).toBe(1);
    });

    it('a 500 on every attempt → ApiError of the listing after maxAttempts; the quote is never sent', async () => {
      const { kit, server } = await serve((req, i) =>
        req.action === fx.actions.listing
          ? fx.serverError(500, `rid-${i + 1}`).behaviour
          : fx.success(req.action, `rid-${i + 1}`),
      );
      const error = await rejectionOf(kit.quoteResize(fx.resizeInput));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.action).toBe(fx.actions.listing);
      expect(error.attempts).toBe(MAX_ATTEMPTS);
      expect(server.countOf(fx.actions.listing)).toBe(MAX_ATTEMPTS);
      expect(server.countOf(fx.actions.quoteResize)).toBe(0);
    });

    it.each([
      ['sold out', { soldOut: true }, 'soldOut', 'SoldOut'],
      ['not listed', { instanceType: 'x9.not.listed' }, 'notOffered', 'Unsupported'],
    ] as const)(
      'a target the listing shows %s → TargetUnavailableError, no price asked',
      async (_, type, availability, code) => {
        const { kit, server } = await serve((req, i) =>
          req.action === fx.actions.listing ? fx.listing(`rid-${i + 1}`, type) : fx.success(req.action, 'x'),
        );
        const error = await rejectionOf(kit.quoteResize(fx.resizeInput));
        expect(error).toBeInstanceOf(TargetUnavailableError);
        expect(error).toMatchObject({ availability, code, instanceType: fx.resizeInput.instanceType });
        expect(server.countOf(fx.actions.quoteResize)).toBe(0);
        expect(server.count).toBe(1);
      },
    );
  });

  describe.each([500, 502, 503] as const)('HTTP %i from the provider', (status) => {
    it('a quote (read) is retried up to maxAttempts', async () => {
      const { kit, server } = await serve(quoteScript(each((id) => fx.serverError(status, id).behaviour)));
      const error = await rejectionOf(kit.quoteResize(fx.resizeInput));
      expect(error).toBeInstanceOf(ApiError);
      expect(error).not.toBeInstanceOf(RateLimitError);
      expect(error.action).toBe(fx.actions.quoteResize);
      expect(error.code).toBe(fx.serverError(status, 'x').code);
      expect(error.httpStatus).toBe(status);
      expect(error.provider).toBe(fx.name);
      expect(server.countOf(fx.actions.quoteResize)).toBe(MAX_ATTEMPTS);
      expect(error.attempts).toBe(MAX_ATTEMPTS);
      expect(error.requestIds).toEqual(ids(MAX_ATTEMPTS));
    });

    it('a quote recovers when the next attempt succeeds', async () => {
      const { kit, server } = await serve(
        quoteScript(thenSuccess(1, (id) => fx.serverError(status, id).behaviour)),
      );
      await expect(kit.quoteResize(fx.resizeInput)).resolves.toMatchObject({ provider: fx.name });
      expect(server.countOf(fx.actions.quoteResize)).toBe(2);
      expect(server.count).toBe(3); // the listing, then the quote twice
    });

    it('a resize is sent exactly once', async () => {
      const { kit, server } = await serve(each((id) => fx.serverError(status, id).behaviour));
      const error = await rejectionOf(kit.resize(fx.resizeInput));
      expect(error).toBeInstanceOf(ApiError);
      expect(error.httpStatus).toBe(status);
      expect(error.attempts).toBe(1);
      expect(error.requestIds).toEqual(['rid-1']);
      await pause(50);
      expect(server.count).toBe(1);
    });

    it('a reinstall is sent exactly once', async () => {
      const { kit, server } = await serve(each((id) => fx.serverError(status, id).behaviour));
      const error = await rejectionOf(kit.reinstall(fx.reinstallInput));
      expect(error.httpStatus).toBe(status);
      expect(error.attempts).toBe(1);
      await pause(50);
      expect(server.countOf(fx.actions.reinstall)).toBe(1);
    });
  });

  describe(`a server that never answers (hang past the ${HANG_TIMEOUT_MS} ms timeout)`, () => {
    it('a quote times out on every attempt and is retried', async () => {
      const { kit, server } = await serve(quoteScript([{ kind: 'hang' }]), { timeoutMs: HANG_TIMEOUT_MS });
      const started = performance.now();
      const error = await rejectionOf(kit.quoteResize(fx.resizeInput));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.code).toBe('Timeout');
      expect(error.attempts).toBe(MAX_ATTEMPTS);
      expect(error.requestIds).toEqual([]);
      expect(server.countOf(fx.actions.quoteResize)).toBe(MAX_ATTEMPTS);
      expect(server.count).toBe(MAX_ATTEMPTS + 1); // and the listing before them
      expect(performance.now() - started).toBeGreaterThanOrEqual(MAX_ATTEMPTS * HANG_TIMEOUT_MS - 50);
    });

    it('a resize times out and is sent once (it may have executed)', async () => {
      const { kit, server } = await serve([{ kind: 'hang' }], { timeoutMs: HANG_TIMEOUT_MS });
      const error = await rejectionOf(kit.resize(fx.resizeInput));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.attempts).toBe(1);
      await pause(100);
      expect(server.count).toBe(1);
    });

    it('a reinstall times out and is sent once', async () => {
      const { kit, server } = await serve([{ kind: 'hang' }], { timeoutMs: HANG_TIMEOUT_MS });
      const error = await rejectionOf(kit.reinstall(fx.reinstallInput));
      expect(error).toBeInstanceOf(TimeoutError);
      await pause(100);
      expect(server.count).toBe(1);
    });
  });

  describe('connection failures', () => {
    it('a reset after the request was read → NetworkError, the resize sent once', async () => {
      const { kit, server } = await serve([{ kind: 'reset' }]);
      const error = await rejectionOf(kit.resize(fx.resizeInput));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error.code).toBe('Network');
      expect((error as NetworkError).mayHaveBeenSent).toBe(true);
      expect(error.attempts).toBe(1);
      await pause(50);
      expect(server.count).toBe(1);
    });

    it('a reset → NetworkError, a quote retried up to maxAttempts', async () => {
      const { kit, server } = await serve(quoteScript([{ kind: 'reset' }]));
      const error = await rejectionOf(kit.quoteResize(fx.resizeInput));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error.attempts).toBe(MAX_ATTEMPTS);
      expect(server.countOf(fx.actions.quoteResize)).toBe(MAX_ATTEMPTS);
      expect(server.count).toBe(MAX_ATTEMPTS + 1);
    });

    it('a refused connection (nothing was sent) → the resize is retried, NetworkError after maxAttempts', async () => {
      const events: LogEvent[] = [];
      const kit = kitFor(fx, await closedPortUrl(), { logger: (e) => events.push(e) });
      const error = await rejectionOf(kit.resize(fx.resizeInput));
      expect(error).toBeInstanceOf(NetworkError);
      expect(error.code).toBe('Network');
      expect((error as NetworkError).mayHaveBeenSent).toBe(false);
      expect(error.attempts).toBe(MAX_ATTEMPTS);
      expect(events.filter((e) => e.type === 'request')).toHaveLength(MAX_ATTEMPTS);
      expect(events.filter((e) => e.type === 'retry')).toHaveLength(MAX_ATTEMPTS - 1);
    });
  });

  describe('garbage answers become typed errors with the HTTP status', () => {
    const html: Behaviour = {
      kind: 'text',
      status: 502,
      contentType: 'text/html',
      body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>',
    };
    const empty: Behaviour = { kind: 'text', status: 200, contentType: 'application/json', body: '' };

    it('an HTML 502 on a quote: typed, retried (a read)', async () => {
      const { kit, server } = await serve(quoteScript([html]));
      const error = await rejectionOf(kit.quoteResize(fx.resizeInput));
      expect([ApiError, ResponseFormatError].some((cls) => error instanceof cls)).toBe(true);
      expect(error.httpStatus).toBe(502);
      expect(error.attempts).toBe(MAX_ATTEMPTS);
      expect(server.countOf(fx.actions.quoteResize)).toBe(MAX_ATTEMPTS);
      expect(server.count).toBe(MAX_ATTEMPTS + 1);
    });

    it('an HTML 502 on a resize: typed, sent once', async () => {
      const { kit, server } = await serve([html]);
      const error = await rejectionOf(kit.resize(fx.resizeInput));
      expect([ApiError, ResponseFormatError].some((cls) => error instanceof cls)).toBe(true);
      expect(error.httpStatus).toBe(502);
      expect(error.attempts).toBe(1);
      expect(server.count).toBe(1);
    });

    it('an empty 200 body on a quote: ResponseFormatError', async () => {
      const { kit, server } = await serve(quoteScript([empty]));
      const error = await rejectionOf(kit.quoteResize(fx.resizeInput));
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect(error.httpStatus).toBe(200);
      expect((error as ResponseFormatError).bodySnippet).toBe('');
      expect(server.countOf(fx.actions.quoteResize)).toBe(error.attempts);
    });

    it('an empty 200 body on a reinstall: ResponseFormatError, sent once', async () => {
      const { kit, server } = await serve([empty]);
      const error = await rejectionOf(kit.reinstall(fx.reinstallInput));
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect(error.httpStatus).toBe(200);
      expect(error.attempts).toBe(1);
      expect(server.count).toBe(1);
    });

    it('JSON of another shape on a 200: ResponseFormatError, not a TypeError', async () => {
      const { kit } = await serve([{ kind: 'json', body: ['not', 'an', 'envelope'] }]);
      const error = await rejectionOf(kit.resize(fx.resizeInput));
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect(error.httpStatus).toBe(200);
    });
  });

  describe('abort', () => {
    it('an abort during the backoff rejects with AbortError at once', async () => {
      server = await startFaultServer(quoteScript(each((id) => fx.serverError(503, id).behaviour)));
      const kit = kitFor(fx, server.url, { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
      const controller = new AbortController();
      const started = performance.now();
      const call = rejectionOf(kit.quoteResize(fx.resizeInput, { signal: controller.signal }));
      // Abort once the quote's first attempt (after the listing) has been answered and the invoker sleeps.
      while (server.countOf(fx.actions.quoteResize) < 1) await pause(5);
      await pause(30);
      controller.abort();
      const error = await call;
      expect(error).toBeInstanceOf(AbortError);
      expect(error.code).toBe('Aborted');
      expect(error.attempts).toBe(1);
      expect(error.requestIds).toEqual(['rid-1']);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect(server.countOf(fx.actions.quoteResize)).toBe(1);
      expect(server.count).toBe(2);
    });

    it('an abort during a hanging attempt rejects with AbortError, not TimeoutError', async () => {
      server = await startFaultServer([{ kind: 'hang' }]);
      const kit = kitFor(fx, server.url, { timeoutMs: 10_000 });
      const controller = new AbortController();
      const call = rejectionOf(kit.resize(fx.resizeInput, { signal: controller.signal }));
      while (server.count < 1) await pause(5);
      controller.abort();
      const error = await call;
      expect(error).toBeInstanceOf(AbortError);
      expect(server.count).toBe(1);
    });
  });
});
