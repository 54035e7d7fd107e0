import {
  type CredentialSigner,
  encodeRfc3986,
  flattenParams,
  restRequestParts,
  type ServiceAdapter,
} from '@instancekit/core/internal';
import type { JdcloudCredentials, JdcloudFilter } from './client.js';
import { jdcloudEnvelope } from './envelope.js';
import { canonicalHeaderValue, canonicalJdQuery, formatJdDate, signCanonicalJd } from './signing/jdcloud2.js';

export interface JdcloudSignerSettings {
  /** The region of the signature scope: the client's `region`, the `regionId` of every path. */
  region: string;
  /** Milliseconds since the epoch, read on every attempt; pinned in tests. */
  now?: () => number;
  /** x-jdcloud-nonce, drawn on every attempt (a retry is a new request); default a UUID v4. Pinned in tests. */
  nonce?: () => string;
}

/** A segment RFC 3986 leaves alone (and no `%`): as sent, it is already in the form JD canonicalizes. */
const UNRESERVED_SEGMENT = /^[A-Za-z0-9._~-]*$/;

/**
 * One path segment as JD's gateway canonicalizes it: decoded once (it was encoded by openapi-fetch or by
 * core), then RFC 3986-encoded, a `/` inside a parameter value included, so it stays inside its segment.
 */
function canonicalSegment(segment: string): string {
  if (UNRESERVED_SEGMENT.test(segment)) return segment;
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not valid percent-encoding: encode it as it stands, as the official SDKs would.
  }
  return encodeRfc3986(decoded);
}

/** A request URL in the form JD's gateway canonicalizes, and what the signature reads of it. */
interface CanonicalUrl {
  readonly host: string;
  readonly path: string;
  readonly query: string;
  /** The URL to send: the origin, the canonical path and the canonical query. */
  readonly url: string;
}

/** The last URL put in canonical form: a function of the URL alone, and a retry or a poll signs the same again. */
let lastCanonical: { readonly from: string; readonly canonical: CanonicalUrl } | undefined;

function canonicalUrl(from: string): CanonicalUrl {
  if (lastCanonical?.from === from) return lastCanonical.canonical;
  const url = new URL(from);
  const path = url.pathname.split('/').map(canonicalSegment).join('/');
  const query = url.search ? canonicalJdQuery([...url.searchParams.entries()]) : '';
  // The URL sent is the origin, that path and that query: both already RFC 3986-encoded, so the URL setters
  // (each a re-serialization) would change nothing.
  const canonical = { host: url.host, path, query, url: `${url.origin}${path}${query ? `?${query}` : ''}` };
  lastCanonical = { from, canonical };
  return canonical;
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
    const { host, path, query, url } = canonicalUrl(request.url);
    const date = formatJdDate(now());
    const drawn = nonce();
    // The signed headers, already in canonical form (lower-case names, canonical values): what signJdcloud2
    // would make of them, without its checks and copies on every attempt.
    // The nonce is the caller's (a client option): signed canonical, as signJdcloud2 signs it, and sent trimmed.
    // In the canonical order, so the scoped signer has nothing to sort.
    const signed: Record<string, string> = {};
    const contentType = request.headers.get('content-type');
    if (contentType) signed['content-type'] = canonicalHeaderValue(contentType);
    signed.host = host;
    signed['x-jdcloud-date'] = date;
    signed['x-jdcloud-nonce'] = canonicalHeaderValue(drawn);
    // A session token is signed as sent: Base64, as jd-go's setHeader and jd-py's HEADER_BASE64 send it.
    const token = current.sessionToken ? btoa(current.sessionToken) : undefined;
    if (token) signed['x-jdcloud-security-token'] = token;
    const { authorization } = await signCanonicalJd(
      {
        accessKey: current.accessKey,
        secretKey: current.secretKey,
        service,
        region,
        method: request.method,
        path,
        payload: request.body ?? '',
      },
      date,
      query,
      signed,
    );
    const headers: Record<string, string> = { 'x-jdcloud-date': date, 'x-jdcloud-nonce': drawn };
    if (token) headers['x-jdcloud-security-token'] = token;
    headers.Authorization = authorization;
    return { url, headers };
  };
}

/**
 * JD's `filters` query parameter, as the official JS SDK's buildFilterParam writes it: 1-based `filters.N.name`,
 * `filters.N.values.M` and, when given, `filters.N.operator` (the server defaults it to `eq`).
 */
export const filterQuery = (filters: readonly JdcloudFilter[]): Record<string, string> =>
  Object.fromEntries(flattenParams({ filters }));

/** Query values as JD sends them: strings, numbers and booleans written out, sorted and encoded. */
const jdQuery = (query: Record<string, unknown>) => {
  const pairs: Array<readonly [string, string]> = [];
  for (const name of Object.keys(query)) {
    const value = query[name];
    if (value != null) pairs.push([name, String(value)]);
  }
  // Most calls have no query (every POST action): nothing to encode or sort.
  return pairs.length ? canonicalJdQuery(pairs) : '';
};

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
