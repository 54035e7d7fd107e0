import type { IHttpRequest } from '@stoplight/prism-http';
import type { IHttpOperation } from '@stoplight/types';
import { exampleOf, findAnswer, getPath, type NamedAnswer, setPath, withFreshRequestId } from './examples';
import {
  type DescribeFacts,
  type DocumentFacts,
  type LifecycleFacts,
  type OfferFacts,
  operationFacts,
  refusalFor,
  type Transition,
} from './facts';
import type { Fleet, InstanceView } from './fleet';
import { fieldValue, fieldValues, filterValues, regionOf, sameValue } from './request-fields';

/**
 * The stateful answers: a mutation is checked against the instance's state with the action's lifecycle facts, a
 * describe call is answered from the fleet in the shape of its own success example. Both only run for requests
 * that passed Prism's validation; an operation without facts is left to Prism's examples.
 */

export interface StatefulAnswer {
  status: number;
  body: unknown;
  /** For the mutation log. */
  outcome: 'accepted' | 'error';
  error?: string;
  requestId?: string;
  instanceIds: string[];
}

export interface StatefulContext {
  fleet: Fleet;
  facts: DocumentFacts;
  operations: readonly IHttpOperation[];
}

function answer(
  operation: IHttpOperation,
  ctx: StatefulContext,
  name: string,
  instanceIds: string[],
): StatefulAnswer {
  const found: NamedAnswer | undefined = findAnswer(ctx.operations, name, operation);
  // The lint rule instancekit/lifecycle-facts makes sure every named answer exists; a 500 says loudly if not.
  if (!found)
    return {
      status: 500,
      body: { message: `the spec has no example named ${name}` },
      outcome: 'error',
      error: name,
      instanceIds,
    };
  const { body, requestId } = withFreshRequestId(found.body);
  return { status: found.status, body, outcome: 'error', error: name, requestId, instanceIds };
}

function pickTransition(
  lifecycle: LifecycleFacts,
  state: string,
  request: IHttpRequest,
  template: string,
): Transition | undefined {
  return lifecycle.transitions.find(
    (transition) =>
      transition.from.includes(state) &&
      Object.entries(transition.when ?? {}).every(([field, expected]) =>
        sameValue(fieldValue(request, template, field), expected),
      ),
  );
}

/** A mutation with lifecycle facts: refused (not found, busy, sold out, wrong state) or started on every instance. */
function mutate(
  operation: IHttpOperation,
  lifecycle: LifecycleFacts,
  request: IHttpRequest,
  ctx: StatefulContext,
): StatefulAnswer {
  const template = operation.path;
  const ids = fieldValues(request, template, lifecycle.instance);
  const region = regionOf(request, template, ctx.facts.region);
  const { errors } = ctx.facts;
  const newType = lifecycle.newInstanceType
    ? fieldValues(request, template, lifecycle.newInstanceType)[0]
    : undefined;
  const newImage = lifecycle.newImage ? fieldValues(request, template, lifecycle.newImage)[0] : undefined;
  const plans: Array<{ instance: InstanceView; transition: Transition }> = [];
  // All or nothing: every instance is checked before any is changed.
  for (const id of ids) {
    const instance = ctx.fleet.get(id, region);
    if (!instance) return answer(operation, ctx, errors.notFound ?? 'notFound', ids);
    if (instance.busy || ctx.fleet.takeBusy(id))
      return answer(operation, ctx, errors.busy ?? refusalFor(lifecycle, instance.state), ids);
    if (newType !== undefined && ctx.fleet.isSoldOut(newType))
      return answer(operation, ctx, errors.soldOut ?? refusalFor(lifecycle, instance.state), ids);
    const transition = pickTransition(lifecycle, instance.state, request, template);
    if (!transition) return answer(operation, ctx, refusalFor(lifecycle, instance.state), ids);
    plans.push({ instance, transition });
  }
  const success = exampleOf(operation, 'success');
  const { body, requestId } = withFreshRequestId(success?.body ?? {});
  const completion = operationFacts(operation).completion;
  for (const { instance, transition } of plans)
    ctx.fleet.start(instance.instanceId, {
      action: operation.iid ?? operation.id,
      requestId: requestId ?? '',
      during: transition.during,
      end: transition.end,
      changes: {
        ...(newType === undefined ? {} : { instanceType: newType }),
        ...(newImage === undefined ? {} : { imageId: newImage }),
      },
      // Where the provider reports the operation itself (Tencent's LatestOperationState), its completion facts
      // say which values mean "running" and "done".
      ...(completion?.matchRequestId
        ? { inProgressValue: completion.inProgress[0], successValue: completion.success[0] }
        : {}),
    });
  return { status: success?.status ?? 200, body, outcome: 'accepted', requestId, instanceIds: ids };
}

/** One answer entry: a copy of the example's template entry with the mapped fields set from the instance. */
function entryFor(template: unknown, fields: Record<string, string>, instance: InstanceView): unknown {
  const entry = structuredClone((template ?? {}) as Record<string, unknown>);
  for (const [field, attribute] of Object.entries(fields)) {
    const value = (instance as unknown as Record<string, unknown>)[attribute];
    // undefined: the fixture does not say (keep the example's value); null: there is none (no last operation).
    if (value !== undefined) setPath(entry, field, value);
  }
  return entry;
}

/** A describe call answered from the fleet, in the shape of the action's success example. */
function describe(
  operation: IHttpOperation,
  describes: DescribeFacts,
  request: IHttpRequest,
  ctx: StatefulContext,
): StatefulAnswer | undefined {
  const success = exampleOf(operation, 'success');
  if (!success) return undefined;
  const template = operation.path;
  const region = regionOf(request, template, ctx.facts.region);
  const asked = describes.idsFilter
    ? filterValues(request, describes.idsFilter)
    : describes.ids
      ? fieldValues(request, template, describes.ids)
      : [];
  const body = structuredClone(success.body) as Record<string, unknown>;
  if (describes.single) {
    const instance = ctx.fleet.get(asked[0] ?? '', region);
    if (!instance) return answer(operation, ctx, ctx.facts.errors.notFound ?? 'notFound', asked);
    setPath(body, describes.single, entryFor(getPath(body, describes.single), describes.fields, instance));
  } else if (describes.list) {
    // Ids nobody knows are left out of a list, as a filter would leave them out.
    const instances =
      asked.length > 0
        ? asked.map((id) => ctx.fleet.get(id, region)).filter((i): i is InstanceView => i !== undefined)
        : ctx.fleet.list(region);
    const examples = getPath(body, describes.list);
    const first = Array.isArray(examples) ? examples[0] : undefined;
    setPath(
      body,
      describes.list,
      instances.map((instance) => entryFor(first, describes.fields, instance)),
    );
    if (describes.total) setPath(body, describes.total, instances.length);
  }
  return accepted(success.status, body, asked);
}

/** An accepted answer built from a success example's body: a fresh request id, the instances it concerns. */
function accepted(status: number, body: unknown, instanceIds: string[]): StatefulAnswer {
  const fresh = withFreshRequestId(body);
  return { status, body: fresh.body, outcome: 'accepted', requestId: fresh.requestId, instanceIds };
}

/** Sets a dotted path where `a[].b` means `b` in every entry of the list `a` (JD's per-zone `state[].inStock`). */
function setEach(target: Record<string, unknown>, path: string, value: unknown): void {
  const at = path.indexOf('[].');
  if (at < 0) {
    setPath(target, path, value);
    return;
  }
  const list = getPath(target, path.slice(0, at));
  if (!Array.isArray(list)) return;
  for (const entry of list)
    if (entry !== null && typeof entry === 'object')
      setEach(entry as Record<string, unknown>, path.slice(at + 3), value);
}

/**
 * A type listing answered from the fixture's types of this provider, in the shape of the success example. Without
 * any fixture type for the provider the example answers, as it does without `--stateful`.
 */
function offers(
  operation: IHttpOperation,
  facts: OfferFacts,
  request: IHttpRequest,
  ctx: StatefulContext,
): StatefulAnswer | undefined {
  const success = exampleOf(operation, 'success');
  const known = ctx.fleet.instanceTypes();
  if (!success || known.length === 0) return undefined;
  const template = operation.path;
  const asked = facts.ids ? fieldValues(request, template, facts.ids) : [];
  const region = regionOf(request, template, ctx.facts.region);
  for (const id of asked)
    if (!ctx.fleet.get(id, region))
      return answer(operation, ctx, ctx.facts.errors.notFound ?? 'notFound', asked);
  const only = facts.typesFilter ? filterValues(request, facts.typesFilter) : [];
  const types = only.length > 0 ? known.filter((type) => only.includes(type.instanceType)) : known;
  const body = structuredClone(success.body) as Record<string, unknown>;
  const examples = getPath(body, facts.list);
  const first = Array.isArray(examples) ? examples[0] : undefined;
  const entries = types.map((type) => {
    const entry = structuredClone((first ?? {}) as Record<string, unknown>);
    for (const [field, attribute] of Object.entries(facts.fields))
      setPath(entry, field, (type as Record<string, unknown>)[attribute]);
    for (const [field, value] of Object.entries(type.soldOut ? facts.soldOut : facts.onSale))
      setEach(entry, field, value);
    return entry;
  });
  setPath(body, facts.list, entries);
  if (facts.total) setPath(body, facts.total, entries.length);
  return accepted(success.status, body, asked);
}

/** The stateful answer to a validated request, or undefined when the operation states no facts for it. */
export function statefulAnswer(
  operation: IHttpOperation,
  request: IHttpRequest,
  ctx: StatefulContext,
): StatefulAnswer | undefined {
  const facts = operationFacts(operation);
  if (facts.lifecycle) return mutate(operation, facts.lifecycle, request, ctx);
  if (facts.describes) return describe(operation, facts.describes, request, ctx);
  if (facts.offers) return offers(operation, facts.offers, request, ctx);
  return undefined;
}
