import type { IHttpRequest } from '@stoplight/prism-http';

/**
 * Reading a named field from a request the way each wire form carries it: a path parameter (JD's `{instanceId}`),
 * a JSON body property (Tencent API 3.0, Zenlayer), or query parameters, where a list `InstanceIds` arrives as
 * `InstanceIds.1`, `InstanceIds.2`, … (Tencent's legacy gateway).
 */

/** The path parameters of `path` under the template `template` (`/v1/regions/{regionId}/instances/{instanceId}:x`). */
export function pathParams(template: string, path: string): Record<string, string> {
  const names: string[] = [];
  const source = template
    .split('#')[0]!
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return {};
  return Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]));
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The field `name` as a list of strings (a single value becomes a one-element list); [] when absent. */
export function fieldValues(request: IHttpRequest, template: string, name: string): string[] {
  const fromPath = pathParams(template, request.url.path)[name];
  if (fromPath !== undefined) return [fromPath];
  const body = request.body as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && name in body) {
    const value = body[name];
    if (Array.isArray(value)) return value.map(String);
    if (value !== undefined && value !== null) return [String(value)];
  }
  const query = request.url.query ?? {};
  const direct = single(query[name]);
  if (direct !== undefined) return [direct];
  const indexed = Object.keys(query)
    .map((key) => new RegExp(`^${name.replace(/[.]/g, '\\.')}\\.(\\d+)$`).exec(key))
    .filter((match): match is RegExpExecArray => match !== null)
    .sort((a, b) => Number(a[1]) - Number(b[1]));
  return indexed.map((match) => single(query[match[0]])!).filter((value) => value !== undefined);
}

/** The raw value of `name` (body, query or header) for a `when` condition; undefined when absent. */
export function fieldValue(request: IHttpRequest, template: string, name: string): unknown {
  const body = request.body as Record<string, unknown> | null | undefined;
  if (body && typeof body === 'object' && name in body) return body[name];
  const values = fieldValues(request, template, name);
  return values[0];
}

/** JD's `filters.N.name=<name>&filters.N.values.M=…`: the values of every filter named `name`. */
export function filterValues(request: IHttpRequest, name: string): string[] {
  const query = request.url.query ?? {};
  const values: string[] = [];
  for (const key of Object.keys(query)) {
    const match = /^filters\.(\d+)\.name$/.exec(key);
    if (!match || single(query[key]) !== name) continue;
    const prefix = `filters.${match[1]}.values.`;
    for (const [valueKey, value] of Object.entries(query))
      if (valueKey.startsWith(prefix) && single(value) !== undefined) values.push(single(value)!);
  }
  return values;
}

/** `true` matches `true`, `'true'` and `'TRUE'` (Tencent's legacy gateway writes booleans in capitals). */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'boolean') return String(actual).toLowerCase() === String(expected);
  return actual === expected;
}

/** The region a request names through the document's region parameter (header, query or path). */
export function regionOf(
  request: IHttpRequest,
  template: string,
  parameter: string | undefined,
): string | undefined {
  if (!parameter) return undefined;
  const header = single(request.headers?.[parameter.toLowerCase()]);
  if (header) return header;
  return fieldValues(request, template, parameter)[0];
}
