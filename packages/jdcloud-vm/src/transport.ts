import type { OperationSpec, ProviderAdapter, RequestParts, RequestSigner } from '@instancekit/core/internal';
import type { JdcloudCredentials } from './client.js';
import { jdcloudEnvelope } from './envelope.js';
import { flattenFilters, type JdFilter } from './filters.js';
import { canonicalJdQuery, encodeJdPath, signJdcloud2 } from './signing/jdcloud2.js';

export interface JdcloudTransportSettings {
  credentials: JdcloudCredentials;
  /** The client's region: the `regionId` path parameter and the region of the signature scope. */
  region: string;
  /** The signature scope's service: `vm` for vm.jdcloud-api.com, `billing` for billing.jdcloud-api.com. */
  service: string;
  /** Milliseconds since the epoch, read on every attempt; pinned in tests. */
  now: () => number;
  /** x-jdcloud-nonce, drawn on every attempt (a retry is a new request); pinned in tests. */
  nonce: () => string;
}

/** Query values as JD sends them: strings, numbers and booleans written out, nothing else. */
function queryPairs(query: Record<string, unknown>): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    pairs.push([name, String(value)]);
  }
  return pairs;
}

/** Decodes one path segment as sent by openapi-fetch, so encodeJdPath encodes it exactly once. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The JDCLOUD2-HMAC-SHA256 signer (core's `signerMiddleware` makes it an openapi-fetch middleware). It puts the request into the form JD's
 * gateway canonicalizes — every path segment RFC 3986-encoded, so `:resizeInstance` goes out as
 * `%3AresizeInstance`; the query sorted and encoded — and signs that very URL and the exact body bytes, with
 * a fresh x-jdcloud-date and x-jdcloud-nonce on every attempt.
 */
export function jdcloudSigner(settings: JdcloudTransportSettings): RequestSigner {
  return async (request) => {
    const url = new URL(request.url);
    const path = url.pathname
      .split('/')
      // A `/` inside a parameter value stays inside its segment.
      .map((segment) => encodeJdPath(decodeSegment(segment)).replaceAll('/', '%2F'))
      .join('/');
    const pairs = [...url.searchParams.entries()];
    const query = canonicalJdQuery(pairs);
    url.pathname = path;
    url.search = query ? `?${query}` : '';
    request.url = url.href;
    const payload = request.body ?? '';

    const contentType = request.headers.get('content-type');
    const timestampMs = settings.now();
    const nonce = settings.nonce();
    const { authorization, date } = await signJdcloud2({
      accessKey: settings.credentials.accessKey,
      secretKey: settings.credentials.secretKey,
      service: settings.service,
      region: settings.region,
      method: request.method,
      host: url.host,
      path,
      query: pairs,
      headers: contentType ? { 'content-type': contentType } : {},
      payload,
      timestampMs,
      nonce,
    });
    request.headers.set('x-jdcloud-date', date);
    request.headers.set('x-jdcloud-nonce', nonce);
    request.headers.set('Authorization', authorization);
  };
}

/**
 * How a JD operation's flat input becomes a request: `regionId` from the client, the other path parameters
 * and the query parameters by name (the table lists them), `filters` as `filters.N.name` /
 * `filters.N.values.M` / `filters.N.operator`, and everything else as the JSON body of a POST.
 */
export function buildJdcloudRequest(
  region: string,
  operation: OperationSpec,
  input: Record<string, unknown>,
): RequestParts {
  const pathParams = new Set(operation.pathParams ?? []);
  const queryParams = new Set(operation.queryParams ?? []);
  const path: Record<string, unknown> = { regionId: region };
  const query: Record<string, unknown> = {};
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (pathParams.has(name)) path[name] = value;
    else if (name === 'filters' && Array.isArray(value))
      Object.assign(query, flattenFilters(value as JdFilter[]));
    else if (queryParams.has(name)) query[name] = value;
    else body[name] = value;
  }
  const parts: RequestParts = {
    params: { path, query },
    querySerializer: (q) => canonicalJdQuery(queryPairs(q)),
  };
  // A POST whose spec declares no body fields (startInstance) goes without a body, as the official SDKs send it.
  const takesBody = Object.keys(operation.input?.properties ?? {}).some(
    (name) => !pathParams.has(name) && !queryParams.has(name) && name !== 'filters',
  );
  if (operation.method.toLowerCase() !== 'get' && takesBody) parts.body = body;
  return parts;
}

/** One JD service (vm or billing) for `createInvoker`: request building, signing and envelope reading. */
export function jdcloudAdapter(settings: JdcloudTransportSettings): ProviderAdapter {
  return {
    provider: 'jdcloud',
    sign: jdcloudSigner(settings),
    secrets: [settings.credentials.secretKey],
    buildRequest: (_operationId: string, operation: OperationSpec, input: Record<string, unknown>) =>
      buildJdcloudRequest(settings.region, operation, input),
    envelope: jdcloudEnvelope,
  };
}
