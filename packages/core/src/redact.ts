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

/**
 * The string values of `input` that sit under a sensitive name (`Password`, `UserData`, JD's `userdata` list
 * with its `launch-script` entry): what must be scrubbed from anything a provider or a gateway echoes back.
 */
export function sensitiveValues(input: unknown, under = false, depth = 0, out: string[] = []): string[] {
  if (depth > 8) return out;
  if (typeof input === 'string') {
    if (under) out.push(input);
  } else if (Array.isArray(input)) {
    for (const item of input) sensitiveValues(item, under, depth + 1, out);
  } else if (input !== null && typeof input === 'object') {
    for (const [key, item] of Object.entries(input))
      sensitiveValues(item, under || isSensitiveName(key), depth + 1, out);
  }
  return out;
}

/** Shorter values would scrub ordinary words out of messages; the specs refuse passwords that short anyway. */
const MIN_SCRUBBED_LENGTH = 4;

function decodedBase64(value: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(value), (char) => char.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

/**
 * Every form in which a secret can come back: as sent, JSON-escaped (a body snippet), percent-encoded (a
 * gateway page echoing the legacy query) and, for base64 user data, decoded. Longest first, so a longer
 * form is replaced before a shorter one inside it.
 */
export function secretForms(values: Iterable<string | undefined>): string[] {
  const forms = new Set<string>();
  const add = (form: string | undefined) => {
    if (form && form.length >= MIN_SCRUBBED_LENGTH) forms.add(form);
  };
  for (const value of values) {
    if (!value) continue;
    add(value);
    add(JSON.stringify(value).slice(1, -1));
    try {
      add(encodeURIComponent(value));
    } catch {}
    const decoded = decodedBase64(value);
    add(decoded);
    if (decoded) for (const line of decoded.split(/\r?\n/)) add(line.trim());
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/** `text` with every secret form replaced by `[redacted]`. */
export function scrubText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out;
}

/**
 * Scrubs an error in place — message, stack, `bodySnippet`, and its causes — so nothing the call was given as a
 * secret survives in what is thrown, logged or inspected. A cause that is not ours (a raw TypeError from fetch
 * can quote a header value) is replaced by a plain Error with a scrubbed message.
 */
export function scrubError(error: unknown, forms: readonly string[], depth = 0): void {
  if (!(error instanceof Error) || forms.length === 0 || depth > 4) return;
  const record = error as Error & { bodySnippet?: unknown };
  const rewrite = (name: 'message' | 'stack' | 'bodySnippet') => {
    const value = record[name];
    if (typeof value !== 'string') return;
    const scrubbed = scrubText(value, forms);
    if (scrubbed !== value)
      Object.defineProperty(error, name, { value: scrubbed, writable: true, configurable: true });
  };
  rewrite('message');
  rewrite('stack');
  rewrite('bodySnippet');
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) scrubError(cause, forms, depth + 1);
  else if (typeof cause === 'string' && scrubText(cause, forms) !== cause)
    Object.defineProperty(error, 'cause', {
      value: scrubText(cause, forms),
      configurable: true,
      writable: true,
    });
}

/** A deep copy of a log event with every string scrubbed of the call's secrets. */
export function scrubDeep<T>(value: T, forms: readonly string[], depth = 0): T {
  if (forms.length === 0 || depth > 8) return value;
  if (typeof value === 'string') return scrubText(value, forms) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, forms, depth + 1)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item, forms, depth + 1);
    return out as T;
  }
  return value;
}
