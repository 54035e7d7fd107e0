// `fleet apply`: every change of a plan as a job (changeInstanceType / reinstallAndWait), at most `concurrency` at
// once, each call paced per provider, region and action by the spec's rate limit, each mutation journaled before and
// after it is sent. With `resume`, the journal of an earlier run decides: a finished change is left alone, one whose
// mutation may have been sent is reconciled by describing the instance (reconcile.ts) — never sent twice blindly.
import { InstanceKitError, sleep, ValidationError } from '@instancekit/core/internal';
import { JobAbortError, JobError } from '../errors.js';
import type { JobProgress, JobResult } from '../types.js';
import { executedBy, type Gate } from './gate.js';
import {
  type ChangeHistory,
  histories,
  type Journal,
  type JournalEvent,
  type JournalStep,
  type Outcome,
  type SeenInstance,
  unsettled,
} from './journal.js';
import { checkFleetOptions, RUN_OPTIONS } from './options.js';
import type { FleetChange } from './plan.js';
import { eachLimited, interleaved } from './pool.js';
import { changeIdentity, type FleetKitOptions, type PreparedChange, prepareFleet } from './prepare.js';
import { DEFAULT_RATE_SHARE, rateLimiter } from './rate-limit.js';
import { decide, seen, settle } from './reconcile.js';
import { type FleetReport, fleetReport } from './report.js';

export interface FleetRunOptions extends FleetKitOptions {
  plan: unknown;
  journal: Journal;
  /** Continue the run the journal records (after a crash or Ctrl-C); without it the journal must be empty. */
  resume?: boolean;
  /** Changes run at once. Default 8. */
  concurrency?: number;
  /** The share of each documented rate limit this run uses, 0 < share ≤ 1. Default 0.8. */
  rateShare?: number;
  /** Each job's deadline. Default 30 minutes. */
  jobTimeoutMs?: number;
  /**
   * How long after an unanswered mutation (a crash, a timeout) the instance is described to see whether it ran:
   * an accepted change shows in describe at once, but a request still in flight may arrive late. Default 60 s.
   */
  reconcileAfterMs?: number;
  /** Extra attempts of a change whose mutation's outcome was unknown (a 5xx, a timeout), after reconciling. Default 2. */
  retryUnknown?: number;
  /** No new change starts after this fires; running ones go on to their end (Ctrl-C once). */
  stop?: AbortSignal;
  /** Running jobs stop at their next safe point and send nothing more (Ctrl-C twice). */
  abort?: AbortSignal;
  onEvent?: (event: FleetEvent) => void;
}

/** What a progress display is told. */
export type FleetEvent =
  | { type: 'start'; key: string; total: number }
  | { type: 'progress'; key: string; progress: JobProgress }
  | { type: 'end'; key: string; outcome: Outcome; message: string };

export async function runFleet(options: FleetRunOptions): Promise<FleetReport> {
  checkFleetOptions(options, RUN_OPTIONS);
  const share = options.rateShare ?? DEFAULT_RATE_SHARE;
  const concurrency = options.concurrency ?? 8;
  const limiter = rateLimiter(share);
  const { journal } = options;
  const events = await journal.read();
  // One append at a time, in order: each is durable before the next starts.
  let tail = Promise.resolve();
  const record = (event: JournalEvent) => {
    const appended = tail.then(() => journal.append(scrubbed(event, options.secrets)));
    tail = appended.catch(() => {});
    events.push(event);
    return appended;
  };
  const gateFor =
    (key: string, change: FleetChange): Gate =>
    async (call, send, readId) => {
      if (call.rateLimitPerSecond)
        await limiter.take(
          `${change.provider}/${change.region ?? '-'}/${call.action}`,
          call.rateLimitPerSecond,
          options.abort,
        );
      if (!call.mutating) return send();
      await record({ type: 'intent', at: Date.now(), key, action: call.action });
      try {
        const result = await send();
        const requestId = readId(result);
        await record({
          type: 'sent',
          at: Date.now(),
          key,
          action: call.action,
          executed: 'yes',
          answered: true,
          ...(requestId ? { requestId } : {}),
        });
        return result;
      } catch (error) {
        const known = error instanceof InstanceKitError ? error : undefined;
        await record({
          type: 'sent',
          at: Date.now(),
          key,
          action: call.action,
          executed: executedBy(error),
          answered: known?.httpStatus !== undefined,
          ...(known?.requestId ? { requestId: known.requestId } : {}),
          ...(known ? { code: known.providerCode ?? known.code } : {}),
        });
        throw error;
      }
    };
  const { changes } = prepareFleet(options.plan, options, gateFor);
  const digest = planDigest(changes);
  const earlier = events.find((event) => event.type === 'run');
  if (earlier && !options.resume)
    throw new ValidationError(
      'the journal already records a run: pass resume to continue it, or use a new journal',
      {
        field: 'resume',
        rule: 'journal',
      },
    );
  if (earlier && earlier.digest !== digest)
    throw new ValidationError('the journal records a run of another plan; nothing was sent', {
      field: 'journal',
      rule: 'journal',
    });
  const runId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  await record({
    type: 'run',
    at: Date.now(),
    runId,
    digest,
    changes: changes.map(changeIdentity),
    resume: !!earlier,
  });
  const running = new Set<AbortController>();
  const onAbort = () => {
    for (const controller of running) controller.abort(options.abort?.reason);
  };
  options.abort?.addEventListener('abort', onAbort, { once: true });
  const onStop = () =>
    void record({ type: 'interrupted', at: Date.now(), runId, hard: false }).catch(() => {});
  options.stop?.addEventListener('abort', onStop, { once: true });
  try {
    await eachLimited(interleaved(changes), concurrency, (change) => runChange(change), options.stop);
  } finally {
    options.stop?.removeEventListener('abort', onStop);
    options.abort?.removeEventListener('abort', onAbort);
    await tail;
  }
  return fleetReport(events);

  function historyOf(key: string): ChangeHistory {
    return (
      histories(events.filter((event) => 'key' in event && event.key === key)).get(key) ?? {
        key,
        mutations: [],
        attempts: 0,
      }
    );
  }

  async function runChange(prepared: PreparedChange): Promise<void> {
    const retries = options.retryUnknown ?? 2;
    for (let attempt = 0; ; attempt++) {
      const history = historyOf(prepared.key);
      if (history.end && history.end.outcome !== 'aborted' && attempt === 0) return;
      if (options.abort?.aborted || (attempt > 0 && options.stop?.aborted)) return;
      const again = await attemptChange(prepared, history);
      if (!again || attempt >= retries) return;
    }
  }

  /** One attempt; resolves true when it ended with a mutation whose outcome is unknown (worth reconciling again). */
  async function attemptChange(prepared: PreparedChange, history: ChangeHistory): Promise<boolean> {
    const controller = new AbortController();
    try {
      return await attemptWith(prepared, history, controller);
    } finally {
      running.delete(controller);
    }
  }

  async function attemptWith(
    prepared: PreparedChange,
    history: ChangeHistory,
    controller: AbortController,
  ): Promise<boolean> {
    const { key, kit, change, kind } = prepared;
    const started = Date.now();
    const steps: JournalStep[] = [];
    // The job's own signal, aborted with the run's: one listener on the run's signal for all jobs, not one each.
    if (options.abort?.aborted) controller.abort(options.abort.reason);
    running.add(controller);
    const signal = controller.signal;
    const end = async (
      outcome: Outcome,
      message: string,
      extra: Partial<JournalEvent & { type: 'end' }> = {},
    ) => {
      await record({
        type: 'end',
        at: Date.now(),
        key,
        outcome,
        message,
        steps,
        elapsedMs: Date.now() - started,
        ...extra,
      });
      options.onEvent?.({ type: 'end', key, outcome, message });
    };
    options.onEvent?.({ type: 'start', key, total: changes.length });
    const reconciling = history.mutations.length > 0;
    try {
      // A reinstall is described first: after a crash, only the image it had before tells whether a reinstall onto
      // the target image ran (reconcile.ts). A resize needs no such record; its job describes the instance anyway.
      const before = reconciling
        ? history.first?.before
        : kind === 'reinstall'
          ? seen(await kit.describe(change.instanceId, { signal }))
          : undefined;
      await record({
        type: 'start',
        at: started,
        ...changeIdentity(prepared),
        attempt: history.attempts + 1,
        ...(before ? { before } : {}),
      });
      if (!history.price) await price(prepared);
      if (reconciling) {
        const open = history.mutations.filter((mutation) => unsettled(mutation) && !mutation.sent?.answered);
        const wait =
          Math.max(0, ...open.map((m) => m.intentAt)) + (options.reconcileAfterMs ?? 60_000) - Date.now();
        if (open.length && wait > 0) await sleep(wait, signal);
        const reconcileStart = Date.now();
        const now = await settle(kit, change.instanceId, options.jobTimeoutMs, signal);
        steps.push({
          step: 'reconcile',
          state: now.state,
          startedAt: reconcileStart,
          elapsedMs: Date.now() - reconcileStart,
        });
        const decision = decide(prepared, history, now, before);
        if (decision.outcome) {
          const after =
            decision.outcome === 'changed' ? await restartIfStopped(prepared, now, steps, signal) : now;
          await end(decision.outcome, decision.message, { after });
          return false;
        }
      }
      const job = {
        ...prepared.input,
        ...(options.jobTimeoutMs ? { timeoutMs: options.jobTimeoutMs } : {}),
        ...(signal ? { signal } : {}),
        onProgress: (progress: JobProgress) => options.onEvent?.({ type: 'progress', key, progress }),
      };
      const result: JobResult =
        kind === 'resize'
          ? await kit.changeInstanceType(job as Parameters<typeof kit.changeInstanceType>[0])
          : await kit.reinstallAndWait(job as Parameters<typeof kit.reinstallAndWait>[0]);
      steps.push(...result.steps.map(journalStep));
      const after = await restartIfStopped(prepared, seen(result.after), steps, signal);
      await end(result.changed || reconciling ? 'changed' : 'unchanged', result.message, {
        after,
        ...(before ? {} : { before: seen(result.before) }),
      });
      return false;
    } catch (error) {
      if (error instanceof JobError || error instanceof JobAbortError)
        steps.push(...(error.steps ?? []).map(journalStep));
      const aborted = error instanceof JobAbortError || signal?.aborted === true;
      const known = error instanceof InstanceKitError ? error : undefined;
      const message = error instanceof Error ? error.message : String(error);
      const mine = historyOf(key).mutations.filter((m) => m.intentAt >= started);
      // A mutation of this attempt that may have run (a 5xx, no answer): reconcile and try again.
      const unknown = mine.some(unsettled);
      await end(aborted ? 'aborted' : 'failed', message, {
        ...(known ? { code: known.providerCode ?? known.code } : {}),
        ...(error instanceof JobError && error.step ? { failedStep: error.step } : {}),
      });
      return !aborted && unknown;
    }
  }

  /** The price of the change, where the provider prices it without inferred facts; a failed quote is no failure. */
  async function price({ key, kit, change, kind }: PreparedChange): Promise<void> {
    const capability = kit.capabilities[kind === 'resize' ? 'quoteResize' : 'quoteReinstall'];
    if (!capability.supported || capability.unconfirmed) {
      await record({
        type: 'price',
        at: Date.now(),
        key,
        price: null,
        note: capability.note ?? 'not priced',
      });
      return;
    }
    try {
      const quote =
        kind === 'resize'
          ? await kit.quoteResize({ instanceId: change.instanceId, instanceType: change.instanceType! })
          : await kit.quoteReinstall({ instanceId: change.instanceId, imageId: change.imageId! });
      const { currency, lines, unconfirmed } = quote;
      await record({ type: 'price', at: Date.now(), key, price: { currency, lines, unconfirmed } });
    } catch (error) {
      await record({
        type: 'price',
        at: Date.now(),
        key,
        price: null,
        note: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * A change the run stopped the instance for (`whenRunning: stopAndRestart`) ends with the instance running again,
   * also when a crash came between the stop and the start: the journal shows the stop, describe the state.
   */
  async function restartIfStopped(
    prepared: PreparedChange,
    now: SeenInstance,
    steps: JournalStep[],
    signal: AbortSignal,
  ): Promise<SeenInstance> {
    const { kit, key, change } = prepared;
    if (prepared.input.whenRunning !== 'stopAndRestart' || now.state !== 'stopped') return now;
    const stop = kit.capabilities.stop.action;
    const stoppedByUs = historyOf(key).mutations.some((m) => m.action === stop && m.sent?.executed !== 'no');
    if (!stoppedByUs) return now;
    const startedAt = Date.now();
    const started = await kit.start(change.instanceId, { signal });
    if (!started.noop)
      await kit.waitFor(started.operation, {
        signal,
        ...(options.jobTimeoutMs ? { timeoutMs: options.jobTimeoutMs } : {}),
      });
    const after = seen(await kit.describe(change.instanceId, { signal }));
    steps.push({
      step: 'start',
      ...(started.noop ? {} : { action: started.operation.action, requestId: started.operation.requestId }),
      state: after.state,
      startedAt,
      elapsedMs: Date.now() - startedAt,
    });
    return after;
  }
}

function journalStep(step: {
  step: JournalStep['step'];
  action?: string;
  requestId?: string;
  state?: JournalStep['state'];
  startedAt: number;
  elapsedMs: number;
}): JournalStep {
  const { step: name, action, requestId, state, startedAt, elapsedMs } = step;
  return {
    step: name,
    ...(action ? { action } : {}),
    ...(requestId ? { requestId } : {}),
    ...(state ? { state } : {}),
    startedAt,
    elapsedMs,
  };
}

/** Identifies a plan's changes (FNV-1a over keys and targets): a journal is resumed with the plan it was made from. */
function planDigest(changes: readonly PreparedChange[]): string {
  let hash = 0x811c9dc5;
  for (const char of changes.map((c) => `${c.key}=${c.kind}:${c.target}`).join('\n')) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The journal never holds a reinstall's password or user data, even where a message would quote one. */
function scrubbed(event: JournalEvent, secrets: FleetKitOptions['secrets']): JournalEvent {
  const values = [secrets?.password, secrets?.userData].filter((v): v is string => !!v && v.length >= 4);
  if (!values.length || (event.type !== 'end' && event.type !== 'price')) return event;
  let text = JSON.stringify(event);
  for (const value of values) text = text.split(JSON.stringify(value).slice(1, -1)).join('[redacted]');
  return JSON.parse(text) as JournalEvent;
}
