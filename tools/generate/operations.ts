import { toFieldRules } from './field-rules.js';
import { lifecycleFactsOf } from './lifecycle-facts.js';

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/**
 * The parameter that names the action of a `<path>#<Action>` key: the header or query parameter whose `const` is
 * the fragment (the lint rule instancekit/fragment-matches-action holds every such key to having one). Read from
 * the spec, so a provider with its own action header needs no list here.
 */
function actionParameter(path: string, params: Parameter[]): Parameter | undefined {
  const hash = path.indexOf('#');
  if (hash < 0) return undefined;
  const action = path.slice(hash + 1);
  return params.find((p) => (p.in === 'header' || p.in === 'query') && p.schema?.const === action);
}

/** Parameters the client fills from its own configuration, never from the caller's input (`x-instancekit.clientFilled`). */
function clientFilled(spec: Schema): ReadonlySet<string> {
  const facts = (spec['x-instancekit'] as Schema | undefined) ?? {};
  return new Set((facts.clientFilled as string[] | undefined) ?? []);
}

export interface OperationRow {
  operationId: string;
  method: string;
  path: string;
  action: { name: string; in: 'header' | 'query' } | null;
  provenance: string;
  kind: 'mutation' | 'quote' | 'read';
  mutating: boolean;
  rateLimitPerSecond?: number;
  /** The figure is a conservative one no provider page states (`rateLimit.x-provenance: unconfirmed`). */
  rateLimitUnconfirmed?: boolean;
  completion?: Schema;
  /** What the facade reads of the operation's lifecycle (tools/generate/lifecycle-facts.ts). */
  lifecycleFacts: Schema;
  pathParams: string[];
  queryParams: string[];
  input?: Schema;
}

/** `filters.1.name`, `filters.1.values.1`: JD's wire form of a `filters` array. */
const FILTER_PARAM = /^filters\.\d+\./;
/** Which part of a filter a `filters.N.*` parameter describes: `name`, `operator` or `values` (`values.M`). */
const FILTER_PART = /^filters\.\d+\.(name|operator|values)(?:\.\d+)?$/;

function inputRules(operation: Schema, params: Parameter[], filled: ReadonlySet<string>): Schema | undefined {
  const body = (operation.requestBody as Schema | undefined)?.content as
    | Record<string, { schema?: Schema }>
    | undefined;
  const bodySchema = body?.['application/json']?.schema;
  const rules: Schema = bodySchema
    ? toFieldRules(bodySchema)
    : { type: 'object', additionalProperties: false };
  const properties = { ...((rules.properties as Schema) ?? {}) };
  const required = [...((rules.required as string[]) ?? [])];
  let hasFilters = false;
  // The spec's constraints on filter names (an enum), operators and values, from the first `filters.N.*`
  // parameter of each part, so the `filters` array is checked as strictly as its wire form.
  const filterParts: Record<string, Schema> = {};
  for (const param of params) {
    if (param.in === 'header' || filled.has(param.name)) continue;
    if (param.in === 'query' && FILTER_PARAM.test(param.name)) {
      hasFilters = true;
      const part = FILTER_PART.exec(param.name)?.[1];
      if (part && !filterParts[part] && param.schema) filterParts[part] = toFieldRules(param.schema);
      continue;
    }
    properties[param.name] = toFieldRules(param.schema ?? {});
    if (param.required) required.push(param.name);
  }
  if (hasFilters) {
    properties.filters = {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'values'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, ...filterParts.name },
          values: { type: 'array', minItems: 1, items: { type: 'string', ...filterParts.values } },
          operator: { type: 'string', ...filterParts.operator },
        },
      },
    };
  }
  if (Object.keys(properties).length === 0 && !bodySchema) return undefined;
  return {
    ...rules,
    type: 'object',
    ...(Object.keys(properties).length ? { properties } : {}),
    ...(required.length ? { required } : {}),
  };
}

/** One row per operation of a dereferenced spec, in the spec's order. */
export function operationRows(spec: Schema, inputFrom?: Schema): OperationRow[] {
  const rows: OperationRow[] = [];
  const inputSource = inputFrom ? operationInputs(inputFrom) : undefined;
  const filled = clientFilled(spec);
  const root = (spec['x-instancekit'] as Schema | undefined) ?? {};
  for (const [path, item] of Object.entries((spec.paths as Record<string, Schema>) ?? {})) {
    for (const method of METHODS) {
      const operation = item[method] as Schema | undefined;
      if (!operation) continue;
      const operationId = String(operation.operationId);
      const params = [
        ...((item.parameters as Parameter[]) ?? []),
        ...((operation.parameters as Parameter[]) ?? []),
      ];
      const actionParam = actionParameter(path, params);
      const meta = (operation['x-instancekit'] as Schema | undefined) ?? {};
      const kind = (meta.kind as OperationRow['kind']) ?? 'read';
      const row: OperationRow = {
        operationId,
        method,
        path,
        action: actionParam ? { name: actionParam.name, in: actionParam.in as 'header' | 'query' } : null,
        provenance: String(operation['x-provenance']),
        kind,
        mutating: kind === 'mutation',
        lifecycleFacts: lifecycleFactsOf(meta, root),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        // The `filters.N.*` family is one `filters` input the JD transport flattens itself.
        queryParams: params.filter((p) => p.in === 'query' && !FILTER_PARAM.test(p.name)).map((p) => p.name),
      };
      const rateLimit = meta.rateLimit as Schema | undefined;
      if (typeof rateLimit?.perSecond === 'number') row.rateLimitPerSecond = rateLimit.perSecond;
      if (rateLimit?.['x-provenance'] === 'unconfirmed') row.rateLimitUnconfirmed = true;
      if (meta.completion) row.completion = meta.completion as Schema;
      const input = inputSource ? inputSource.get(operationId) : inputRules(operation, params, filled);
      if (input) row.input = input;
      rows.push(row);
    }
  }
  return rows;
}

function operationInputs(spec: Schema): Map<string, Schema | undefined> {
  return new Map(operationRows(spec).map((row) => [row.operationId, row.input]));
}

/** The row a client reads on every call; empty lists and a null action are left out (smaller bundles). */
export function runtimeRow(row: OperationRow): [string, Schema] {
  const { operationId, method, path, action, kind, pathParams, queryParams, input } = row;
  return [
    operationId,
    {
      method,
      path,
      ...(action ? { action } : {}),
      kind,
      ...(pathParams.length ? { pathParams } : {}),
      ...(queryParams.length ? { queryParams } : {}),
      ...(input ? { input } : {}),
    },
  ];
}

/** Documentation-grade facts of an operation, read by the facade's waiter and by docs. */
export function factsRow(row: OperationRow): [string, Schema] {
  const {
    operationId,
    provenance,
    mutating,
    rateLimitPerSecond,
    rateLimitUnconfirmed,
    completion,
    lifecycleFacts,
  } = row;
  return [
    operationId,
    {
      provenance,
      mutating,
      ...(rateLimitPerSecond === undefined ? {} : { rateLimitPerSecond }),
      ...(rateLimitUnconfirmed ? { rateLimitUnconfirmed } : {}),
      ...(completion ? { completion } : {}),
      ...lifecycleFacts,
    },
  ];
}
