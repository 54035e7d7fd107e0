import type { Classified } from './envelope.js';
import { classifyHttpStatus } from './envelope.js';
import type { ErrorCode } from './errors.js';

/**
 * A family of provider codes no spec names one by one (a spec root's `x-instancekit.errorFamilies`, generated as
 * `errorFamilies`): every code that starts with `prefix` and ends with `suffix` (either may be left out).
 */
export interface ErrorFamily {
  readonly prefix?: string;
  readonly suffix?: string;
  readonly code: ErrorCode;
  /** A read or a quote may be sent again after any code of the family. */
  readonly retryable?: boolean;
}

/** A package's generated error tables (`src/generated/error-codes.ts`). */
export interface ProviderCodeTables {
  readonly errorCodes: { readonly [providerCode: string]: ErrorCode };
  readonly retryableErrorCodes: ReadonlySet<string>;
  readonly errorFamilies: readonly ErrorFamily[];
  /**
   * The neutral code of an unknown code by HTTP status where the provider's status means something other than
   * core's default (`x-instancekit.httpStatusCodes`: a Zenlayer 403 is a refused state, not auth).
   */
  readonly httpStatusCodes?: { readonly [httpStatus: number]: ErrorCode };
}

/** The first family (in the spec's order) the code belongs to. */
export function matchFamily(code: string, families: readonly ErrorFamily[]): ErrorFamily | undefined {
  return families.find(
    (f) =>
      (f.prefix === undefined || code.startsWith(f.prefix)) &&
      (f.suffix === undefined || code.endsWith(f.suffix)) &&
      code.length >= (f.prefix?.length ?? 0) + (f.suffix?.length ?? 0),
  );
}

/**
 * The neutral code and retryability of a provider code: its exact entry, else its first family, else what
 * `fallback` says of the HTTP status (core's `classifyHttpStatus` unless the provider says otherwise). A code is
 * retryable when the spec says so of it or of its family; the generator leaves out of `errorCodes` the entries
 * their family already classifies the same way (tools/generate/error-codes.ts), so both must be read.
 */
export function classifyProviderCode(
  code: string,
  httpStatus: number,
  tables: ProviderCodeTables,
  fallback: (httpStatus: number) => Classified = classifyHttpStatus,
): Classified {
  const byStatus = tables.httpStatusCodes;
  const exact = Object.hasOwn(tables.errorCodes, code) ? tables.errorCodes[code] : undefined;
  const family = matchFamily(code, tables.errorFamilies);
  const neutral = exact ?? family?.code;
  if (!neutral) {
    const classified = fallback(httpStatus);
    const own = byStatus && Object.hasOwn(byStatus, httpStatus) ? byStatus[httpStatus] : undefined;
    return own ? { ...classified, code: own } : classified;
  }
  return { code: neutral, retryable: tables.retryableErrorCodes.has(code) || family?.retryable === true };
}
