// Shared by the facade-*.test.ts suites: a kit per provider whose fetch counts every request it is handed
// (so "nothing was sent" is measured), the facade calls to run hostile input through, and how to assert a
// refusal.
import fc from 'fast-check';
import { createInstanceKit, type InstanceKit, ValidationError } from 'instancekit';
import { expect } from 'vitest';
import type { ProviderFixture } from '../support/providers.js';

/** A kit whose every request is counted and answered with a 500 (so a call that was sent cannot succeed). */
export function countingKit(fx: ProviderFixture): { kit: InstanceKit; sent: () => number } {
  let sent = 0;
  const kit = createInstanceKit({
    provider: fx.name,
    ...(fx.region ? { region: fx.region } : {}),
    credentials: fx.credentials,
    endpoint: 'http://127.0.0.1:9',
    ...(fx.name === 'jdcloud' ? { billingEndpoint: 'http://127.0.0.1:9' } : {}),
    retry: false,
    fetch: async () => {
      sent++;
      return new Response('{}', { status: 500 });
    },
  });
  return { kit, sent: () => sent };
}

/** A valid handle of `fx`'s resize, as `resize` would return it. */
export function handleOf(fx: ProviderFixture) {
  return {
    provider: fx.name,
    action: fx.actions.resize,
    instanceId: fx.resizeInput.instanceId,
    requestId: 'req-0001',
    startedAt: 0,
  };
}

/** The rejection (or throw) of `call`; fails when it resolves. */
export async function rejectionOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection, but the call resolved');
}

/** Asserts `call` is refused with a ValidationError naming `field` (void: usable as a fast-check property). */
export async function expectRefused(
  call: () => unknown,
  field: string | RegExp,
  provider?: string,
): Promise<void> {
  await refusal(call, field, provider);
}

/** The ValidationError naming `field` that `call` is refused with (a string or a pattern). */
export async function refusal(
  call: () => unknown,
  field: string | RegExp,
  provider?: string,
): Promise<ValidationError> {
  const error = await rejectionOf(call);
  if (!(error instanceof ValidationError))
    throw new Error(
      `expected a ValidationError, got ${String(error)} (${(error as Error)?.constructor?.name})`,
    );
  if (typeof field === 'string') expect(error.field, error.message).toBe(field);
  else expect(error.field, error.message).toMatch(field);
  if (provider) expect(error.provider).toBe(provider);
  expect(error.attempts).toBe(0);
  return error;
}

/** Own keys that read like Object.prototype members; `__proto__` made an own key as JSON.parse does. */
export const PROTOTYPE_KEYS = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__proto__',
  '__defineGetter__',
] as const;

/**
 * `base` plus an own data property `key`. A computed key defines an own property even for `__proto__` (only a
 * literal `__proto__:` sets the prototype), as JSON.parse does.
 */
export function withOwnKey<T extends object>(base: T, key: string, value: unknown): T {
  const copy = { ...base, [key]: value } as T;
  expect(Object.hasOwn(copy, key)).toBe(true);
  return copy;
}

/** Keys no facade input declares: typos of real ones, prototype names, random identifiers. */
export function unknownKeys(known: readonly string[]): fc.Arbitrary<string> {
  return fc
    .oneof(
      fc.constantFrom(...PROTOTYPE_KEYS),
      fc.constantFrom('dryrun', 'DryRun', 'instanceid', 'InstanceId', 'imageID', 'keyId', 'force', 'timeout'),
      fc.stringMatching(/^[a-zA-Z_$][a-zA-Z0-9_$]{0,15}$/),
    )
    .filter((key) => !known.includes(key));
}

/** Numbers no millisecond option takes: NaN, ±Infinity, negative, fractional, past a timer's reach. */
export const badMilliseconds = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** 31, 2 ** 53, -1, 1.5),
  fc.integer({ max: -1 }),
  fc.double({ min: 0.001, max: 1e6, noInteger: true, noNaN: true }),
  fc.double({ min: 2 ** 31, max: Number.MAX_VALUE, noNaN: true }),
);

/** Values of the wrong type for a field that takes `type`. */
export function wrongTypes(
  type: 'string' | 'boolean' | 'number' | 'array' | 'function',
): fc.Arbitrary<unknown> {
  const all: Record<string, fc.Arbitrary<unknown>> = {
    string: fc.string({ minLength: 1, maxLength: 8 }),
    boolean: fc.boolean(),
    number: fc.integer(),
    array: fc.array(fc.string({ minLength: 1 }), { maxLength: 2 }),
    object: fc.constant({ a: 1 }),
    null: fc.constant(null),
    function: fc.constant(() => 1),
  };
  return fc.oneof(...Object.entries(all).flatMap(([name, arb]) => (name === type ? [] : [arb])));
}
