// Every call a fleet run makes goes through one gate, whatever sends it (a job's describe, its stop, the waiter's
// poll): the gate paces the call by the spec's per-action rate limit and journals each mutation before and after
// it is sent. It wraps the provider client a driver declaration makes, so neither the jobs nor the drivers know of
// it, and no provider is named here: which calls mutate and how fast each may go come from the generated facts.
import { InstanceKitError } from '@instancekit/core/internal';
import { requestIdOf } from '../answers.js';
import { type DriverEntry, defineDriver, type FactsTable, factsTable } from '../driver.js';

export interface GatedCall {
  action: string;
  mutating: boolean;
  /** The documented limit of this action (`x-instancekit.rateLimit`), if the spec gives one. */
  rateLimitPerSecond?: number;
}

/** Around every client call: pace it, journal it. `requestIdOf` reads the request id of the call's result. */
export type Gate = (
  call: GatedCall,
  send: () => Promise<unknown>,
  requestIdOf: (result: unknown) => string,
) => Promise<unknown>;

/** A driver entry whose client's calls all pass through `gate`. */
export function gatedEntry(entry: DriverEntry, gate: Gate): DriverEntry {
  const { declaration } = entry;
  return defineDriver({
    ...declaration,
    client: (options) =>
      gatedClient(declaration.client(options), factsTable(declaration.facts), gate, declaration.requestId),
  });
}

function gatedClient<C>(client: C, facts: FactsTable, gate: Gate, requestIdField: string): C {
  const readId = (result: unknown) => requestIdOf(result, requestIdField);
  return new Proxy(client as object, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || typeof value !== 'function' || !Object.hasOwn(facts, key)) return value;
      const fact = facts[key]!;
      const call: GatedCall = {
        action: key,
        mutating: fact.mutating === true,
        ...(fact.rateLimitPerSecond ? { rateLimitPerSecond: fact.rateLimitPerSecond } : {}),
      };
      return (...args: unknown[]) => gate(call, () => Reflect.apply(value, target, args), readId);
    },
  }) as C;
}

/**
 * Whether a mutation that failed may have run: `no` when the provider answered with a refusal it documents (it
 * did not execute), `unknown` for no answer, a timeout, a 5xx or an internal error — those are reconciled by
 * describing the instance, never by sending again blindly.
 */
export function executedBy(error: unknown): 'no' | 'unknown' {
  if (!(error instanceof InstanceKitError)) return 'unknown';
  if (error.httpStatus === undefined || error.httpStatus >= 500) return 'unknown';
  return [
    'Internal',
    'Unavailable',
    'Timeout',
    'Network',
    'Aborted',
    'ResponseTooLarge',
    'Redirect',
  ].includes(error.code)
    ? 'unknown'
    : 'no';
}
