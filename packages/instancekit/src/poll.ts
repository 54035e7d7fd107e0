// One status reader for every provider, driven by the spec's completion facts
// (`*OperationFacts[action].completion`: via, field, matchRequestId, inProgress, success, failure) and by the
// driver's status declaration — where the instance is in the answer, which field is its id and its state —
// which restates the spec's `x-instancekit.describes` of the status call until the generator emits it.
import type { CallOptions, CompletionFacts, FieldRules } from '@instancekit/core/internal';
import { readAnswer, stringOrNull } from './answers.js';
import type { OperationHandle, ProviderName } from './types.js';

/** A mutation's `x-instancekit.completion`, as the generated facts tables carry it (core's type). */
export type { CompletionFacts };

/** Where the status call answers, as the spec's `describes` says (the first segment is the envelope's root). */
export interface StatusDeclaration<C> {
  /** Calls the status call for one instance (the typed input: `{ InstanceIds: [id] }`, `{ instanceId: id }`). */
  send: (client: C, instanceId: string, options: CallOptions) => Promise<unknown>;
  /** A list of instances (`Response.InstanceSet`), matched by `id`… */
  list?: string;
  /** …or the one instance asked for (`result.instance`). */
  single?: string;
  /** The id field of a listed instance. */
  id?: string;
  /** The instance's own state (`describes` → `state`), shown while the change's state says nothing yet. */
  state: string;
  /** The field with the provider's failure message, when it has one. */
  message?: string;
}

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

/** Phase of a status value according to a spec's `x-instancekit.completion`. */
export function phaseOf(state: string, completion: CompletionFacts): PollSnapshot['phase'] {
  if (completion.failure?.includes(state)) return 'failed';
  if (completion.inProgress?.includes(state)) return 'inProgress';
  if (completion.success?.includes(state)) return 'succeeded';
  return 'pending';
}

// The answer was checked against its declared shape before any of this is read.
const at = (value: unknown, key: string | undefined): unknown =>
  key !== undefined && typeof value === 'object' && value !== null && Object.hasOwn(value, key)
    ? Reflect.get(value, key)
    : undefined;
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The answer fields the poller reads for `completion`, nested along `path` (the set is open: answers carry more). */
function answerShape(
  path: readonly string[],
  status: Omit<StatusDeclaration<unknown>, 'send'>,
  completion: CompletionFacts,
) {
  const fields = [status.state, completion.field, completion.matchRequestId, status.message];
  const item: FieldRules = {
    type: status.single ? ['object', 'null'] : 'object',
    ...(status.id && !status.single ? { required: [status.id] } : {}),
    properties: {
      ...Object.fromEntries(fields.filter((name) => name !== undefined).map((name) => [name, stringOrNull])),
      ...(status.id ? { [status.id]: { type: 'string' } } : {}),
    },
  };
  let shape: FieldRules = status.single ? item : { type: ['array', 'null'], items: item };
  for (const segment of [...path].reverse()) shape = { type: 'object', properties: { [segment]: shape } };
  return shape;
}

/** The poll of a driver: one status call, the instance found in its answer, its state read by the facts. */
export function statusPoller<C>(
  provider: ProviderName,
  action: string,
  completions: ReadonlyMap<string, CompletionFacts>,
  status: StatusDeclaration<C>,
  send: (instanceId: string, options: CallOptions) => Promise<unknown>,
) {
  const [root = '', ...path] = (status.list ?? status.single ?? '').split('.');
  const shapes = new Map(
    [...completions].map(([mutation, facts]) => [mutation, answerShape(path, status, facts)]),
  );
  return async (handle: OperationHandle, options: CallOptions = {}): Promise<PollSnapshot> => {
    // waitFor accepts handles of these actions only (schemas.ts operationHandle).
    const completion = completions.get(handle.action)!;
    const answer = readAnswer(await send(handle.instanceId, options), shapes.get(handle.action)!, {
      provider,
      action,
      root,
    });
    const found = path.reduce(at, answer);
    const instance = status.single
      ? found
      : Array.isArray(found)
        ? found.find((listed) => at(listed, status.id) === handle.instanceId)
        : undefined;
    if (!instance) return { state: 'NOT_LISTED', phase: 'notListed' };
    const state = text(at(instance, completion.field));
    // Only the state of *this* request says anything about it (Tencent's LatestOperation*); an older one says nothing.
    const matched =
      completion.matchRequestId === undefined || at(instance, completion.matchRequestId) === handle.requestId;
    if (!matched || !state) {
      const own = status.state === completion.field ? undefined : text(at(instance, status.state));
      return { state: own ?? 'UNKNOWN', phase: 'pending' };
    }
    const message = text(at(instance, status.message));
    return {
      state,
      phase: phaseOf(state, completion),
      ...(completion.matchRequestId ? { matchesRequest: true } : {}),
      ...(message ? { message } : {}),
    };
  };
}
