// Class 2 of issue 10: no redirect is ever followed. A signed mutation sent once, to the endpoint it was
// signed for; any 3xx — same origin or another, a loop, a 303 that would turn the POST into a GET — is a
// typed RedirectError naming the status and the target's origin, and the other side receives nothing.
import { RedirectError } from '@instancekit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WIRE_ROADS } from './support/clients.js';
import { type HostileServer, startHostileServer } from './support/hostile-server.js';

let target: HostileServer;
beforeAll(async () => {
  // Where the redirects point: it answers every request with a success, as an attacker's host would.
  target = await startHostileServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ Response: { RequestId: 'evil' }, requestId: 'evil', result: {} }));
  });
});
afterAll(() => target.close());

for (const road of WIRE_ROADS) {
  describe(`${road.name}: redirects`, () => {
    for (const status of [301, 302, 303, 307, 308]) {
      for (const where of ['another origin', 'the same origin (a loop)'] as const) {
        it(`HTTP ${status} to ${where}: RedirectError, the mutation sent once, nothing sent there`, async () => {
          const before = target.received.length;
          const origin = await startHostileServer((request, response) => {
            const location = where === 'another origin' ? `${target.url}/steal?from=x` : request.url;
            response.writeHead(status, { location });
            response.end();
          });
          try {
            const client = road.connect(origin.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } });
            for (const call of [client.mutate, client.mutateWithSecrets]) {
              const error = await call().catch((caught: unknown) => caught);
              expect(error).toBeInstanceOf(RedirectError);
              const redirect = error as RedirectError;
              expect(redirect.code).toBe('Redirect');
              expect(redirect.httpStatus).toBe(status);
              expect(redirect.message).toContain(String(status));
              const expected = where === 'another origin' ? target.url : origin.url;
              expect(redirect.location).toBe(expected);
              expect(redirect.message).toContain(expected);
              // The origin only: the Location's path and query are not repeated.
              expect(redirect.message).not.toContain('steal');
            }
            expect(origin.received).toHaveLength(2);
            expect(target.received.length).toBe(before);
          } finally {
            await origin.close();
          }
        });
      }
    }

    it('a read is not retried on a redirect either (it is configuration, not a transient fault)', async () => {
      const origin = await startHostileServer((_request, response) => {
        response.writeHead(307, { location: `${target.url}/` });
        response.end();
      });
      try {
        const error = await road
          .connect(origin.url, { retry: { maxAttempts: 3, baseDelayMs: 1 } })
          .read()
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RedirectError);
        expect(origin.received).toHaveLength(1);
      } finally {
        await origin.close();
      }
    });

    it('a fetch that follows redirects anyway: the answer is refused, not read as a success', async () => {
      const origin = await startHostileServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(road.success('req-1')));
      });
      try {
        // A proxy-aware fetch that rebuilds the request and ignores `redirect: 'manual'`.
        const following = async (request: Request) => {
          const response = await fetch(request.url, { method: 'GET', redirect: 'follow' });
          Object.defineProperty(response, 'redirected', { value: true });
          return response;
        };
        const error = await road
          .connect(origin.url, { fetch: following, retry: false })
          .read()
          .catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(RedirectError);
        expect((error as Error).message).toMatch(/followed a redirect/);
      } finally {
        await origin.close();
      }
    });
  });
}
