// kit.describe for every provider, from the spec's facts as the generated facts table restates them
// (tools/generate/lifecycle-facts.ts): where the describe call lists the instance, which answer field shows which
// attribute, and the neutral state of each provider state. Nothing here names a provider, a state or a field.
import {
  type CallOptions,
  type DescribeFacts,
  type FieldRules,
  type LifecycleFacts,
  type OfferFacts,
  type OptionFacts,
  ResponseFormatError,
} from '@instancekit/core/internal';
import { readAnswer } from './answers.js';
import { own } from './check.js';
import { InstanceNotFoundError } from './errors.js';
import type { InstanceDescription, NeutralState, ProviderName } from './types.js';

export type { DescribeFacts, LifecycleFacts, OfferFacts, OptionFacts };

/** The facts of one action the lifecycle code reads (a row of the generated facts table). */
export interface ActionFacts {
  readonly completion?: { readonly inProgress?: readonly string[] };
  readonly lifecycle?: LifecycleFacts;
  readonly options?: { readonly [option: string]: OptionFacts };
  readonly describes?: DescribeFacts;
  readonly offers?: OfferFacts;
}

/** Calls a client method by its action name; the client validates the input with the spec's rules first. */
export type Invoke = (action: string, input: Record<string, unknown>, call?: CallOptions) => Promise<unknown>;

const at = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? Reflect.get(value, key)
    : undefined;

/** A dotted path into an answer (`Response.InstanceSet`, `charge.chargeMode`). */
export const pathOf = (value: unknown, dotted: string): unknown => dotted.split('.').reduce(at, value);

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The request value naming one instance: a list of one where the spec's rules type the field as a list. */
export function instanceValue(input: FieldRules | undefined, field: string, instanceId: string): unknown {
  const rules = input?.properties && own(input.properties, field);
  return [rules?.type].flat().includes('array') ? [instanceId] : instanceId;
}

/** The neutral state of an instance, by the spec: its running operation's, else its state's; `unknown` if neither. */
export function neutralState(
  describes: DescribeFacts,
  facts: { readonly [action: string]: ActionFacts },
  attributes: Readonly<Record<string, string | undefined>>,
): NeutralState {
  const running = own(facts, attributes.latestOperation);
  const operationState = attributes.latestOperationState;
  if (
    running?.lifecycle?.neutral &&
    operationState &&
    running.completion?.inProgress?.includes(operationState)
  )
    return running.lifecycle.neutral as NeutralState;
  // The lint rule instancekit/lifecycle-facts holds every mapped value to the neutral states.
  return (own(describes.neutral ?? {}, attributes.state) as NeutralState | undefined) ?? 'unknown';
}

/** kit.describe of one provider: one call of the describe action, read through its `describes` facts. */
export function describer(
  provider: ProviderName,
  action: string,
  facts: { readonly [action: string]: ActionFacts },
  input: FieldRules | undefined,
  invoke: Invoke,
) {
  const describes = own(facts, action)?.describes;
  if (!describes?.ids || !(describes.list ?? describes.single))
    throw new Error(`${provider}: ${action} has no describes facts (ids and list or single)`);
  const [root = '', ...rest] = (describes.list ?? describes.single)!.split('.');
  const path = rest.join('.');
  const container: FieldRules = describes.list
    ? { type: 'array', items: { type: 'object' } }
    : { type: ['object', 'null'] };
  let shape: FieldRules = container;
  for (const segment of [...rest].reverse()) shape = { type: 'object', properties: { [segment]: shape } };
  const fieldOf = (attribute: string) =>
    Object.entries(describes.fields).find(([, name]) => name === attribute)?.[0];
  const idField = fieldOf('instanceId') ?? '';

  return async (instanceId: string, call?: CallOptions): Promise<InstanceDescription> => {
    const answer = readAnswer(
      await invoke(action, { [describes.ids!]: instanceValue(input, describes.ids!, instanceId) }, call),
      shape,
      { provider, action, root },
    );
    const found = path ? pathOf(answer, path) : answer;
    const raw = describes.single
      ? found
      : (found as unknown[]).find((entry) => at(entry, idField) === instanceId);
    if (raw === undefined || raw === null)
      throw new InstanceNotFoundError(`${instanceId} is not in ${action}'s answer`, {
        provider,
        action,
        providerCode: 'NotListed',
        instanceId,
      });
    const attributes = Object.fromEntries(
      Object.entries(describes.fields).map(([field, attribute]) => [attribute, text(pathOf(raw, field))]),
    );
    const { state, instanceType, imageId, chargeType } = attributes;
    if (state === undefined || instanceType === undefined)
      throw new ResponseFormatError(`${action}: the instance has no state or instance type`, {
        provider,
        action,
        code: 'Internal',
        bodySnippet: JSON.stringify(raw).slice(0, 200),
      });
    return {
      provider,
      instanceId,
      state: neutralState(describes, facts, attributes),
      providerState: state,
      instanceType,
      imageId: imageId ?? null,
      ...(chargeType ? { chargeType } : {}),
      raw,
    };
  };
}
