/**
 * The exact error-code tables of a package, from its specs: every named error example's `x-instancekit-code`
 * (and `x-instancekit-retryable`) and the document's `x-instancekit.errorCodes` (codes any action may answer that
 * no example shows), and the document's `x-instancekit.errorFamilies` (prefix/suffix rules for the codes none
 * names). A package's client classifies with core's `classifyProviderCode` over these tables.
 */
import {
  classifyProviderCode,
  type ErrorFamily,
  matchFamily,
} from '../../packages/core/src/error-families.js';
import type { ErrorCode } from '../../packages/core/src/errors.js';

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

/** One spec's `x-instancekit.errorFamilies`, in its order (the first family a code belongs to wins). */
export function specErrorFamilies(spec: Json, file: string, problems: string[]): ErrorFamily[] | undefined {
  const list = spec['x-instancekit']?.errorFamilies as Json[] | undefined;
  if (list === undefined) return undefined;
  const families: ErrorFamily[] = [];
  for (const [i, entry] of list.entries()) {
    const { prefix, suffix, code, retryable } = entry ?? {};
    if ((prefix === undefined && suffix === undefined) || typeof code !== 'string')
      problems.push(`${file}: x-instancekit.errorFamilies[${i}] needs a prefix or a suffix, and a code`);
    families.push({
      ...(typeof prefix === 'string' ? { prefix } : {}),
      ...(typeof suffix === 'string' ? { suffix } : {}),
      code: code as ErrorCode,
      ...(retryable === true ? { retryable: true } : {}),
    });
  }
  return families;
}

/**
 * The rows the exact table must keep: a row whose first family gives the same code, and a retryability at least
 * as wide, classifies the same without it (core's `classifyProviderCode` reads a family's `retryable` for named
 * codes too), so it goes. A row with its own HTTP status stays: `errorHttpStatuses` is read next to it. Each
 * dropped code is classified both ways here, so the pruning can only be exact.
 */
export function pruneByFamilies(
  rows: Map<string, ErrorCodeRow>,
  families: readonly ErrorFamily[],
  file: string,
): Map<string, ErrorCodeRow> {
  const kept = new Map(
    [...rows].filter(([name, row]) => {
      const family = matchFamily(name, families);
      return !(
        family &&
        row.httpStatus === undefined &&
        family.code === row.code &&
        (!row.retryable || family.retryable === true)
      );
    }),
  );
  const tables = (from: Map<string, ErrorCodeRow>) => ({
    errorCodes: Object.fromEntries([...from].map(([name, row]) => [name, row.code as ErrorCode])),
    retryableErrorCodes: new Set([...from].filter(([, row]) => row.retryable).map(([name]) => name)),
    errorFamilies: families,
  });
  const [full, pruned] = [tables(rows), tables(kept)];
  for (const name of rows.keys()) {
    const [a, b] = [classifyProviderCode(name, 200, full), classifyProviderCode(name, 200, pruned)];
    if (a.code !== b.code || a.retryable !== b.retryable)
      throw new Error(`${file}: pruning ${name} would change its classification`);
  }
  return kept;
}

/** The generated `error-codes.ts` body of a package (after the header). */
export function errorCodesModule(
  rows: Map<string, ErrorCodeRow>,
  sources: string[],
  families: readonly ErrorFamily[] = [],
  httpStatusCodes: Readonly<Record<string, string>> = {},
): string {
  const entries = [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const codes = Object.fromEntries(entries.map(([name, row]) => [name, row.code]));
  const retryable = entries.filter(([, row]) => row.retryable).map(([name]) => name);
  const statuses = entries.filter(([, row]) => row.httpStatus !== undefined);
  const out = [
    "import { type Classified, classifyProviderCode, type ErrorCode, type ErrorFamily } from '@instancekit/core/internal';",
    '',
    `/**\n * Every error code ${sources.join(', ')} name → its provider-neutral code: the \`x-instancekit-code\` of each\n` +
      " * named error example and the document's `x-instancekit.errorCodes`, less those `errorFamilies` classifies\n" +
      " * the same way (docs/errors.md lists them all). Read with core's `classifyProviderCode`.\n */",
    `export const errorCodes = ${JSON.stringify(codes, null, 2)} as const satisfies { readonly [providerCode: string]: ErrorCode };`,
    '',
    '/** The codes after which a read or a quote may be sent again (`x-instancekit-retryable: true`). */',
    `export const retryableErrorCodes: ReadonlySet<string> = /* @__PURE__ */ new Set(${JSON.stringify(retryable)});`,
    '',
    '/**\n * The families of codes no spec names one by one (`x-instancekit.errorFamilies`): a code takes the first family\n' +
      ' * whose `prefix` it starts with and `suffix` it ends with; `retryable` holds for every code of the family.\n */',
    `export const errorFamilies = ${JSON.stringify(families, null, 2)} as const satisfies readonly ErrorFamily[];`,
  ];
  if (statuses.length)
    out.push(
      '',
      '/** The HTTP status each code is documented with (the response its example sits under, or `httpStatus`). */',
      `export const errorHttpStatuses = ${JSON.stringify(Object.fromEntries(statuses.map(([n, r]) => [n, r.httpStatus])), null, 2)} as const satisfies { readonly [providerCode: string]: number };`,
    );
  const hasStatusCodes = Object.keys(httpStatusCodes).length > 0;
  if (hasStatusCodes)
    out.push(
      '',
      "/** Where an unknown code's HTTP status means something other than core's default (`x-instancekit.httpStatusCodes`). */",
      `export const httpStatusCodes = ${JSON.stringify(httpStatusCodes, null, 2)} as const satisfies { readonly [httpStatus: number]: ErrorCode };`,
    );
  out.push(
    '',
    '/**\n * The neutral code of a provider error and whether a read or a quote may be sent again after it: its exact entry,\n' +
      " * else its first family, else what its HTTP status says (core's `classifyProviderCode`).\n */",
    `export const classifyError = (providerCode: string, httpStatus: number): Classified =>\n  classifyProviderCode(providerCode, httpStatus, { errorCodes, retryableErrorCodes, errorFamilies${hasStatusCodes ? ', httpStatusCodes' : ''} });`,
  );
  return `${out.join('\n')}\n`;
}
