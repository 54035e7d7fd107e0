import type { Middleware } from 'openapi-fetch';

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

const PATH_PARAM = /\{([^{}]+)\}/g;

function defaultQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value != null) search.append(name, String(value));
  return search.toString();
}

/**
 * Builds the one `Request` of an attempt, already in its final form: the path key's `{params}` filled in,
 * its `#Action` fragment turned into the action header or query parameter (what core's
 * `fragmentActionMiddleware` does for an openapi-fetch client, without copying the Request), the query and
 * JSON body serialized. The signer then sees, and signs, exactly what is sent.
 */
export function buildWireRequest(
  baseUrl: string,
  operation: WireOperation,
  parts: RequestParts,
  signal: AbortSignal,
): Request {
  const hashAt = operation.path.indexOf('#');
  const path = hashAt < 0 ? operation.path : operation.path.slice(0, hashAt);
  const values = parts.params?.path ?? {};
  let url =
    baseUrl.replace(/\/$/, '') +
    path.replace(PATH_PARAM, (_, name: string) => encodeURIComponent(String(values[name])));
  const headers = new Headers({ ...parts.params?.header, ...parts.headers });
  const action = operation.action;
  const query = [(parts.querySerializer ?? defaultQuery)(parts.params?.query ?? {})];
  if (hashAt >= 0 && action?.in === 'query' && !new URLSearchParams(query[0]).has(action.name))
    query.push(`${action.name}=${operation.path.slice(hashAt + 1)}`);
  if (hashAt >= 0 && action?.in === 'header' && !headers.has(action.name))
    headers.set(action.name, operation.path.slice(hashAt + 1));
  const search = query.filter(Boolean).join('&');
  if (search) url += `?${search}`;
  let body: string | undefined;
  if (parts.body !== undefined) {
    body = parts.bodySerializer ? parts.bodySerializer(parts.body) : JSON.stringify(parts.body);
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  }
  const request = new Request(url, { method: operation.method.toUpperCase(), headers, body, signal });
  if (body !== undefined) bodies.set(request, body);
  return request;
}

/** Bodies of the requests buildWireRequest made, so a signer need not read them back through a stream. */
const bodies = new WeakMap<Request, string>();

/**
 * The exact body a signer must hash: the string buildWireRequest serialized when it made this request,
 * otherwise (a plain openapi-fetch client, a request a middleware replaced) the bytes of a clone.
 */
export async function requestBody(request: Request): Promise<string | Uint8Array> {
  if (request.body === null) return '';
  return bodies.get(request) ?? new Uint8Array(await request.clone().arrayBuffer());
}

/**
 * Runs an openapi-fetch request middleware (the provider signers are written to that contract, so they also
 * plug into a plain openapi-fetch client) and returns the request to send.
 */
export async function applyMiddleware(
  request: Request,
  schemaPath: string,
  middleware: Middleware,
): Promise<Request> {
  const result = await middleware.onRequest?.({
    request,
    schemaPath,
    params: {},
    options: {} as never,
    id: '',
  });
  return result instanceof Request ? result : request;
}
