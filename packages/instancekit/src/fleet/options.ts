// The options of runFleet and previewFleet, checked as every facade input is: a closed object (a typo such as
// `concurency` is refused, not ignored), each number in its range — a ValidationError naming the option, before
// the plan is read or anything is sent. Functions, signals and the journal are the caller's objects, checked by kind.
import { type FieldRules, MAX_TIMER_MS, ValidationError, validateInput } from '@instancekit/core/internal';

const KINDS = {
  plan: 'any',
  journal: 'journal',
  resume: 'boolean',
  concurrency: 'number',
  rateShare: 'number',
  jobTimeoutMs: 'number',
  reconcileAfterMs: 'number',
  retryUnknown: 'number',
  stop: 'signal',
  abort: 'signal',
  onEvent: 'function',
  credentials: 'object',
  profile: 'string',
  secrets: 'object',
  timeoutMs: 'number',
  retry: 'any',
  fetch: 'function',
} as const;

/** The numbers' ranges (a share is checked apart: it must be above 0, which FieldRules cannot say). */
const NUMBERS: FieldRules = {
  type: 'object',
  properties: {
    concurrency: { type: 'integer', minimum: 1, maximum: 256 },
    rateShare: { type: 'number', maximum: 1 },
    jobTimeoutMs: { type: 'integer', minimum: 1, maximum: MAX_TIMER_MS },
    reconcileAfterMs: { type: 'integer', minimum: 0, maximum: MAX_TIMER_MS },
    retryUnknown: { type: 'integer', minimum: 0, maximum: 10 },
    secrets: {
      type: 'object',
      additionalProperties: false,
      properties: { password: { type: 'string' }, userData: { type: 'string' } },
    },
  },
};

const fail = (field: string, rule: string, message: string): never => {
  throw new ValidationError(`fleet: ${field} ${message}`, { field, rule, action: 'fleet' });
};

export function checkFleetOptions(options: object, allowed: readonly (keyof typeof KINDS)[]): void {
  if (options === null || typeof options !== 'object') fail('options', 'type', 'must be an object');
  const given = options as Record<string, unknown>;
  for (const [key, value] of Object.entries(given)) {
    if (!(allowed as readonly string[]).includes(key))
      fail(key, 'additionalProperties', 'is not a known option');
    if (value === undefined) continue;
    const kind = KINDS[key as keyof typeof KINDS];
    const ok =
      kind === 'any' ||
      (kind === 'signal' && value instanceof AbortSignal) ||
      (kind === 'journal' &&
        typeof (value as { append?: unknown }).append === 'function' &&
        typeof (value as { read?: unknown }).read === 'function') ||
      (kind === 'object' && typeof value === 'object' && value !== null) ||
      typeof value === kind;
    if (!ok) fail(key, 'type', `must be ${kind === 'journal' ? 'a Journal (append, read)' : `a ${kind}`}`);
  }
  const numbers = Object.fromEntries(
    Object.keys(NUMBERS.properties ?? {}).flatMap((key) =>
      given[key] === undefined ? [] : [[key, given[key]]],
    ),
  );
  validateInput(numbers, NUMBERS, { action: 'fleet' });
  if (given.rateShare !== undefined && !((given.rateShare as number) > 0))
    fail('rateShare', 'minimum', 'must be > 0');
}

export const RUN_OPTIONS = Object.keys(KINDS) as (keyof typeof KINDS)[];
export const PREVIEW_OPTIONS = RUN_OPTIONS.filter(
  (key) =>
    ![
      'journal',
      'resume',
      'jobTimeoutMs',
      'reconcileAfterMs',
      'retryUnknown',
      'stop',
      'abort',
      'onEvent',
    ].includes(key),
);
