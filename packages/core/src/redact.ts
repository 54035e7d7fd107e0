/**
 * Redaction: secrets, passwords and user data must never reach a log line, an error or `inspect` output.
 * Names are matched case-insensitively anywhere in a key, so dotted wire names (`LoginSettings.Password`) and
 * header names (`X-TC-Token`) are caught too.
 */

const SENSITIVE_NAME = /password|secret|signature|token|authorization|userdata|launch-script/i;

export const REDACTED = '[redacted]';

export function isSensitiveName(name: string): boolean {
  return SENSITIVE_NAME.test(name);
}

/** A deep copy of `value` with every sensitive field replaced by `[redacted]`. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = isSensitiveName(key) ? REDACTED : redactValue(item, depth + 1);
  }
  return out;
}

/** The URL with sensitive query values replaced (the Tencent legacy gateway carries them in the query). */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return url;
  const base = url.slice(0, queryStart);
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
      return eq >= 0 && isSensitiveName(name) ? `${pair.slice(0, eq)}=${REDACTED}` : pair;
    })
    .join('&');
  return `${base}?${query}`;
}

/** Header names whose values are never shown. */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  for (const [name, value] of entries) out[name] = isSensitiveName(name) ? REDACTED : value;
  return out;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Makes `util.inspect`, `console.log` and `JSON.stringify` of a client show `summary` only. Credentials are
 * kept in closures, never as properties, so this is a second line of defence and a readable summary.
 */
export function hideInternals<T extends object>(target: T, summary: Record<string, unknown>): T {
  const view = () => ({ ...summary });
  Object.defineProperty(target, INSPECT, {
    value: () => `${String(summary.kind ?? 'Client')} ${JSON.stringify(summary)}`,
  });
  Object.defineProperty(target, 'toJSON', { value: view });
  return target;
}
