import { type FieldRules, type ProviderName, ValidationError, validateInput } from '@instancekit/core';
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
  phase: 'pending' | 'inProgress' | 'succeeded' | 'failed';
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
    const neutral = neutralNames[providerField] ?? neutralNames[error.field];
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

/** Phase of a status value according to a spec's `x-instancekit.completion`. */
export function phaseOf(
  state: string,
  completion: { inProgress?: readonly string[]; success?: readonly string[]; failure?: readonly string[] },
): PollSnapshot['phase'] {
  if (completion.failure?.includes(state)) return 'failed';
  if (completion.inProgress?.includes(state)) return 'inProgress';
  if (completion.success?.includes(state)) return 'succeeded';
  return 'pending';
}

export function intervalFor(rateLimitPerSecond: number | undefined): number {
  // Stay at a tenth of the documented limit: other callers share the same account quota.
  return rateLimitPerSecond ? Math.ceil(10_000 / rateLimitPerSecond) : 1000;
}

/** The kit options every provider client takes as they are; only those the caller set, so client defaults apply. */
export function clientOptions(options: InstanceKitOptions) {
  const { credentials, endpoint, fetch, timeoutMs, retry, logger } = options;
  return {
    ...(credentials ? { credentials } : {}),
    ...(endpoint ? { endpoint } : {}),
    ...(fetch ? { fetch } : {}),
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(retry !== undefined ? { retry } : {}),
    ...(logger ? { logger } : {}),
  };
}
