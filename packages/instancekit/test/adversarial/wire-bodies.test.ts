// Classes 1 and 7 of issue 10: timeouts and aborts always end a call — across a garbage collection, on a
// body that trickles or never ends — and no answer is read past its size cap. Also what a broken proxy does:
// close right after the headers, or answer bytes that are not HTTP. Mutations are never sent twice.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { AbortError, NetworkError, ResponseTooLargeError, TimeoutError } from '@instancekit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { WIRE_ROADS } from './support/clients.js';
import {
  closeAfterHeaders,
  endless,
  type HostileServer,
  hang,
  huge,
  startGarbageServer,
  startHostileServer,
  trickle,
} from './support/hostile-server.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Forces a full collection every 25 ms while `promise` is pending: what used to cut the timeout's link. */
async function collectingGarbage<T>(promise: Promise<T>): Promise<T> {
  const timer = setInterval(gc, 25);
  try {
    return await promise;
  } finally {
    clearInterval(timer);
  }
}

async function outcome(promise: Promise<unknown>): Promise<{ error: unknown; ms: number }> {
  const started = performance.now();
  const error = await promise.then(
    () => new Error('resolved'),
    (caught: unknown) => caught,
  );
  return { error, ms: performance.now() - started };
}

let server: HostileServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

for (const road of WIRE_ROADS) {
  describe(`${road.name}: timeouts and aborts survive a garbage collection`, () => {
    it('a hanging server: the mutation times out on time with GCs running, and is not sent again', async () => {
      server = await startHostileServer(hang);
      const client = road.connect(server.url, { timeoutMs: 300, retry: { maxAttempts: 3, baseDelayMs: 1 } });
      const { error, ms } = await outcome(collectingGarbage(client.mutate()));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(ms).toBeLessThan(1500);
      expect(server.received).toHaveLength(1);
    });

    it('a hanging server: the caller’s abort ends the call at once with GCs running', async () => {
      server = await startHostileServer(hang);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 200);
      const client = road.connect(server.url, { timeoutMs: 60_000 });
      const { error, ms } = await outcome(
        collectingGarbage(client.mutateWithSecrets({ signal: controller.signal })),
      );
      expect(error).toBeInstanceOf(AbortError);
      expect(ms).toBeLessThan(1200);
    });

    it('a slowloris body (a byte every 50 ms, for ever): timed out on time, GCs running', async () => {
      server = await startHostileServer(trickle(50));
      const client = road.connect(server.url, { timeoutMs: 400, retry: false });
      const { error, ms } = await outcome(collectingGarbage(client.mutate()));
      expect(error).toBeInstanceOf(TimeoutError);
      expect(ms).toBeLessThan(1500);
    });

    it('a slowloris body on a read: each attempt bounded, every attempt counted', async () => {
      server = await startHostileServer(trickle(50));
      const client = road.connect(server.url, { timeoutMs: 250, retry: { maxAttempts: 2, baseDelayMs: 1 } });
      const { error, ms } = await outcome(collectingGarbage(client.read()));
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).attempts).toBe(2);
      expect(ms).toBeLessThan(2000);
    });
  });

  describe(`${road.name}: answers too large or broken`, () => {
    it('a body that never ends: ResponseTooLargeError at the cap, the connection dropped', async () => {
      server = await startHostileServer(endless);
      const client = road.connect(server.url, { maxResponseBytes: 256 * 1024, retry: false });
      const { error, ms } = await outcome(client.read());
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect((error as ResponseTooLargeError).limitBytes).toBe(256 * 1024);
      expect((error as ResponseTooLargeError).httpStatus).toBe(200);
      expect(ms).toBeLessThan(2000);
    });

    it('a declared 200 MB answer under the default cap: refused before it is read, memory stays flat', async () => {
      server = await startHostileServer(huge(200 * 1024 * 1024));
      const before = process.memoryUsage().rss;
      const { error } = await outcome(road.connect(server.url, { retry: false }).mutate());
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect((error as ResponseTooLargeError).limitBytes).toBe(16 * 1024 * 1024);
      expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
      expect(server.received).toHaveLength(1);
    });

    it('a per-call cap overrides the client’s', async () => {
      server = await startHostileServer(endless);
      const client = road.connect(server.url, { maxResponseBytes: 64 * 1024 * 1024, retry: false });
      const { error } = await outcome(client.read({ maxResponseBytes: 100_000 }));
      expect((error as ResponseTooLargeError).limitBytes).toBe(100_000);
    });

    it('a close right after the headers: NetworkError; the mutation is not sent again, a read is', async () => {
      server = await startHostileServer(closeAfterHeaders);
      const client = road.connect(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
      const mutation = await outcome(client.mutate());
      expect(mutation.error).toBeInstanceOf(NetworkError);
      expect((mutation.error as NetworkError).mayHaveBeenSent).toBe(true);
      expect(server.received).toHaveLength(1);
      const read = await outcome(client.read());
      expect(read.error).toBeInstanceOf(NetworkError);
      expect(server.received).toHaveLength(4);
    });

    it('bytes that are not HTTP: NetworkError, the mutation sent once', async () => {
      server = await startGarbageServer();
      const client = road.connect(server.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
      const { error } = await outcome(client.mutateWithSecrets());
      expect(error).toBeInstanceOf(NetworkError);
      expect(server.received).toHaveLength(1);
    });
  });
}
