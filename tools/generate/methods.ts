/**
 * One interface per spec with a documented method per operation (`Api3Methods`, `ZecMethods`, …): the client's
 * typed methods are a mapped type, and a mapped type carries no per-key JSDoc, so an editor hovering
 * `client.ResetInstancesType` would show none. The interface is generic in the client's own input and result
 * types; whether the input may be left out is what the spec's rules say (no required field).
 */
import type { OperationRow } from './operations.js';

type Json = Record<string, unknown>;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The text of a JSDoc block: no `*\/` can end it early. */
const safe = (text: string) => text.replace(/\*\//g, '*\\/').trim();

function jsdoc(operation: Json, indent: string): string {
  const lines: string[] = [];
  if (typeof operation.summary === 'string') lines.push(safe(operation.summary), '');
  if (typeof operation.description === 'string') lines.push(...safe(operation.description).split('\n'), '');
  const provenance = operation['x-provenance'];
  if (provenance === 'sdk-models')
    lines.push('Found only in the official SDK models (`x-provenance: sdk-models`).', '');
  if (provenance === 'unconfirmed')
    lines.push('No source confirms this operation (`x-provenance: unconfirmed`).', '');
  const docs = operation.externalDocs as { url?: string; description?: string } | undefined;
  if (docs?.url)
    lines.push(`@see {@link ${docs.url}${docs.description ? ` | ${safe(docs.description)}` : ''}}`);
  while (lines.at(-1) === '') lines.pop();
  return [
    `${indent}/**`,
    ...lines.map((line) => `${indent} *${line ? ` ${line}` : ''}`),
    `${indent} */`,
  ].join('\n');
}

/** The interface of one spec; `rows` are its operation rows (their `input` decides optional inputs). */
export function methodsInterface(spec: Json, rows: OperationRow[], name: string, file: string): string {
  const byId = new Map<string, Json>();
  for (const item of Object.values((spec.paths as Record<string, Json>) ?? {}))
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (operation) byId.set(String(operation.operationId), operation);
    }
  const ids = rows.map((row) => row.operationId);
  const union = ids.map((id) => JSON.stringify(id)).join(' | ');
  const members = rows.map((row) => {
    const required = ((row.input?.required as string[] | undefined) ?? []).length > 0;
    const id = row.operationId;
    return (
      `${jsdoc(byId.get(id) ?? {}, '  ')}\n` +
      `  ${id}(input${required ? '' : '?'}: In[${JSON.stringify(id)}], options?: CallOptions): Promise<Out[${JSON.stringify(id)}]>;`
    );
  });
  return [
    `/** The operations of ${file}. */`,
    `export type ${name}OperationId = ${union};`,
    '',
    `/**`,
    ` * The typed methods of ${file}, one per operation, documented from its summary, description and externalDocs.`,
    ` * \`In\` and \`Out\` map each operation to the client's input and result types.`,
    ' */',
    `export interface ${name}Methods<`,
    `  In extends { readonly [A in ${name}OperationId]: unknown },`,
    `  Out extends { readonly [A in ${name}OperationId]: unknown },`,
    '> {',
    members.join('\n'),
    '}',
    '',
  ].join('\n');
}

/**
 * The client's input and result types of one spec, from its manifest: `x-instancekit.result` names the success
 * envelope's field that holds the result (`Response`, `response`, `result`). A spec with path parameters is a
 * REST API (one URL per operation): its input is one flat object of path parameters but the client-filled ones,
 * query parameters but the `name.N.*` families (one array field each) and body fields; otherwise the input is the
 * JSON request body.
 */
export function clientTypes(
  spec: Json,
  rows: OperationRow[],
  name: string,
  schema: string,
  file: string,
): string[] {
  const root = (spec['x-instancekit'] as Json | undefined) ?? {};
  if (typeof root.result !== 'string') return [];
  const rest = rows.some((row) => row.pathParams.length > 0);
  const families = new Set<string>();
  for (const item of Object.values((spec.paths as Record<string, Json>) ?? {}))
    for (const method of METHODS)
      for (const param of ((item[method] as Json | undefined)?.parameters as Json[] | undefined) ?? []) {
        const family = /^(\w+)\.\d+\./.exec(String(param.name))?.[1];
        if (param.in === 'query' && family) families.add(family);
      }
  const union = (names: Iterable<string>) => [...names].map((n) => JSON.stringify(n)).join(' | ') || 'never';
  const filled = union((root.clientFilled as string[] | undefined) ?? []);
  const input = rest
    ? `RestInput<${schema}[A], ${filled}, ${union(families)}>`
    : `JsonRequestBody<${schema}[A]>`;
  return [
    rest
      ? `/** The flat input of an operation of ${file}: path parameters but ${filled}, query parameters but the ${union(families)} families, body fields. */`
      : `/** The typed input of an operation of ${file}: its JSON request body. */`,
    `export type ${name}Input<A extends ${name}OperationId> = ${input};`,
    '',
    `/** The result of an operation of ${file}: the \`${root.result}\` of its success envelope (\`x-instancekit.result\`). */`,
    `export type ${name}Result<A extends ${name}OperationId> = SuccessField<${schema}[A], ${JSON.stringify(root.result)}>;`,
    '',
  ];
}
