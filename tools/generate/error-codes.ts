/**
 * The exact error-code tables of a package, from its specs: every named error example's `x-instancekit-code`
 * (and `x-instancekit-retryable`) and the document's `x-instancekit.errorCodes` (codes any action may answer that
 * no example shows). The provider packages keep only the family rules for codes the specs do not name.
 */
// biome-ignore lint/suspicious/noExplicitAny: dereferenced spec JSON, read by shape
type Json = Record<string, any>;

export interface ErrorCodeRow {
  code: string;
  retryable: boolean;
  httpStatus?: number;
}

/**
 * An error example: a named example other than `success` under a non-2xx answer, or whose envelope carries its
 * name (the convention names each error example by the provider's code verbatim). Shared with the lint rule.
 */
export function isErrorExample(name: string, status: string, value: unknown): boolean {
  if (name === 'success') return false;
  return !/^2/.test(status) || mentions(value, name);
}

function mentions(value: unknown, text: string): boolean {
  if (value === text) return true;
  return !!value && typeof value === 'object' && Object.values(value).some((v) => mentions(v, text));
}

/** Provider code → row, for one dereferenced spec; `problems` collects examples without a code. */
export function specErrorCodes(spec: Json, file: string, problems: string[]): Map<string, ErrorCodeRow> {
  const rows = new Map<string, ErrorCodeRow>();
  const add = (providerCode: string, row: ErrorCodeRow, where: string) => {
    const seen = rows.get(providerCode);
    if (seen && (seen.code !== row.code || seen.retryable !== row.retryable))
      problems.push(`${file}: ${providerCode} maps to ${seen.code} and to ${row.code} (${where})`);
    // A code documented under several HTTP statuses keeps none: the status tells nothing then.
    if (seen && seen.httpStatus !== row.httpStatus) row = { ...row, httpStatus: undefined };
    rows.set(providerCode, row);
  };
  for (const item of Object.values((spec.paths as Json) ?? {}))
    for (const op of Object.values(item as Json) as Json[]) {
      if (!op?.operationId) continue;
      for (const [status, response] of Object.entries((op.responses as Json) ?? {}))
        for (const [name, example] of Object.entries(
          (response?.content?.['application/json']?.examples as Json) ?? {},
        ) as Array<[string, Json]>) {
          if (!isErrorExample(name, status, example?.value)) continue;
          const code = example['x-instancekit-code'];
          if (typeof code !== 'string') {
            problems.push(`${file}: ${op.operationId}'s error example ${name} has no x-instancekit-code`);
            continue;
          }
          const http = Number(status);
          add(
            name,
            {
              code,
              retryable: example['x-instancekit-retryable'] === true,
              ...(/^2/.test(status) || !Number.isInteger(http) ? {} : { httpStatus: http }),
            },
            `${op.operationId} ${status}`,
          );
        }
    }
  const common = (spec['x-instancekit']?.errorCodes as Json | undefined) ?? {};
  for (const [providerCode, entry] of Object.entries(common)) {
    const row: ErrorCodeRow =
      typeof entry === 'string'
        ? { code: entry, retryable: false }
        : {
            code: String(entry.code),
            retryable: entry.retryable === true,
            ...(typeof entry.httpStatus === 'number' ? { httpStatus: entry.httpStatus } : {}),
          };
    if (rows.has(providerCode))
      problems.push(
        `${file}: x-instancekit.errorCodes repeats ${providerCode}, which an example already maps`,
      );
    add(providerCode, row, 'x-instancekit.errorCodes');
  }
  return rows;
}

/** The generated `error-codes.ts` body of a package (after the header). */
export function errorCodesModule(rows: Map<string, ErrorCodeRow>, sources: string[]): string {
  const entries = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const codes = Object.fromEntries(entries.map(([name, row]) => [name, row.code]));
  const retryable = entries.filter(([, row]) => row.retryable).map(([name]) => name);
  const statuses = entries.filter(([, row]) => row.httpStatus !== undefined);
  const out = [
    "import type { ErrorCode } from '@instancekit/core/internal';",
    '',
    `/**\n * Every error code ${sources.join(', ')} name → its provider-neutral code: the \`x-instancekit-code\` of each\n` +
      " * named error example and the document's `x-instancekit.errorCodes`. Codes not here fall to the client's\n" +
      ' * family rules (src/error-codes.ts).\n */',
    `export const errorCodes = ${JSON.stringify(codes, null, 2)} as const satisfies { readonly [providerCode: string]: ErrorCode };`,
    '',
    '/** The codes after which a read or a quote may be sent again (`x-instancekit-retryable: true`). */',
    `export const retryableErrorCodes: ReadonlySet<string> = /* @__PURE__ */ new Set(${JSON.stringify(retryable)});`,
  ];
  if (statuses.length)
    out.push(
      '',
      '/** The HTTP status each code is documented with (the response its example sits under, or `httpStatus`). */',
      `export const errorHttpStatuses = ${JSON.stringify(Object.fromEntries(statuses.map(([n, r]) => [n, r.httpStatus])), null, 2)} as const satisfies { readonly [providerCode: string]: number };`,
    );
  return `${out.join('\n')}\n`;
}
