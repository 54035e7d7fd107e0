// The facade's own inputs, declared once as core `FieldRules` and checked by core's `validateInput` — the same
// engine that checks the provider fields from the specs. Every input is a closed object: an unknown key (a
// typo such as `dryrun`), a wrong type, an empty string where a value is needed or a number out of range is a
// ValidationError naming the neutral field, before anything is sent.
import {
  CALL_OPTION_RULES,
  type FieldRules,
  MAX_TIMER_MS,
  RETRY_OPTION_RULES,
  TRANSPORT_OPTION_RULES,
} from '@instancekit/core/internal';

const text: FieldRules = { type: 'string', minLength: 1 };
const flag: FieldRules = { type: 'boolean' };
const callback: FieldRules = { type: 'function' };
// Whole milliseconds, as core's client options take them. An integer rule also refuses NaN and ±Infinity.
/** A timeout: at least 1 ms, at most what a timer can hold (a longer one fires after 1 ms). */
const timeout: FieldRules = { type: 'integer', minimum: 1, maximum: MAX_TIMER_MS };
/** A delay: 0 is allowed (the waiter raises it to the provider's rate-limit floor). */
const delay: FieldRules = { type: 'integer', minimum: 0, maximum: MAX_TIMER_MS };
/**
 * Checked by `instanceof` in check.ts, not by the rules engine: core validates only plain objects, and an
 * AbortSignal is none. The rule is what a value that is no AbortSignal is told.
 */
export const abortSignal: FieldRules = { type: 'AbortSignal' };

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

/** Core's call options (timeoutMs, retry, maxResponseBytes: one set of ranges for clients and kit alike). */
export const callOptions: FieldRules = {
  ...CALL_OPTION_RULES,
  properties: { ...CALL_OPTION_RULES.properties, signal: abortSignal },
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

const stopType: FieldRules = { type: 'string', enum: ['soft', 'softFirst', 'hard'] };

/** `stop`'s options: core's call options and the neutral stop options (each provider's are checked by its spec). */
export const stopOptions: FieldRules = {
  ...callOptions,
  properties: {
    ...callOptions.properties,
    stopType,
    stoppedMode: { type: 'string', enum: ['keepCharging', 'stopCharging'] },
  },
};

const jobOptions = {
  whenRunning: { type: 'string', enum: ['refuse', 'stop', 'stopAndRestart'] },
  stopType,
  timeoutMs: timeout,
  signal: abortSignal,
  onProgress: callback,
} satisfies Record<string, FieldRules>;

export const changeInstanceTypeInput: FieldRules = {
  type: 'object',
  additionalProperties: false,
  required: ['instanceId', 'instanceType', 'whenRunning'],
  properties: { instanceId: text, instanceType: text, ...jobOptions },
};

export const reinstallAndWaitInput: FieldRules = {
  ...reinstallInput,
  required: ['instanceId', 'whenRunning'],
  properties: {
    ...Object.fromEntries(
      Object.entries(reinstallInput.properties ?? {}).filter(([key]) => key !== 'dryRun'),
    ),
    ...jobOptions,
  },
};

/** An instance id argument (describe, stop, start, resizeOptions), checked as `{ instanceId }`. */
export const instanceIdArgument: FieldRules = {
  type: 'object',
  required: ['instanceId'],
  properties: { instanceId: text },
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
}

/**
 * Enough to pick a driver: the provider, by its own name only (`constructor` is no provider), one of the
 * registered drivers' names; optional where an entry has only one.
 */
export const kitProvider = (names: readonly string[], optional = false): FieldRules => ({
  type: 'object',
  ...(optional ? {} : { required: ['provider'] }),
  properties: { provider: { type: 'string', enum: names } },
});

/** The transport options the kit passes to its client: core's rules for them, so both agree. */
const transport = (name: string): FieldRules => TRANSPORT_OPTION_RULES[name]!;

/**
 * The options of `createInstanceKit` for one provider. The client checks deeper when it is made: the
 * endpoint's URL form, the region's form, the credential object (closed, printable ASCII: CredentialsError).
 */
export function kitOptions(facts: KitOptionFacts): FieldRules {
  return {
    type: 'object',
    additionalProperties: false,
    required: ['provider', ...(facts.region ? ['region'] : [])],
    properties: {
      // Already one of the registered drivers' (kitProvider): this driver's own.
      provider: { type: 'string' },
      ...(facts.region ? { region: text } : {}),
      credentials: { type: 'object' },
      profile: text,
      endpoint: text,
      ...(facts.billingEndpoint ? { billingEndpoint: text } : {}),
      fetch: transport('fetch'),
      timeoutMs: transport('timeoutMs'),
      retry: RETRY_OPTION_RULES,
      logger: transport('logger'),
      maxResponseBytes: transport('maxResponseBytes'),
    },
  };
}
