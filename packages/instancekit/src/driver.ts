import { type FieldRules, type ProviderName, ValidationError, validateInput } from '@instancekit/core';
import { own } from './check.js';
import type {
  CallOptions,
  Capabilities,
  InstanceKitOptions,
  OperationHandle,
  Quote,
  ReinstallInput,
  ResizeInput,
} from './types.js';

/** What one poll of the provider's status call says about a waited-for operation. */
export interface PollSnapshot {
  state: string;
  /** `notListed`: the status call answered without this instance (deleted, or another region or account). */
  phase: 'pending' | 'inProgress' | 'succeeded' | 'failed' | 'notListed';
  /** The provider's failure message, when it gives one. */
  message?: string;
  /** True when `phase` is known to belong to this very operation (Tencent's LatestOperationRequestId). */
  matchesRequest?: boolean;
}

/** One provider behind the facade: maps neutral input to its actions and reads its status call. */
export interface ProviderDriver {
  readonly provider: ProviderName;
  readonly capabilities: Capabilities;
  /** Throws a ValidationError naming the neutral field; sends nothing. */
  checkResize(input: ResizeInput): void;
  checkReinstall(input: ReinstallInput): void;
  resize(input: ResizeInput, options?: CallOptions): Promise<OperationHandle>;
  quoteResize?(input: ResizeInput, options?: CallOptions): Promise<Quote>;
  reinstall(input: ReinstallInput, options?: CallOptions): Promise<OperationHandle>;
  quoteReinstall?(input: ReinstallInput, options?: CallOptions): Promise<Quote>;
  poll(handle: OperationHandle, options?: CallOptions): Promise<PollSnapshot>;
  /** The shortest poll interval the status call's documented rate limit allows us (with headroom). */
  readonly minPollIntervalMs: number;
}

/**
 * Validates provider input with the spec's generated rules and reports the caller's field name:
 * `password (LoginSettings.Password) must be at least 8 characters`.
 */
export function checkWithSpec(
  provider: ProviderName,
  action: string,
  rules: FieldRules | undefined,
  input: unknown,
  neutralNames: Record<string, string>,
): void {
  if (!rules) return;
  try {
    validateInput(input, rules, { provider, action });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const providerField = error.field.replace(/\[\d+\]/g, '');
    const neutral = own(neutralNames, providerField) ?? own(neutralNames, error.field);
    if (!neutral) throw error;
    throw new ValidationError(
      error.message.replace(`${action}: ${error.field}`, `${neutral} (${error.field})`),
      {
        field: neutral,
        rule: error.rule,
        provider,
        action,
      },
    );
  }
}

/** An option this provider has no field for: refused before anything is sent. */
export function refuseOption(provider: ProviderName, action: string, field: string, why: string): never {
  throw new ValidationError(`${field} is not supported by ${provider}: ${why}`, {
    field,
    rule: 'unsupported',
    provider,
    action,
  });
}

type Completion = {
  inProgress?: readonly string[];
  success?: readonly string[];
  failure?: readonly string[];
};

/**
 * The `x-instancekit.completion` of `action` in a generated facts table. The action comes from the caller's
 * handle: an own-property lookup, so `constructor` finds nothing (waitFor refuses unknown actions before this).
 */
export function completionOf(facts: { readonly [action: string]: unknown }, action: string): Completion {
  return (own(facts, action) as { completion?: Completion } | undefined)?.completion ?? {};
}

/** Phase of a status value according to a spec's `x-instancekit.completion`. */
export function phaseOf(state: string, completion: Completion): PollSnapshot['phase'] {
  if (completion.failure?.includes(state)) return 'failed';
  if (completion.inProgress?.includes(state)) return 'inProgress';
  if (completion.success?.includes(state)) return 'succeeded';
  return 'pending';
}

export function intervalFor(rateLimitPerSecond: number | undefined): number {
  // Stay at a tenth of the documented limit: other callers share the same account quota.
  return rateLimitPerSecond ? Math.ceil(10_000 / rateLimitPerSecond) : 1000;
}

/**
 * The kit options every provider client takes as they are; only those the caller set, so client defaults
 * apply. "Set" is `!== undefined`, never truthiness: an empty endpoint or a 0 timeout must reach a check and
 * be refused, not silently become the production endpoint or the default timeout.
 */
export function clientOptions(options: InstanceKitOptions) {
  const { credentials, endpoint, fetch, timeoutMs, retry, logger, maxResponseBytes } = options;
  return {
    ...(credentials !== undefined ? { credentials } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(fetch !== undefined ? { fetch } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retry !== undefined ? { retry } : {}),
    ...(logger !== undefined ? { logger } : {}),
    ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
  };
}
