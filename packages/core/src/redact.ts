import { InstanceKitError } from './errors.js';

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
export function redactHeaders(
  headers: Iterable<[string, string]> | Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries =
    Symbol.iterator in headers ? [...(headers as Iterable<[string, string]>)] : Object.entries(headers);
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
 * A `key` beside the value (`{ key: 'launch-script', value }`) names the entry and is no secret.
 */
export function sensitiveValues(input: unknown, under = false, depth = 0, out: string[] = []): string[] {
  if (depth > 8) return out;
  if (typeof input === 'string') {
    if (under) out.push(input);
  } else if (Array.isArray(input)) {
    // Nothing under a list of strings outside a sensitive field is a secret: most lists are instance ids.
    for (const item of input)
      if (under || (item !== null && typeof item === 'object')) sensitiveValues(item, under, depth + 1, out);
  } else if (input !== null && typeof input === 'object') {
    for (const key of Object.keys(input)) {
      if (under && key === 'key') continue;
      const item = (input as Record<string, unknown>)[key];
      // A string outside a sensitive field is no secret: its name is not even looked at.
      if (!under && (item === null || typeof item !== 'object') && !sensitiveName(key)) continue;
      sensitiveValues(item, under || sensitiveName(key), depth + 1, out);
    }
  }
  return out;
}

/** isSensitiveName by name, remembered: a client's calls use the same few field names again and again. */
const sensitiveNames = new Map<string, boolean>();

function sensitiveName(name: string): boolean {
  let sensitive = sensitiveNames.get(name);
  if (sensitive === undefined) {
    sensitive = isSensitiveName(name);
    // Bounded: names come from inputs, and a map of every name ever seen would only grow.
    if (sensitiveNames.size >= 1024) sensitiveNames.clear();
    sensitiveNames.set(name, sensitive);
  }
  return sensitive;
}

/** Shorter values would scrub ordinary words out of messages; the specs refuse passwords that short anyway. */
const MIN_SCRUBBED_LENGTH = 4;
/** A line of decoded user data is scrubbed only from this length: `fi`, `then` or `done` are no secrets. */
const MIN_SCRUBBED_LINE = 8;

function decodedBase64(value: string): string | undefined {
  const compact = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(
      Uint8Array.from(atob(compact), (char) => char.charCodeAt(0)),
    );
  } catch {
    return undefined;
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** The forms in which a gateway or a provider may quote a value back. */
function echoForms(value: string): string[] {
  const forms = [
    value,
    JSON.stringify(value).slice(1, -1),
    value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!),
  ];
  try {
    const component = encodeURIComponent(value);
    // The legacy query is RFC 3986-encoded: `!'()*` escaped too.
    forms.push(
      component,
      component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    );
  } catch {}
  return forms;
}

/**
 * Every form in which a secret can come back: as sent, JSON-escaped (a body snippet), HTML-escaped (a gateway
 * page), percent-encoded both ways (a page echoing the legacy query), and, for base64 user data, decoded —
 * whole, line by line, in those forms too — and in 76-character lines (a MIME-wrapped echo).
 */
export function secretForms(values: Iterable<string | undefined>): string[] {
  const forms = new Set<string>();
  const add = (form: string | undefined, minimum = MIN_SCRUBBED_LENGTH) => {
    if (form && form.length >= minimum) forms.add(form);
  };
  for (const value of values) {
    if (!value) continue;
    for (const form of echoForms(value)) add(form);
    if (value.length > 76) for (const line of value.match(/.{1,76}/g) ?? []) add(line, 16);
    const decoded = decodedBase64(value);
    if (!decoded) continue;
    for (const form of echoForms(decoded)) add(form);
    for (const line of decoded.split(/\r?\n/))
      for (const form of echoForms(line.trim())) add(form, MIN_SCRUBBED_LINE);
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

export type Scrubber = (text: string) => string;

/**
 * One pass over a text for all of a call's secret forms (an alternation built once per call, longest form
 * first), so scrubbing a long message costs one scan, not one per form.
 */
export function textScrubber(forms: readonly string[]): Scrubber {
  const sorted = [...new Set(forms)].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  // Long forms (a whole user-data script) go one by one: a regular expression of them could exceed V8's limit.
  const long = sorted.filter((form) => form.length > LONG_FORM);
  const short = sorted.filter((form) => form.length <= LONG_FORM);
  const pattern = short.length
    ? new RegExp(short.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
    : undefined;
  return (text) => {
    let out = text;
    for (const form of long) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return pattern ? out.replace(pattern, REDACTED) : out;
  };
}

const LONG_FORM = 256;

/**
 * Scrubs an error in place — message, stack, `bodySnippet` — and replaces a cause that is not ours (a raw
 * TypeError from fetch can quote a header, an HTTP client's error carries its whole config) by a plain Error
 * holding only its class, its scrubbed message and its `code`; our own causes are scrubbed the same way.
 */
export function scrubError(error: unknown, scrub: Scrubber, depth = 0): void {
  if (!(error instanceof Error) || depth > 4) return;
  const record = error as Error & { bodySnippet?: unknown };
  for (const name of ['message', 'stack', 'bodySnippet'] as const) {
    const value = record[name];
    if (typeof value !== 'string') continue;
    const scrubbed = scrub(value);
    if (scrubbed !== value)
      Object.defineProperty(error, name, { value: scrubbed, writable: true, configurable: true });
  }
  if (!('cause' in error) || error.cause === undefined) return;
  const cause: unknown = error.cause;
  let replacement: unknown = cause;
  if (cause instanceof InstanceKitError) scrubError(cause, scrub, depth + 1);
  else {
    const source = cause as { name?: unknown; message?: unknown; code?: unknown } | null;
    const name = typeof source?.name === 'string' ? source.name : typeof cause;
    const message = typeof source?.message === 'string' ? source.message : '';
    replacement = Object.assign(new Error(scrub(`${name}: ${message}`.slice(0, 1024))), {
      ...(typeof source?.code === 'string' ? { code: source.code } : {}),
    });
    (replacement as Error).stack = (replacement as Error).message;
  }
  Object.defineProperty(error, 'cause', { value: replacement, configurable: true, writable: true });
}

/** A deep copy of a log event with every string scrubbed of the call's secrets. */
export function scrubDeep<T>(value: T, scrub: Scrubber, depth = 0): T {
  if (depth > 8) return value;
  if (typeof value === 'string') return scrub(value) as T;
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, scrub, depth + 1)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = scrubDeep(item, scrub, depth + 1);
    return out as T;
  }
  return value;
}
