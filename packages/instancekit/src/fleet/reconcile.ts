// What a resumed change does, decided from its journal and from describing the instance now. The rule that keeps a
// mutation from being sent twice: a mutation the provider accepted shows in describe as soon as it is accepted (the
// spec's completion and lifecycle facts: Tencent's LatestOperation* of the request, Zenlayer's and JD's transitional
// states), so after waiting for any transition to end, an instance that shows neither the target nor a change in
// progress did not get it — sending it then is the first change, not a second one. Where describe cannot tell (a
// reinstall onto the image the instance already had), the change is left to the operator.
import { sleep } from '@instancekit/core/internal';
import type { InstanceKit } from '../create.js';
import { TRANSITIONAL } from '../jobs.js';
import type { InstanceDescription } from '../types.js';
import type { ChangeHistory, Outcome, SeenInstance } from './journal.js';
import type { PreparedChange } from './prepare.js';

/** What describe showed, without the provider's raw answer (the journal keeps no more). */
export function seen(described: InstanceDescription): SeenInstance {
  const { state, providerState, instanceType, imageId } = described;
  return { state, providerState, instanceType, imageId };
}

/** Describes until the instance is in a stable state (or the deadline: a TimeoutError). */
export async function settle(
  kit: InstanceKit,
  instanceId: string,
  timeoutMs = 30 * 60_000,
  signal?: AbortSignal,
): Promise<SeenInstance> {
  const deadline = Date.now() + timeoutMs;
  let interval = 500;
  for (;;) {
    const now = seen(await kit.describe(instanceId, signal ? { signal } : {}));
    if (!TRANSITIONAL.has(now.state)) return now;
    if (Date.now() + interval > deadline)
      throw new Error(`${instanceId} stayed ${now.state} (${now.providerState}) past the job's deadline`);
    await sleep(interval, signal);
    interval = Math.min(interval * 1.5, 10_000);
  }
}

/** `outcome` ends the change without sending; none means: run the job (the mutation did not take effect). */
export function decide(
  prepared: PreparedChange,
  history: ChangeHistory,
  now: SeenInstance,
  before: SeenInstance | undefined,
): { outcome?: Outcome; message: string } {
  const { kind, target, kit, change } = prepared;
  const action = kit.capabilities[kind].action;
  const main = history.mutations.filter((m) => m.action === action);
  const accepted = main.some((m) => m.sent?.executed === 'yes');
  const maybe = main.some((m) => !m.sent || m.sent.executed === 'unknown');
  const id = change.instanceId;
  if (kind === 'resize') {
    if (now.instanceType === target)
      return { outcome: 'changed', message: `${id} is ${target} (reconciled from the journal)` };
    if (accepted)
      return {
        outcome: 'failed',
        message: `${action} was accepted before, but ${id} shows ${now.instanceType}, not ${target}; not sent again`,
      };
    return { message: 'run' };
  }
  if (accepted)
    return now.imageId === target
      ? { outcome: 'changed', message: `${id} runs ${target} (reconciled from the journal)` }
      : {
          outcome: 'failed',
          message: `${action} was accepted before, but ${id} shows image ${now.imageId}, not ${target}; not sent again`,
        };
  if (!maybe || now.imageId !== target) return { message: 'run' };
  // The image is the target: the reinstall ran, unless the instance had that image before it.
  if (before && before.imageId !== target)
    return { outcome: 'changed', message: `${id} runs ${target} (reconciled from the journal)` };
  return {
    outcome: 'needsOperator',
    message: `${action} may have been sent before the run stopped, and ${id} already had image ${target}: describe cannot tell whether it was reinstalled. Check the instance; nothing was sent again`,
  };
}
