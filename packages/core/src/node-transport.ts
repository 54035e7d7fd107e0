import type { Agent as HttpAgent, request as httpRequest, IncomingMessage } from 'node:http';
import { RedirectError, ResponseTooLargeError } from './errors.js';
import { type HeaderReader, originOf, type RawAnswer, type SendContext } from './fetch-transport.js';
import { builtin } from './node-builtins.js';
import { WireHeaders, type WireRequest } from './wire-request.js';

interface Scheme {
  readonly send: typeof httpRequest;
  readonly agent: HttpAgent;
}

// One keep-alive pool per scheme for the process, as undici's global dispatcher keeps one: a fleet run makes many
// calls to the same endpoint, and a new TLS handshake per call would cost more than the call. Each scheme's
// module is loaded with its first request (node:https, and TLS with it, only for an https endpoint).
const schemes: { 'http:'?: Scheme; 'https:'?: Scheme } = {};

function schemeOf(protocol: 'http:' | 'https:'): Scheme {
  let scheme = schemes[protocol];
  if (!scheme) {
    const module = protocol === 'https:' ? builtin('node:https') : builtin('node:http');
    scheme = { send: module.request, agent: new module.Agent({ keepAlive: true }) };
    schemes[protocol] = scheme;
  }
  return scheme;
}

interface Target extends Scheme {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: string;
  /** Path and query, as sent on the request line. */
  readonly path: string;
  /** The Host header: the host, and the port when it is not the scheme's default (what node:http would send). */
  readonly host: string;
}

/** The last URL's parts: a client sends to one endpoint, and most calls to the same URL (every POST action). */
let lastTarget: { url: string; target: Target | undefined } = { url: '', target: undefined };

function targetOf(url: string): Target | undefined {
  if (url === lastTarget.url) return lastTarget.target;
  const parsed = new URL(url);
  const protocol = parsed.protocol;
  const target: Target | undefined =
    protocol === 'http:' || protocol === 'https:'
      ? {
          protocol,
          // node:http wants an IPv6 literal without its brackets.
          hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: parsed.port,
          path: parsed.pathname + parsed.search,
          host: parsed.host,
          ...schemeOf(protocol),
        }
      : undefined;
  lastTarget = { url, target };
  return target;
}

/** One attempt's deadline on the node road: when it passes, `expire` ends the attempt. */
interface Deadline {
  readonly at: number;
  readonly expire: () => void;
}

/**
 * Every pending attempt's deadline, on one timer for the process: it is set for the earliest deadline and moved
 * only when an earlier one comes, so sequential calls with the same timeout (the common case: each deadline is
 * later than the one the timer waits for) make no timer of their own — a timer per attempt, made and cleared,
 * cost about a microsecond of every call. Unref'd: a pending request's socket keeps the process alive, an idle
 * client does not (a timer left for a finished attempt finds nothing to end).
 */
const deadlines = new Set<Deadline>();
let sweepAt = Number.POSITIVE_INFINITY;
let sweeper: ReturnType<typeof setTimeout> | undefined;

function wakeAt(at: number): void {
  if (sweeper !== undefined && sweepAt <= at) return;
  if (sweeper !== undefined) clearTimeout(sweeper);
  sweepAt = at;
  sweeper = setTimeout(sweep, Math.max(0, at - performance.now()));
  sweeper.unref();
}

function sweep(): void {
  sweeper = undefined;
  sweepAt = Number.POSITIVE_INFINITY;
  const now = performance.now();
  let next = Number.POSITIVE_INFINITY;
  for (const deadline of deadlines) {
    if (deadline.at <= now) {
      deadlines.delete(deadline);
      deadline.expire();
    } else if (deadline.at < next) next = deadline.at;
  }
  // A timer can wake a little before the clock reads its deadline: what is left waits on.
  if (next !== Number.POSITIVE_INFINITY) wakeAt(next);
}

/**
 * On the monotonic clock, as a timer runs: a wall clock set back (NTP, a resumed VM) would hold an attempt past its
 * timeout, one set forward would end attempts early. A timeout that is no finite number (callers check theirs)
 * ends at once rather than never, as setTimeout would.
 */
function addDeadline(timeoutMs: number, expire: () => void): Deadline {
  const deadline = { at: performance.now() + (Number.isFinite(timeoutMs) ? timeoutMs : 1), expire };
  deadlines.add(deadline);
  wakeAt(deadline.at);
  return deadline;
}

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
  const { signal, maxResponseBytes: limit, timeoutMs } = context;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const target = targetOf(wire.url);
  if (!target)
    return Promise.reject(networkError(new Error(`unsupported protocol ${new URL(wire.url).protocol}`)));
  // The headers as a flat list, in the order built, then what a client must add: node:http takes a list as it
  // is (no setHeader per name; its own checks still run), so Host is ours to add, last, where it would put it.
  const headers: string[] =
    wire.headers instanceof WireHeaders ? wire.headers.flat() : [...wire.headers].flat();
  if (wire.body !== undefined) headers.push('content-length', String(Buffer.byteLength(wire.body)));
  if (!wire.headers.has('host')) headers.push('Host', target.host);
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    const finish = (error: unknown, answer?: RawAnswer) => {
      if (settled) return;
      settled = true;
      deadlines.delete(deadline);
      signal?.removeEventListener('abort', onAbort);
      if (error === undefined) resolve(answer!);
      else reject(error);
    };
    const end = (reason: unknown) => {
      finish(reason);
      request.destroy();
    };
    const onAbort = () => end(signal!.reason);
    // Made first: if node:http throws here, no timer or listener is left behind (the promise rejects).
    const request = target.send({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      path: target.path,
      method: wire.method,
      headers,
      agent: target.agent,
    });
    // A deadline rather than an AbortController: nothing else needs a signal on this road.
    const deadline = addDeadline(timeoutMs, () => {
      context.timedOut = true;
      end(new DOMException(`${context.action} timed out after ${timeoutMs} ms`, 'TimeoutError'));
    });
    signal?.addEventListener('abort', onAbort, { once: true });
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
