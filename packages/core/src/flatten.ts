/**
 * Nested input as flat query parameters: arrays become `Name.N`, nested objects dotted paths — Tencent's GET/form
 * parameters (reference/tencent-cvm.md §1.4) and JD's `filters.N.name` / `filters.N.values.M` (the official JS
 * SDK's buildFilterParam) are both this form. The defaults follow the 2017 legacy-host pages (`InstanceIds.1`,
 * `TRUE`); API 3.0 and the SDKs use `{ indexBase: 0, booleans: 'lower' }`. Which forms the legacy
 * gateway also accepts is not documented (reference/settled-questions.md §6).
 */
import { encodeRfc3986 } from './crypto.js';

export interface FlattenOptions {
  /** First array index: 1 in the legacy-host examples, 0 in API 3.0 and the official SDKs. */
  indexBase?: 0 | 1;
  /** `TRUE`/`FALSE` as the legacy pages write them, or `true`/`false` as API 3.0 does. */
  booleans?: 'upper' | 'lower';
}

/** Name/value pairs in input order; values raw, ready for signV1 (which signs them unencoded). */
export function flattenParams(input: object, options: FlattenOptions = {}): Array<[string, string]> {
  const { indexBase = 1, booleans = 'upper' } = options;
  const pairs: Array<[string, string]> = [];
  const visit = (name: string, value: unknown): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) {
      // Indexes follow array positions (a skipped null leaves a gap), as the SDK's mergeData does.
      for (const [i, item] of value.entries()) visit(`${name}.${i + indexBase}`, item);
    } else if (typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) visit(`${name}.${key}`, item);
    } else if (typeof value === 'boolean') {
      const text = value ? 'true' : 'false';
      pairs.push([name, booleans === 'upper' ? text.toUpperCase() : text]);
    } else {
      pairs.push([name, String(value)]);
    }
  };
  for (const [key, value] of Object.entries(input)) visit(key, value);
  return pairs;
}

/** `a=b&c=d` with names and values RFC 3986-encoded, for the URL or a form body. */
export function toQueryString(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`).join('&');
}
