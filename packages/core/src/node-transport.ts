import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { RedirectError, ResponseTooLargeError } from './errors.js';
import { type HeaderReader, originOf, type RawAnswer, type SendContext } from './fetch-transport.js';
import type { WireRequest } from './wire-request.js';

// One keep-alive pool per scheme for the process, as undici's global dispatcher keeps one: a fleet run makes many
// calls to the same endpoint, and a new TLS handshake per call would cost more than the call.
const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

/** The answer's headers as readers use them; node has parsed them already (lower-case names). */
function headersOf(message: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = message.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : String(value);
    },
  };
}

/** A network failure shaped as fetch's (`TypeError` whose `cause` has the `code`), so the invoker reads one form. */
function networkError(cause: unknown): TypeError {
  return new TypeError('request failed', { cause });
}

/**
 * Sends one signed attempt on `node:http`/`node:https`: exactly the method, URL, headers and body of the plain
 * request (plus the Host, Content-Length and Connection a client must send), never a redirect followed (any 3xx
 * is a RedirectError), the answer read with a size cap. An abort or the attempt's timeout destroys the socket
 * and rejects at once; nothing is ever sent twice.
 */
export function sendWithNode(wire: WireRequest, context: SendContext): Promise<RawAnswer> {
  const { signal, maxResponseBytes: limit } = context;
  if (signal.aborted) return Promise.reject(signal.reason);
  const url = new URL(wire.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return Promise.reject(networkError(new Error(`unsupported protocol ${url.protocol}`)));
  const headers: Record<string, string> = Object.fromEntries(wire.headers);
  if (wire.body !== undefined) headers['content-length'] = String(Buffer.byteLength(wire.body));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(answer!);
      else reject(error);
    };
    const request = send(url, {
      method: wire.method,
      headers,
      agent: agents[url.protocol as keyof typeof agents],
    });
    const onAbort = () => {
      finish(signal.reason);
      request.destroy();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => finish(networkError(error)));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      // Settle first: destroying the socket makes the response emit its own error, which must not win.
      const fail = (error: unknown) => {
        finish(error);
        response.destroy();
      };
      if (status >= 300 && status < 400) {
        const location = originOf(response.headers.location ?? null, wire.url);
        return fail(
          new RedirectError(
            `${context.action}: the server answered HTTP ${status} (a redirect${location ? ` to ${location}` : ''}); redirects are never followed`,
            {
              provider: context.provider,
              action: context.action,
              code: 'Redirect',
              httpStatus: status,
              location,
            },
          ),
        );
      }
      const tooLarge = () =>
        new ResponseTooLargeError(`${context.action}: the answer is over maxResponseBytes (${limit})`, {
          provider: context.provider,
          action: context.action,
          code: 'ResponseTooLarge',
          httpStatus: status,
          limitBytes: limit,
        });
      if (Number(response.headers['content-length']) > limit) return fail(tooLarge());
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.byteLength;
        if (received > limit) fail(tooLarge());
        else chunks.push(chunk);
      });
      response.on('error', (error) => finish(networkError(error)));
      // A connection closed before the body's end is a broken answer, not a short one.
      response.on('aborted', () => finish(networkError(new Error('the answer was cut off'))));
      response.on('end', () => {
        if (!response.complete) return finish(networkError(new Error('the answer was cut off')));
        finish(undefined, {
          status,
          headers: headersOf(response),
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.end(wire.body);
  });
}
