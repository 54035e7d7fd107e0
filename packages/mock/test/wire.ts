import { deref, type SpecOperation } from './spec-reader';

/**
 * Builds a valid wire request for an operation from its spec alone: required parameters and required body
 * fields, each from its schema's `const`, `examples`, `default` or `enum` (following `$ref`s across files).
 * A required value without any of those and with a `pattern` cannot be invented: that throws, naming the field,
 * so the spec gains an example rather than the test a guess.
 */

type Schema = Record<string, unknown>;

export function sample(schemaNode: unknown, file: string, where: string): unknown {
  const { node, file: at } = deref(schemaNode as never, file);
  const schema = (node ?? {}) as Schema;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('example' in schema) return schema.example;
  if ('default' in schema) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = schema[key];
    if (!Array.isArray(list) || list.length === 0) continue;
    if (key !== 'allOf') return sample(list[0], at, where);
    // allOf: merge object samples; otherwise the first part decides.
    const parts = list.map((part) => sample(part, at, where));
    if (parts.every((p) => p !== null && typeof p === 'object' && !Array.isArray(p)))
      return Object.assign({}, ...parts);
    return parts[0];
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null') ?? (schema.properties ? 'object' : undefined);
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, unknown>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(
        required.map((name) => [name, sample(properties[name], at, `${where}.${name}`)]),
      );
    }
    case 'array': {
      const count = Math.max(1, Number(schema.minItems ?? 1));
      return Array.from({ length: count }, () => sample(schema.items, at, `${where}[]`));
    }
    case 'string':
      if (schema.pattern) throw new Error(`${where}: no example for a string with pattern ${schema.pattern}`);
      return 'x'.repeat(Math.max(1, Number(schema.minLength ?? 1)));
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 1);
    case 'boolean':
      return false;
    default:
      throw new Error(
        `${where}: cannot sample a schema without a type (${JSON.stringify(schema).slice(0, 80)})`,
      );
  }
}

export interface WireRequest {
  url: string;
  init: RequestInit & { headers: Record<string, string> };
  query: Record<string, string>;
  body?: Record<string, unknown>;
}

export interface WireOptions {
  /** Drop these parameters (any location) or top-level body fields. */
  omit?: string[];
  /** Set these query/header/path parameters. */
  params?: Record<string, string>;
  /** Merge into the body. */
  body?: Record<string, unknown>;
  /** Leave out the Authorization header. */
  unsigned?: boolean;
}

/** The request a client would send for `op` (the path key's fragment is not sent; the action travels as a parameter). */
export function wireRequest(
  baseUrl: string,
  op: SpecOperation,
  specFile: string,
  opts: WireOptions = {},
): WireRequest {
  const omit = new Set(opts.omit ?? []);
  const values: Record<string, { in: string; value: string }> = {};
  for (const param of op.parameters) {
    if (!param.required || omit.has(param.name)) continue;
    const value =
      param.example ?? sample(param.schema, param.schemaFile, `${op.operationId} ${param.in} ${param.name}`);
    values[param.name] = { in: param.in, value: String(value) };
  }
  for (const [name, value] of Object.entries(opts.params ?? {})) {
    const declared = op.parameters.find((p) => p.name === name);
    values[name] = { in: declared?.in ?? 'query', value };
  }
  let path = op.path;
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const [name, { in: location, value }] of Object.entries(values)) {
    if (location === 'path') path = path.replace(`{${name}}`, encodeURIComponent(value));
    else if (location === 'query') query[name] = value;
    else if (location === 'header') headers[name.toLowerCase()] = value;
  }
  if (!opts.unsigned) headers.authorization = 'TEST-SIGNATURE Credential=AKIDEXAMPLE, Signature=0000';
  let body: Record<string, unknown> | undefined;
  if (op.requestSchema) {
    body = {
      ...(sample(op.requestSchema, op.requestSchemaFile ?? specFile, `${op.operationId} body`) as Record<
        string,
        unknown
      >),
      ...opts.body,
    };
    for (const name of omit) delete body[name];
    headers['content-type'] = 'application/json';
  }
  const search = new URLSearchParams(query).toString();
  return {
    url: `${baseUrl}${path}${search ? `?${search}` : ''}`,
    init: { method: op.method.toUpperCase(), headers, body: body ? JSON.stringify(body) : undefined },
    query,
    body,
  };
}
