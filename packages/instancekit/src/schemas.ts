// The facade's own inputs, declared once as core `FieldRules` and checked by core's `validateInput` — the same
// engine that checks the provider fields from the specs. Every input is a closed object: an unknown key (a
// typo such as `dryrun`), a wrong type, an empty string where a value is needed or a number out of range is a
// ValidationError naming the neutral field, before anything is sent.
import type { FieldRules } from '@instancekit/core';

/** The longest delay Node's timers keep: a larger one (or Infinity) fires after 1 ms. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const text: FieldRules = { type: 'string', minLength: 1 };
const flag: FieldRules = { type: 'boolean' };
const callback: FieldRules = { type: 'function' };
// Whole milliseconds, as core's client options take them. An integer rule also refuses NaN and ±Infinity.
/** A timeout: at least 1 ms, at most what a timer can hold. */
const timeout: FieldRules = { type: 'integer', minimum: 1, maximum: MAX_TIMER_MS };
/** A delay: 0 is allowed (the waiter raises it to the provider's rate-limit floor). */
const delay: FieldRules = { type: 'integer', minimum: 0, maximum: MAX_TIMER_MS };
/**
 * Checked by `instanceof` in check.ts, not by the rules engine: core validates only plain objects, and an
 * AbortSignal is none. The rule is what a value that is no AbortSignal is told.
 */
export const abortSignal: FieldRules = { type: 'AbortSignal' };

const retry: FieldRules = {
  // `false` turns retries off; an object tunes them.
  type: ['object', 'boolean'],
  additionalProperties: false,
  properties: {
    maxAttempts: { type: 'integer', minimum: 1, maximum: 10 },
    baseDelayMs: delay,
    maxDelayMs: delay,
  },
};

export const resizeInput: FieldRules = {
  type: 'object',
  additionalProperties: false,
  required: ['instanceId', 'instanceType'],
  properties: { instanceId: text, instanceType: text, forceStop: flag, dryRun: flag },
};

export const reinstallInput: FieldRules = {
  type: 'object',
  additionalProperties: false,
  required: ['instanceId'],
  // One login method: left to the drivers, Tencent would drop the keys silently (its LoginSettings takes one
  // field) and JD would send both.
  not: { required: ['password', 'keyIds'] },
  properties: {
    instanceId: text,
    imageId: text,
    password: text,
    // An empty list, or an empty id, is no login method at all.
    keyIds: { type: 'array', minItems: 1, items: text },
    hostName: text,
    userData: text,
    systemDiskSizeGiB: { type: 'integer', minimum: 1 },
    dryRun: flag,
  },
};

export const callOptions: FieldRules = {
  type: 'object',
  additionalProperties: false,
  properties: { signal: abortSignal, timeoutMs: timeout, retry },
};

export const waitOptions: FieldRules = {
  type: 'object',
  additionalProperties: false,
  properties: {
    signal: abortSignal,
    timeoutMs: timeout,
    intervalMs: delay,
    maxIntervalMs: delay,
    onProgress: callback,
  },
};

/** A handle `waitFor` accepts from this kit: its provider, one of the actions it can wait for, an instance id. */
export function operationHandle(provider: string, actions: readonly string[]): FieldRules {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['provider', 'action', 'instanceId', 'requestId'],
    properties: {
      provider: { enum: [provider] },
      action: { enum: actions },
      instanceId: text,
      requestId: { type: 'string' },
      startedAt: { type: 'number' },
    },
  };
}

/** What differs between the providers' kit options. */
export interface KitOptionFacts {
  /** Tencent and JD have regional endpoints; Zenlayer has one global endpoint and no region field. */
  region: boolean;
  /** JD prices a resize through a separate billing API. */
  billingEndpoint: boolean;
  /** The keys of the provider's credential object. */
  credentials: readonly string[];
}

export const PROVIDER_NAMES = ['tencent', 'zenlayer', 'jdcloud'] as const;

/** Enough to pick a driver: the provider, by its own name only (`constructor` is no provider). */
export const kitProvider: FieldRules = {
  type: 'object',
  required: ['provider'],
  properties: { provider: { type: 'string', enum: PROVIDER_NAMES } },
};

/** The options of `createInstanceKit` for one provider. */
export function kitOptions(facts: KitOptionFacts): FieldRules {
  // Values are strings; an empty or missing one is the client's CredentialsError (it may fall back to the environment).
  const credentialFields = Object.fromEntries(facts.credentials.map((name) => [name, { type: 'string' }]));
  return {
    type: 'object',
    additionalProperties: false,
    required: ['provider', ...(facts.region ? ['region'] : [])],
    properties: {
      provider: { type: 'string', enum: PROVIDER_NAMES },
      ...(facts.region ? { region: text } : {}),
      credentials: { type: 'object', additionalProperties: false, properties: credentialFields },
      endpoint: text,
      ...(facts.billingEndpoint ? { billingEndpoint: text } : {}),
      fetch: callback,
      timeoutMs: timeout,
      retry,
      logger: callback,
    },
  };
}
