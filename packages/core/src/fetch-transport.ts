import { deadlineSignal } from './deadline.js';
import { type ProviderName, RedirectError, ResponseFormatError, ResponseTooLargeError } from './errors.js';
import type { WireRequest } from './wire-request.js';

/** The response headers as a reader needs them (a fetch `Headers` is one). */
export interface HeaderReader {
  get(name: string): string | null;
}

/** What came back on the wire, before any provider-specific reading. */
export interface RawAnswer {
  status: number;
  headers: HeaderReader;
  text: string;
}

export type FetchLike = (request: Request) => Promise<Response>;

/**
 * The largest answer read by default. The largest real answers are a region's whole instance-type catalogue
 * (Tencent DescribeZoneInstanceConfigInfos, JD describeInstanceTypes: a few MB) and a 100-instance page of
 * DescribeInstances (well under 1 MB); 16 MiB leaves room for both and stops a broken proxy from filling memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/**
 * What one attempt's sending needs to know besides the request. The transport keeps the attempt's deadline
 * itself: fetch needs an AbortSignal for it, node:http only a timer (an AbortController per call costs more there
 * than the signing).
 */
export interface SendContext {
  action: string;
  provider: ProviderName;
  maxResponseBytes: number;
  /** The attempt ends after this long; the transport then sets `timedOut` and rejects. */
  timeoutMs: number;
  /** The caller's signal: its abort ends the attempt at once. */
  signal: AbortSignal | undefined;
  /** Set by the transport when the attempt's timeout, not the caller, ended it. */
  timedOut: boolean;
}

/**
 * Rejects as soon as `signal` aborts, whether or not `promise` notices. The signal reaches fetch through the
 * Request, but a custom fetch may ignore it and undici links a copied Request's signal only weakly; the
 * attempt's own timer and this race are what guarantee that a timeout or an abort ends the call.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A Response of this realm or of another fetch implementation (undici's own, a test double). */
function isResponse(value: unknown): value is Response {
  const candidate = value as Response | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.status === 'number' &&
    typeof candidate.headers?.get === 'function'
  );
}

export function originOf(location: string | null, base: string): string | undefined {
  if (!location) return undefined;
  try {
    // The origin only: a Location's path or query may carry tokens of the other side.
    return new URL(location, base).origin;
  } catch {
    return undefined;
  }
}

/** Reads the body as text, at most `limit` bytes; past it the stream is cancelled, which drops the connection. */
async function readCapped(response: Response, context: SendContext, signal: AbortSignal): Promise<string> {
  const limit = context.maxResponseBytes;
  const tooLarge = () =>
    new ResponseTooLargeError(`${context.action}: the answer is over maxResponseBytes (${limit})`, {
      provider: context.provider,
      action: context.action,
      code: 'ResponseTooLarge',
      httpStatus: response.status,
      limitBytes: limit,
    });
  const declared = Number(response.headers.get('content-length'));
  if (declared > limit) {
    response.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await untilAborted(reader.read(), signal);
      if (done) break;
      received += value.byteLength;
      if (received > limit) throw tooLarge();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }
  return text + decoder.decode();
}

/** Bodies of the Requests sendWithFetch made, so a `fetch` built on another HTTP client need not read a stream. */
const bodies = new WeakMap<Request, string>();

/**
 * The exact body of a request: the string the client serialized when it made this Request, otherwise (a Request
 * from elsewhere) the bytes of a clone. For a custom `fetch` on another HTTP client (undici's `request()`, say).
 */
export async function requestBody(request: Request): Promise<string | Uint8Array> {
  if (request.body === null) return '';
  return bodies.get(request) ?? new Uint8Array(await request.clone().arrayBuffer());
}

/**
 * Sends one signed attempt through `fetch`: the Request is made once, after signing, carrying the attempt's
 * signal and `redirect: 'manual'`; any 3xx (or a fetch that followed one anyway) is a RedirectError; the body
 * is read with a size cap and no clone. Abort and timeout end the call even if fetch does not notice.
 */
export async function sendWithFetch(
  send: FetchLike,
  wire: WireRequest,
  context: SendContext,
): Promise<RawAnswer> {
  const deadline = deadlineSignal(context.timeoutMs, context.signal, context.action);
  const { signal } = deadline;
  try {
    const request = new Request(wire.url, {
      method: wire.method,
      headers: [...wire.headers],
      body: wire.body,
      signal,
      redirect: 'manual',
    });
    if (wire.body !== undefined) bodies.set(request, wire.body);
    // Aborted while it was being signed (or before): nothing may reach a fetch that could ignore the signal.
    if (signal.aborted) throw signal.reason;
    // A fetch that answers synchronously, or throws, still gives a promise here.
    const pending = Promise.resolve().then(() => send(request));
    let response: Response;
    try {
      response = await untilAborted(pending, signal);
    } catch (error) {
      // If fetch answers after all, release its connection instead of leaving the body unread.
      pending.then(
        (late) => late.body?.cancel().catch(() => {}),
        () => {},
      );
      throw error;
    }
    if (!isResponse(response))
      throw new ResponseFormatError(`${context.action}: the fetch function returned no Response`, {
        provider: context.provider,
        action: context.action,
        code: 'Internal',
        bodySnippet: '',
      });
    const redirected =
      response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400);
    if (redirected || response.redirected) {
      response.body?.cancel().catch(() => {});
      // A fetch that followed the redirect despite `redirect: 'manual'` already sent the request twice: say so.
      const location = redirected
        ? originOf(response.headers.get('location'), wire.url)
        : originOf(response.url, wire.url);
      const what = redirected
        ? `the server answered HTTP ${response.status || '3xx'} (a redirect${location ? ` to ${location}` : ''})`
        : `the fetch function followed a redirect${location ? ` to ${location}` : ''}`;
      throw new RedirectError(`${context.action}: ${what}; redirects are never followed`, {
        provider: context.provider,
        action: context.action,
        code: 'Redirect',
        httpStatus: response.status || undefined,
        location,
      });
    }
    return {
      status: response.status,
      headers: response.headers,
      text: await readCapped(response, context, signal),
    };
  } finally {
    deadline.done();
    context.timedOut = deadline.timedOut;
  }
}
