// The jobs: changeInstanceType and reinstallAndWait do the whole change for every provider — describe, stop if the
// spec says the change needs it and the caller allows it, the mutation, its wait, start again if asked, describe
// again to verify — with one deadline, Busy answers retried, and a result or an error that lists every step. Which
// states a change starts from, where a stop or start takes the instance and what its busy answer is all come from
// the spec's lifecycle facts (ProviderDriver.lifecycleOf / neutralOf); nothing here names a provider.
//
// Failure policy: a job never leaves an instance stopped that it stopped itself when the caller asked for it back
// (`whenRunning: 'stopAndRestart'`): if the change fails after the stop, the job starts the instance again (and
// says whether that worked) before it throws. With `whenRunning: 'stop'` the instance is left stopped. An abort or
// the deadline sends nothing more: the error names the step and the state the instance was last seen in.
import { type CallOptions, deadlineSignal, InstanceKitError, sleep } from '@instancekit/core/internal';
import type { ProviderDriver } from './driver.js';
import { JobAbortError, JobError, JobTimeoutError } from './errors.js';
import type { LifecycleFacts } from './lifecycle.js';
import { buyableTarget } from './offers.js';
import { accepts } from './power.js';
import type {
  ChangeInstanceTypeInput,
  InstanceDescription,
  JobProgress,
  JobResult,
  JobStep,
  JobStepName,
  NeutralState,
  OperationHandle,
  ReinstallAndWaitInput,
} from './types.js';
import { waitForOperation } from './waiter.js';

export const DEFAULT_JOB_TIMEOUT_MS = 30 * 60_000;
/** Busy answers: the first pause, doubling (with jitter) up to the last; all within the job's deadline. */
const BUSY_FIRST_DELAY_MS = 500;
const BUSY_MAX_DELAY_MS = 15_000;
/** Neutral states that pass: the job (and a resumed fleet change) waits for a stable one before deciding anything. */
export const TRANSITIONAL: ReadonlySet<NeutralState> = new Set([
  'starting',
  'stopping',
  'resizing',
  'reinstalling',
  'pending',
]);

type Kind = JobResult['job'];

/** The provider said "another operation runs, nothing was executed": core's Busy, or the spec's busy answer. */
function isBusy(error: unknown, lifecycle: LifecycleFacts | undefined): boolean {
  if (!(error instanceof InstanceKitError)) return false;
  return error.code === 'Busy' || (lifecycle?.busy !== undefined && error.providerCode === lifecycle.busy);
}

/**
 * A busy answer known only by the document's busy code (JD's FAILED_PRECONDITION), not by core's normalized Busy:
 * the document may use the same code for other refusals (JD's sold-out answer is FAILED_PRECONDITION too), so the
 * job asks what else it could mean before it sends the mutation again.
 */
function ambiguousBusy(error: unknown): error is InstanceKitError {
  return error instanceof InstanceKitError && error.code !== 'Busy';
}

/** One job run: its deadline, its steps, the state it last saw, and how it fails. */
function jobRun(
  kind: Kind,
  driver: ProviderDriver,
  input: ChangeInstanceTypeInput | ReinstallAndWaitInput,
  attemptTimeoutMs: number,
) {
  const { instanceId } = input;
  const started = Date.now();
  const timeoutMs = input.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
  const deadline = started + timeoutMs;
  const job = deadlineSignal(timeoutMs, input.signal, 'the job');
  const steps: JobStep[] = [];
  let current: JobStepName = 'describe';
  let left: NeutralState = 'unknown';
  const remaining = () => Math.max(1, deadline - Date.now());
  const call = (): CallOptions => ({
    signal: job.signal,
    timeoutMs: Math.min(attemptTimeoutMs, remaining()),
  });
  const progress = (phase: JobProgress['phase'], state?: string) => {
    try {
      input.onProgress?.({
        step: current,
        phase,
        ...(state ? { state } : {}),
        elapsedMs: Date.now() - started,
      });
    } catch {
      // A throwing progress callback must not change what happens to the instance.
    }
  };

  const describe = async (): Promise<InstanceDescription> => {
    const described = await driver.describe(instanceId, call());
    left = described.state;
    return described;
  };

  /** Describe until the instance is in a stable state; one instancekit does not change from is refused. */
  async function settled(): Promise<InstanceDescription> {
    let described = await describe();
    let interval = Math.max(driver.minPollIntervalMs, 500);
    while (TRANSITIONAL.has(described.state)) {
      progress('waiting', described.state);
      await sleep(Math.min(interval, remaining()), job.signal);
      interval = Math.min(interval * 1.5, 15_000);
      described = await describe();
    }
    if (described.state === 'failed' || described.state === 'unknown')
      throw new InstanceKitError(
        `the instance is ${described.state} (${described.providerState}), which instancekit changes nothing from; nothing was sent`,
        { provider: driver.provider, code: 'InvalidState' },
      );
    return described;
  }

  async function step<T>(name: JobStepName, run: (record: Partial<JobStep>) => Promise<T>): Promise<T> {
    current = name;
    const startedAt = Date.now();
    progress('started', left);
    const record: Partial<JobStep> = {};
    const value = await run(record);
    steps.push({ step: name, ...record, state: left, startedAt, elapsedMs: Date.now() - startedAt });
    progress('done', left);
    return value;
  }

  /**
   * A mutation: sent (again after a pause while the provider answers Busy), waited for with the completion facts,
   * then described. `send` resolves undefined when nothing had to be sent (a stop of a stopped instance).
   */
  async function mutate(
    action: string,
    send: () => Promise<OperationHandle | undefined>,
    record: Partial<JobStep>,
    /** Before sending again after an ambiguous busy answer: throws when the answer meant something else. */
    recheck?: (refusal: InstanceKitError) => Promise<unknown>,
  ): Promise<InstanceDescription> {
    const lifecycle = driver.lifecycleOf(action);
    let delay = BUSY_FIRST_DELAY_MS;
    let handle: OperationHandle | undefined;
    record.action = action;
    for (record.attempts = 1; ; record.attempts++) {
      try {
        handle = await send();
        break;
      } catch (error) {
        const pause = Math.min(delay * (1 + Math.random() * 0.1), deadline - Date.now());
        if (!isBusy(error, lifecycle) || job.signal.aborted || pause <= 0) throw error;
        if (recheck && ambiguousBusy(error)) await recheck(error);
        progress('busy', left);
        await sleep(pause, job.signal);
        delay = Math.min(delay * 2, BUSY_MAX_DELAY_MS);
      }
    }
    if (handle) {
      record.requestId = handle.requestId;
      if (lifecycle?.neutral) left = lifecycle.neutral as NeutralState;
      progress('waiting', left);
      await waitForOperation(
        driver,
        handle,
        {
          timeoutMs: remaining(),
          signal: job.signal,
          // From the status call's rate-limit floor up: a job's steps are short, and it waits for each.
          intervalMs: driver.minPollIntervalMs,
          onProgress: ({ state }) => progress('waiting', state),
        },
        attemptTimeoutMs,
      );
    }
    const described = await describe();
    record.providerState = described.providerState;
    return described;
  }

  const power = (which: 'stop' | 'start') =>
    step(which, (record) =>
      mutate(
        driver.capabilities[which].action!,
        async () => {
          const result =
            which === 'stop'
              ? await driver.stop(instanceId, input.stopType ? { stopType: input.stopType } : {}, call())
              : await driver.start(instanceId, call());
          return result.noop ? undefined : result.operation;
        },
        record,
      ),
    );

  /** Why the job ended, typed: aborted, past its deadline, or the step's own failure (`note`: what was done since). */
  function failure(error: unknown, failedStep: JobStepName = current, note = ''): InstanceKitError {
    if (error instanceof JobError || error instanceof JobAbortError || error instanceof JobTimeoutError)
      return error;
    const cause = error instanceof InstanceKitError ? error : undefined;
    const details = {
      provider: driver.provider,
      action: cause?.action,
      step: failedStep,
      stateLeft: left,
      steps: [...steps],
      cause: error,
      providerCode: cause?.providerCode,
      requestId: cause?.requestId,
      httpStatus: cause?.httpStatus,
    };
    const where = `${kind} on ${instanceId}, step ${failedStep}`;
    if (input.signal?.aborted)
      return new JobAbortError(`${where}: aborted; the instance was left ${left}${note}`, {
        ...details,
        code: 'Aborted',
      });
    if (job.timedOut)
      return new JobTimeoutError(
        `${where}: did not finish in ${timeoutMs} ms; the instance was left ${left}${note}`,
        {
          ...details,
          code: 'Timeout',
        },
      );
    const reason = error instanceof Error ? error.message : String(error);
    return new JobError(`${where} failed: ${reason}; the instance was left ${left}${note}`, {
      ...details,
      code: cause?.code ?? 'Internal',
    });
  }

  /**
   * The change itself failed after the job stopped the instance: start it again when the caller asked for it back,
   * and say in the error what became of it.
   */
  async function recovering(error: unknown, stoppedByJob: boolean): Promise<never> {
    const failedStep = current;
    if (!stoppedByJob || input.whenRunning !== 'stopAndRestart' || job.signal.aborted)
      throw failure(error, failedStep, stoppedByJob ? ' (the job had stopped it)' : '');
    let note = ' (the job had stopped it and started it again)';
    try {
      await power('start');
    } catch (restart) {
      note = ` (the job had stopped it; starting it again failed too: ${restart instanceof Error ? restart.message : String(restart)})`;
    }
    throw failure(error, failedStep, note);
  }

  /** Stop first when the change does not start from the instance's state; refused when the caller said so. */
  async function stopIfNeeded(action: string, before: InstanceDescription): Promise<boolean> {
    const lifecycle = driver.lifecycleOf(action);
    if (accepts(lifecycle, before.providerState)) return false;
    const from = [...new Set(lifecycle?.transitions.flatMap((t) => t.from) ?? [])].join(', ');
    if (before.state !== 'running' || input.whenRunning === 'refuse')
      throw new InstanceKitError(
        `${action} starts from ${from}, the instance is ${before.state} (${before.providerState})${before.state === 'running' ? " and whenRunning is 'refuse'" : ''}; nothing was sent`,
        { provider: driver.provider, action, code: 'InvalidState' },
      );
    await power('stop');
    return true;
  }

  async function finish(
    changed: boolean,
    message: string,
    before: InstanceDescription,
    after: InstanceDescription,
  ): Promise<JobResult> {
    return {
      provider: driver.provider,
      job: kind,
      instanceId,
      changed,
      message,
      before,
      after,
      steps: [...steps],
      elapsedMs: Date.now() - started,
    };
  }

  return { step, settled, describe, mutate, power, call, stopIfNeeded, recovering, failure, finish, job };
}

type Run = ReturnType<typeof jobRun>;

async function running<T>(run: Run, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    throw run.failure(error);
  } finally {
    run.job.done();
  }
}

/** describe → (already the type: done) → check the target → stop if needed → resize → start if asked → verify. */
export function changeInstanceType(
  driver: ProviderDriver,
  input: ChangeInstanceTypeInput,
  attemptTimeoutMs: number,
): Promise<JobResult> {
  const run = jobRun('changeInstanceType', driver, input, attemptTimeoutMs);
  const { instanceId, instanceType } = input;
  const action = driver.capabilities.resize.action!;
  return running(run, async () => {
    const before = await run.step('describe', run.settled);
    if (before.instanceType === instanceType)
      return run.finish(false, `${instanceId} is already ${instanceType}: nothing was sent`, before, before);
    if (driver.resizeOptions)
      await run.step('checkTarget', async (record) => {
        record.action = driver.capabilities.resizeOptions.action;
        await buyableTarget(driver.provider, driver.resizeOptions, instanceId, instanceType, run.call());
      });
    const stopped = await run.stopIfNeeded(action, before);
    // JD answers a sold-out target and a running task alike: a busy answer that is not core's Busy is sent again
    // only while the listing still shows the target on sale.
    const recheck = (refusal: InstanceKitError) =>
      buyableTarget(driver.provider, driver.resizeOptions, instanceId, instanceType, run.call(), {
        note: `${action} was refused with ${refusal.providerCode ?? refusal.code} and is not sent again`,
        cause: refusal,
      });
    await run
      .step('resize', (record) =>
        run.mutate(action, () => driver.resize({ instanceId, instanceType }, run.call()), record, recheck),
      )
      .catch((error: unknown) => run.recovering(error, stopped));
    if (stopped && input.whenRunning === 'stopAndRestart') await run.power('start');
    const after = await run.step('verify', async () => {
      const described = await run.describe();
      if (described.instanceType !== instanceType)
        throw new InstanceKitError(
          `${action} reported success, but ${instanceId} shows ${described.instanceType}, not ${instanceType}`,
          { provider: driver.provider, action, code: 'InvalidState' },
        );
      return described;
    });
    const how = stopped
      ? input.whenRunning === 'stopAndRestart'
        ? ' (stopped, then started again)'
        : ' (stopped, left stopped)'
      : '';
    return run.finish(
      true,
      `${instanceId} changed from ${before.instanceType} to ${instanceType}${how}`,
      before,
      after,
    );
  });
}

/** describe → stop if needed → reinstall (always sent) → start if asked and not running → verify the image. */
export function reinstallAndWait(
  driver: ProviderDriver,
  input: ReinstallAndWaitInput,
  attemptTimeoutMs: number,
): Promise<JobResult> {
  const run = jobRun('reinstallAndWait', driver, input, attemptTimeoutMs);
  const {
    whenRunning: _w,
    stopType: _s,
    timeoutMs: _t,
    signal: _signal,
    onProgress: _p,
    ...reinstall
  } = input;
  const action = driver.capabilities.reinstall.action!;
  return running(run, async () => {
    const before = await run.step('describe', run.settled);
    const stopped = await run.stopIfNeeded(action, before);
    const changed = await run
      .step('reinstall', (record) =>
        run.mutate(action, () => driver.reinstall(reinstall, run.call()), record),
      )
      .catch((error: unknown) => run.recovering(error, stopped));
    if (stopped && input.whenRunning === 'stopAndRestart' && changed.state !== 'running')
      await run.power('start');
    const after = await run.step('verify', async () => {
      const described = await run.describe();
      if (reinstall.imageId !== undefined && described.imageId !== reinstall.imageId)
        throw new InstanceKitError(
          `${action} reported success, but ${input.instanceId} shows image ${described.imageId}, not ${reinstall.imageId}`,
          { provider: driver.provider, action, code: 'InvalidState' },
        );
      return described;
    });
    return run.finish(
      true,
      `${input.instanceId} reinstalled with ${after.imageId ?? 'its image'}; it is ${after.state}`,
      before,
      after,
    );
  });
}
