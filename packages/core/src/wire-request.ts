import type { Middleware } from 'openapi-fetch';
import { ValidationError } from './errors.js';

/** The path/query/header/body of one call, as a provider adapter lays them out (openapi-fetch's shape). */
export interface RequestParts {
  params?: {
    path?: Record<string, unknown>;
    query?: Record<string, unknown>;
    header?: Record<string, string>;
  };
  body?: unknown;
  querySerializer?: (query: Record<string, unknown>) => string;
  bodySerializer?: (body: unknown) => string;
  headers?: Record<string, string>;
}

/** What the invoker knows of an operation when it builds the request. */
export interface WireOperation {
  readonly method: string;
  /** The spec's path key: the real path, `{params}`, and `#Action` where one URL serves many actions. */
  readonly path: string;
  readonly action?: { readonly name: string; readonly in: 'header' | 'query' } | null;
}

/**
 * One attempt's request as a plain value: what is signed is exactly what is sent. A signer may set headers
 * and replace `url` (JD re-encodes the path, the legacy gateway adds its signature to the query); the body
 * is the serialized string, so nobody reads it back through a stream.
 */
export interface WireRequest {
  method: string;
  url: string;
  headers: HeaderList;
  body: string | undefined;
}

/** The headers of a plain request: what signers read and set (a fetch `Headers` is one too). */
export interface HeaderList extends Iterable<[string, string]> {
  get(name: string): string | null;
  set(name: string, value: string): void;
  has(name: string): boolean;
}

// RFC 9110: a header name is a token; a value holds no CR, LF or NUL and, as fetch's Headers requires, only
// Latin-1 characters. Refused when set, so a bad value is a build error (typed, never sent), not a send error.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
/** A valid value with nothing to trim (no space, tab, CR or LF at either end): most values, one test. */
const PLAIN_VALUE = /^(?:[\x21-\x7e\x80-\xff](?:[\t\x20-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?)?$/;

/**
 * Names already checked, by the name as given → its lower-case form. A client sets the same few names on every
 * request (its own, the action, the signer's); checking each again is a regular expression per header per call.
 * Bounded, so names that vary (none of ours do) cannot grow it without limit.
 */
const checkedNames = new Map<string, string>();
const CHECKED_NAMES_MAX = 256;

function headerKey(name: string): string {
  let key = checkedNames.get(name);
  if (key === undefined) {
    if (!HEADER_NAME.test(name)) throw new TypeError('invalid header name');
    key = name.toLowerCase();
    if (checkedNames.size >= CHECKED_NAMES_MAX) checkedNames.clear();
    checkedNames.set(name, key);
  }
  return key;
}

const isTrimmed = (code: number) => code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;

/** Without space, tab, CR and LF at either end, as fetch trims: by index (a trailing-run regex is quadratic). */
function trimmed(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmed(text.charCodeAt(start))) start++;
  while (end > start && isTrimmed(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/**
 * The headers core builds for a request: lower-case names in insertion order, values trimmed and checked as
 * fetch's `Headers` checks them. A plain Map instead of `Headers`, whose WebIDL checks cost a few percent of a
 * call on the node:http transport.
 *
 * A request made over a client's checked headers shares them instead of copying them (a copy per request cost
 * more than the rest of its headers): `#base` is read, never written; a name set again goes into the request's
 * own map and wins, and iteration keeps a Map's order (a base name where it was, with its new value).
 */
export class WireHeaders implements HeaderList {
  #values = new Map<string, string>();
  readonly #base: ReadonlyMap<string, string> | undefined;
  /** `#values` is another's base: copied before this one writes to it, so what was shared never changes. */
  #lent = false;

  constructor(init?: Readonly<Record<string, string>>, checked?: WireHeaders) {
    if (checked) this.#base = checked.#lend();
    if (init) for (const name of Object.keys(init)) this.set(name, init[name]!);
  }

  /** This set's headers for another to build on: its own map as it is, or (built on a base itself) one merged copy. */
  #lend(): ReadonlyMap<string, string> {
    if (this.#base) return new Map(this);
    this.#lent = true;
    return this.#values;
  }

  get(name: string): string | null {
    const key = checkedNames.get(name) ?? name.toLowerCase();
    return this.#values.get(key) ?? this.#base?.get(key) ?? null;
  }

  has(name: string): boolean {
    const key = checkedNames.get(name) ?? name.toLowerCase();
    return this.#values.has(key) || this.#base?.has(key) === true;
  }

  set(name: string, value: string): void {
    const key = headerKey(name);
    const text = String(value);
    // Most values are valid with nothing to trim: one test; the others are trimmed, then checked.
    let checked = text;
    if (!PLAIN_VALUE.test(text)) {
      checked = trimmed(text);
      if (!HEADER_VALUE.test(checked)) throw new TypeError(`invalid value for header ${name}`);
    }
    if (this.#lent) {
      this.#values = new Map(this.#values);
      this.#lent = false;
    }
    this.#values.set(key, checked);
  }

  /** Names and values one after the other (`[name, value, name, value, …]`), in order: what node:http takes. */
  flat(): string[] {
    const list: string[] = [];
    const base = this.#base;
    const own = this.#values;
    if (base) for (const [name, value] of base) list.push(name, own.get(name) ?? value);
    for (const [name, value] of own) if (!base?.has(name)) list.push(name, value);
    return list;
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    const list = this.flat();
    for (let i = 0; i < list.length; i += 2) yield [list[i]!, list[i + 1]!];
  }
}

/**
 * What a signer adds to a request: headers (the signature, its timestamp and nonce) and, where the signature
 * lives in the URL or the provider canonicalizes it (the legacy gateway's query, JD's encoded path), the URL to
 * send instead. Nothing else of the request can change: what was validated and built is what is sent.
 */
export interface SignedAdditions {
  readonly headers?: Readonly<Record<string, string>>;
  readonly url?: string;
}

/**
 * Signs one attempt's request: a function of that value (and of the credentials, clock and nonce it closes
 * over) returning what it adds. Runs on every attempt, so a retry gets a fresh timestamp, nonce and signature.
 */
export type RequestSigner = (request: Readonly<WireRequest>) => SignedAdditions | Promise<SignedAdditions>;

/** What most signers read of a request: the host it goes to, its method and its exact body (`''` for none). */
export function signedParts(request: Readonly<WireRequest>): {
  host: string;
  method: string;
  payload: string;
} {
  return { host: hostOf(request.url), method: request.method, payload: request.body ?? '' };
}

/** The last URL's host: a client sends to one endpoint, so parsing it once per request is waste. */
let lastHost = { url: '', host: '' };
function hostOf(url: string): string {
  if (url !== lastHost.url) lastHost = { url, host: new URL(url).host };
  return lastHost.host;
}

/** The request with a signer's additions applied: the headers set over the built ones, the URL replaced. */
export async function signWireRequest(request: WireRequest, sign: RequestSigner): Promise<WireRequest> {
  const added = await sign(request);
  for (const [name, value] of Object.entries(added.headers ?? {})) request.headers.set(name, value);
  if (added.url !== undefined) request.url = added.url;
  return request;
}

const PATH_PARAM = /\{([^{}]+)\}/g;
const NO_QUERY: Record<string, unknown> = Object.freeze({});

function defaultQuery(query: Record<string, unknown>): string {
  // Most calls have no query parameter (every POST): no URLSearchParams for them.
  let empty = true;
  for (const _ in query) {
    empty = false;
    break;
  }
  if (empty) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value != null) search.append(name, String(value));
  return search.toString();
}

/**
 * A path parameter fills one segment and nothing else. encodeURIComponent leaves `.` alone, and URL parsing
 * resolves a segment of `.` or `..`, so `regionId: '..'` would sign and send a request to another path.
 */
function pathSegment(name: string, value: unknown): string {
  const segment = encodeURIComponent(String(value));
  if (segment === '' || segment === '.' || segment === '..')
    throw new ValidationError(`${name} must be a non-empty path segment other than "." and ".."`, {
      field: name,
      rule: 'pathSegment',
    });
  return segment;
}

/**
 * Builds the request of an attempt, already in its final form: the path key's `{params}` filled in, its
 * `#Action` fragment turned into the action header or query parameter (what core's `fragmentActionMiddleware`
 * does for an openapi-fetch client), the query and JSON body serialized. The signer then sees, and signs,
 * exactly what is sent.
 */
export function buildWireRequest(
  baseUrl: string,
  operation: WireOperation,
  parts: RequestParts,
  clientHeaders: Readonly<Record<string, string>> | WireHeaders = {},
): WireRequest {
  const hashAt = operation.path.indexOf('#');
  const path = hashAt < 0 ? operation.path : operation.path.slice(0, hashAt);
  const values = parts.params?.path ?? {};
  let url =
    (baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl) +
    (path.includes('{')
      ? path.replace(PATH_PARAM, (_, name: string) => pathSegment(name, values[name]))
      : path);
  // A client's own headers come checked once (a WireHeaders the invoker keeps); each request gets its own copy,
  // and the operation's own headers, when it has any (most have none: no object is made for them).
  const own =
    parts.params?.header || parts.headers ? { ...parts.params?.header, ...parts.headers } : undefined;
  const headers =
    clientHeaders instanceof WireHeaders
      ? new WireHeaders(own, clientHeaders)
      : new WireHeaders({ ...clientHeaders, ...own });
  const action = operation.action;
  // A serializer runs even without query parameters: the legacy gateway's writes its whole query from the input.
  let search = (parts.querySerializer ?? defaultQuery)(parts.params?.query ?? NO_QUERY);
  if (hashAt >= 0 && action?.in === 'query' && !(search && new URLSearchParams(search).has(action.name)))
    search += `${search ? '&' : ''}${action.name}=${operation.path.slice(hashAt + 1)}`;
  if (hashAt >= 0 && action?.in === 'header' && !headers.has(action.name))
    headers.set(action.name, operation.path.slice(hashAt + 1));
  if (search) url += `?${search}`;
  let body: string | undefined;
  if (parts.body !== undefined) {
    body = parts.bodySerializer ? parts.bodySerializer(parts.body) : JSON.stringify(parts.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  return { method: operation.method.toUpperCase(), url, headers, body };
}

/**
 * A provider signer as an openapi-fetch middleware, for people who call the generated `paths` through
 * `createClient<paths>()` (register `fragmentActionMiddleware` before it). Reads the body once, signs the plain
 * value and returns a Request only when the signer changed the URL; the same signer runs inside our clients, so
 * both roads put the same bytes on the wire.
 */
export function signerMiddleware(sign: RequestSigner): Middleware {
  return {
    async onRequest({ request }) {
      const body = request.body === null ? undefined : await request.clone().text();
      const wire: WireRequest = { method: request.method, url: request.url, headers: request.headers, body };
      await signWireRequest(wire, sign);
      if (wire.url === request.url) return request;
      return new Request(wire.url, {
        method: wire.method,
        headers: [...wire.headers],
        body: wire.body,
        signal: request.signal,
        redirect: 'manual',
      });
    },
  };
}
