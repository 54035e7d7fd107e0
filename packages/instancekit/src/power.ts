// Stop and start for every provider, from the spec's facts: which request field names the instance, which neutral
// stop options the action takes and the value each neutral value becomes (`x-instancekit.options`), and where the
// action takes an instance (`lifecycle.transitions`). An instance already where the action would take it is left
// alone: nothing is sent, and the result says so.
import { type CallOptions, type FieldRules, ValidationError } from '@instancekit/core/internal';
import { refuseOption } from './driver.js';
import { type ActionFacts, instanceValue, type LifecycleFacts } from './lifecycle.js';
import type { InstanceDescription, ProviderName, StopOptions } from './types.js';

/** The neutral options of `stop` (the rest of StopOptions are call options). */
const NEUTRAL_OPTIONS = ['stopType', 'stoppedMode'] as const;

/** Where the action takes the instance: the neutral states of its transitions' end states. */
export function endStates(lifecycle: LifecycleFacts, neutral: (state: string) => string): Set<string> {
  return new Set(lifecycle.transitions.map((transition) => neutral(transition.end)));
}

/** True when the action starts from the instance's state (a transition that needs no particular request value). */
export function accepts(lifecycle: LifecycleFacts | undefined, providerState: string): boolean {
  return lifecycle?.transitions.some((transition) => transition.from.includes(providerState)) ?? false;
}

/**
 * The provider body of a stop or start: the instance, and each neutral option the caller gave (a default `soft`
 * where the action offers a choice of stop type) as its request field and value. An option or value the spec does
 * not list for this action is a ValidationError naming it; nothing is sent.
 */
export function powerBody(
  provider: ProviderName,
  action: string,
  facts: ActionFacts,
  input: FieldRules | undefined,
  instanceId: string,
  options: Pick<StopOptions, 'stopType' | 'stoppedMode'> = {},
): Record<string, unknown> {
  const lifecycle = facts.lifecycle;
  if (!lifecycle) throw new Error(`${provider}: ${action} has no lifecycle facts`);
  const offered = facts.options ?? {};
  // Soft by default where the provider lets us choose: Zenlayer's own default is a forced power-off.
  const given = { ...(offered.stopType ? { stopType: 'soft' } : {}), ...options };
  const body: Record<string, unknown> = {
    [lifecycle.instance]: instanceValue(input, lifecycle.instance, instanceId),
  };
  for (const name of NEUTRAL_OPTIONS) {
    const value = given[name];
    if (value === undefined) continue;
    const option = Object.hasOwn(offered, name) ? offered[name] : undefined;
    if (!option) refuseOption(provider, action, name, `${action} has no such option`);
    if (!Object.hasOwn(option.values, value))
      throw new ValidationError(
        `${name} ${JSON.stringify(value)} is not supported by ${provider}: ${action} takes ${Object.keys(option.values).join(', ')}`,
        { field: name, rule: 'unsupported', provider, action },
      );
    body[option.field] = option.values[value];
  }
  return body;
}

/** The no-op answer of a stop or start, when the instance is already where the action takes it; else undefined. */
export function alreadyThere(
  action: string,
  lifecycle: LifecycleFacts,
  neutral: (state: string) => string,
  described: InstanceDescription,
) {
  if (!endStates(lifecycle, neutral).has(described.state)) return undefined;
  const { provider, instanceId, state, providerState } = described;
  return {
    noop: true as const,
    provider,
    action,
    instanceId,
    state,
    providerState,
    message: `${instanceId} is already ${state} (${providerState}): ${action} was not sent`,
  };
}

export type { CallOptions };
