import {
  type CredentialSigner,
  flattenParams,
  restRequestParts,
  type ServiceAdapter,
} from '@instancekit/core/internal';
import type { JdcloudCredentials, JdcloudFilter } from './client.js';
import { jdcloudEnvelope } from './envelope.js';
import { canonicalJdQuery, encodeJdPath, signJdcloud2 } from './signing/jdcloud2.js';

export interface JdcloudSignerSettings {
  /** The region of the signature scope: the client's `region`, the `regionId` of every path. */
  region: string;
  /** Milliseconds since the epoch, read on every attempt; pinned in tests. */
  now?: () => number;
  /** x-jdcloud-nonce, drawn on every attempt (a retry is a new request); default a UUID v4. Pinned in tests. */
  nonce?: () => string;
}

/** Decodes one path segment as sent (by openapi-fetch or by core), so encodeJdPath encodes it exactly once. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The JDCLOUD2-HMAC-SHA256 signer of one service's scope (`vm`, `billing`; core's `signerMiddleware` makes it an
 * openapi-fetch middleware). It puts the request into the form JD's gateway canonicalizes — every path segment
 * RFC 3986-encoded, so `:resizeInstance` goes out as `%3AresizeInstance`; the query sorted and encoded — and
 * signs that very URL and the exact body bytes, with a fresh x-jdcloud-date and x-jdcloud-nonce on every attempt.
 */
export function jdcloudSigner(
  credentials: JdcloudCredentials | undefined,
  service: string,
  { region, now = Date.now, nonce = () => crypto.randomUUID() }: JdcloudSignerSettings,
): CredentialSigner<JdcloudCredentials> {
  return async (request, current = credentials!) => {
    const url = new URL(request.url);
    // A `/` inside a parameter value stays inside its segment.
    const encode = (segment: string) => encodeJdPath(decodeSegment(segment)).replaceAll('/', '%2F');
    const path = url.pathname.split('/').map(encode).join('/');
    const pairs: [string, string][] = url.search ? [...url.searchParams.entries()] : [];
    const query = canonicalJdQuery(pairs);
    const contentType = request.headers.get('content-type');
    const drawn = nonce();
    // A session token is signed as sent: Base64, as jd-go's setHeader and jd-py's HEADER_BASE64 send it.
    const token: Record<string, string> = current.sessionToken
      ? { 'x-jdcloud-security-token': btoa(current.sessionToken) }
      : {};
    const { authorization, date } = await signJdcloud2({
      ...current,
      service,
      region,
      method: request.method,
      host: url.host,
      path,
      query: pairs,
      headers: { ...(contentType ? { 'content-type': contentType } : {}), ...token },
      payload: request.body ?? '',
      timestampMs: now(),
      nonce: drawn,
    });
    // The URL sent is the origin, that path and that query: both already RFC 3986-encoded, so the URL setters
    // (each a re-serialization) would change nothing.
    return {
      url: `${url.origin}${path}${query ? `?${query}` : ''}`,
      headers: { 'x-jdcloud-date': date, 'x-jdcloud-nonce': drawn, ...token, Authorization: authorization },
    };
  };
}

/**
 * JD's `filters` query parameter, as the official JS SDK's buildFilterParam writes it: 1-based `filters.N.name`,
 * `filters.N.values.M` and, when given, `filters.N.operator` (the server defaults it to `eq`).
 */
export const filterQuery = (filters: readonly JdcloudFilter[]): Record<string, string> =>
  Object.fromEntries(flattenParams({ filters }));

/** Query values as JD sends them: strings, numbers and booleans written out, sorted and encoded. */
const jdQuery = (query: Record<string, unknown>) =>
  canonicalJdQuery(
    Object.entries(query).flatMap(([name, value]) => (value == null ? [] : [[name, String(value)] as const])),
  );

/**
 * One JD service (vm or billing): `regionId` from the client, the other path and query parameters by name,
 * `filters` as `filters.N.name` / `filters.N.values.M` / `filters.N.operator`, the rest as the JSON body.
 */
export function jdcloudAdapter(
  settings: JdcloudSignerSettings,
  service: string,
): ServiceAdapter<JdcloudCredentials> {
  const layout = {
    filled: { regionId: settings.region },
    expand: { filters: filterQuery },
    querySerializer: jdQuery,
  };
  return {
    provider: 'jdcloud',
    sign: jdcloudSigner(undefined, service, settings),
    buildRequest: (_operationId, operation, input) => restRequestParts(operation, input, layout),
    envelope: jdcloudEnvelope,
  };
}
