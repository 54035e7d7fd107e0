import {
  DEFAULT_TIMEOUT_MS,
  type FieldRules,
  hideInternals,
  UnsupportedOperationError,
  ValidationError,
} from '@instancekit/core/internal';
import { checkArgument, own } from './check.js';
import { type DriverEntry, refuseOption } from './driver.js';
import { changeInstanceType, reinstallAndWait } from './jobs.js';
import { buyableTarget, targetAvailability } from './offers.js';
import { accepts } from './power.js';
import type { ProviderName } from './registry.js';
import * as schemas from './schemas.js';
import type {
  CallOptions,
  Capabilities,
  ChangeInstanceTypeInput,
  DryRunResult,
  InstanceDescription,
  InstanceKitOptions,
  JobResult,
  OperationHandle,
  PowerResult,
  Quote,
  ReinstallAndWaitInput,
  ReinstallInput,
  ResizeInput,
  ResizeOptions,
  StopOptions,
  WaitOptions,
  WaitResult,
} from './types.js';
import { waitForOperation } from './waiter.js';

export interface InstanceKit {
  readonly provider: ProviderName;
  /** What this provider can do, known before any call. */
  readonly capabilities: Capabilities;
  resize(input: ResizeInput & { dryRun?: false }, options?: CallOptions): Promise<OperationHandle>;
  resize(input: ResizeInput & { dryRun: true }, options?: CallOptions): Promise<DryRunResult>;
  resize(input: ResizeInput, options?: CallOptions): Promise<OperationHandle | DryRunResult>;
  quoteResize(input: ResizeInput, options?: CallOptions): Promise<Quote>;
  reinstall(input: ReinstallInput & { dryRun?: false }, options?: CallOptions): Promise<OperationHandle>;
  reinstall(input: ReinstallInput & { dryRun: true }, options?: CallOptions): Promise<DryRunResult>;
  reinstall(input: ReinstallInput, options?: CallOptions): Promise<OperationHandle | DryRunResult>;
  quoteReinstall(input: ReinstallInput, options?: CallOptions): Promise<Quote>;
  /**
   * Polls the provider's status call until the operation ends; throws OperationFailedError if it failed,
   * InstanceNotFoundError when the instance is missing from 3 answers in a row, TimeoutError at `timeoutMs`
   * (which bounds every poll, retry and sleep).
   */
  waitFor(operation: OperationHandle, options?: WaitOptions): Promise<WaitResult>;
  /** The instance's neutral state (from the spec's state map), provider state, type and image. */
  describe(instanceId: string, options?: CallOptions): Promise<InstanceDescription>;
  /** Stops the instance; a stopped one is left alone (`noop: true`, nothing sent). Wait with `waitFor(result.operation)`. */
  stop(instanceId: string, options?: StopOptions): Promise<PowerResult>;
  /** Starts the instance; a running one is left alone (`noop: true`, nothing sent). */
  start(instanceId: string, options?: CallOptions): Promise<PowerResult>;
  /** The types the instance can change to, with their availability, where the provider has a type listing. */
  resizeOptions(instanceId: string, options?: CallOptions): Promise<ResizeOptions>;
  /**
   * The whole resize: describe, (already the type: nothing sent), check the target, stop if the provider needs it
   * and `whenRunning` allows it, resize, wait, start again if asked, verify the new type. Every step is listed in
   * the result; a failure is a JobError / JobAbortError / JobTimeoutError naming the step and the state left.
   */
  changeInstanceType(input: ChangeInstanceTypeInput): Promise<JobResult>;
  /** The whole reinstall, the same way (a reinstall is always sent); verifies the image when one is given. */
  reinstallAndWait(input: ReinstallAndWaitInput): Promise<JobResult>;
}

/** The drivers a kit can be made with: all of them at the root, one in `instancekit/<provider>`. */
type Registry = ReadonlyMap<string, Pick<DriverEntry, 'provider' | 'options' | 'make'>>;

// A Map: the caller's provider name is looked up as a key of its own, never through Object.prototype. Made per
// call, not at module load, so an entry that registers one driver lets a bundler drop the others.
const registryOf = (entries: readonly Pick<DriverEntry, 'provider' | 'options' | 'make'>[]): Registry =>
  new Map(entries.map((entry) => [entry.provider, entry]));

/**
 * The options against the provider's own rules. An option another provider takes (JD's `billingEndpoint`,
 * a region for Zenlayer) is refused as unsupported here rather than ignored.
 */
function checkKitOptions(named: InstanceKitOptions, drivers: Registry): InstanceKitOptions {
  const { provider } = named;
  try {
    return checkArgument('options', named, drivers.get(provider)!.options, {
      action: 'createInstanceKit',
      provider,
    });
  } catch (error) {
    if (!(error instanceof ValidationError) || error.rule !== 'additionalProperties') throw error;
    const takers = [...drivers].filter(([, entry]) => own(entry.options.properties ?? {}, error.field));
    if (takers.length === 0) throw error;
    refuseOption(
      provider,
      'createInstanceKit',
      error.field,
      `only ${takers.map(([name]) => name).join(' and ')} take it`,
    );
  }
}

/** `createInstanceKit` of one provider's entry: its options, with `provider` optional. */
export type OneProviderKit<P extends ProviderName> = (
  options: Omit<InstanceKitOptions, 'provider'> & { provider?: P },
) => InstanceKit;

/** The `createInstanceKit` of an `instancekit/<provider>` entry, over that provider's driver alone. */
export const kitFor =
  <P extends ProviderName>(entry: Pick<DriverEntry, 'provider' | 'options' | 'make'>): OneProviderKit<P> =>
  (options) =>
    createKitFrom([entry], options as InstanceKitOptions);

/**
 * A kit over the given drivers: what `createInstanceKit` does with all of them, and each `instancekit/<provider>`
 * entry with its one (where `provider` may then be left out).
 */
export function createKitFrom(
  entries: readonly Pick<DriverEntry, 'provider' | 'options' | 'make'>[],
  options: InstanceKitOptions,
): InstanceKit {
  return buildKit(entries, options).kit;
}

/**
 * A kit and the checks its jobs run before sending anything, for the fleet runner: it validates every change of a
 * plan offline, with the same rules and in the same neutral names as the jobs themselves.
 */
export function buildKit(
  entries: readonly Pick<DriverEntry, 'provider' | 'options' | 'make'>[],
  options: InstanceKitOptions,
) {
  const where = { action: 'createInstanceKit' };
  const drivers = registryOf(entries);
  const only = entries.length === 1 ? entries[0]!.provider : undefined;
  const picked = checkArgument<Partial<InstanceKitOptions>>(
    'options',
    options,
    schemas.kitProvider([...drivers.keys()], only !== undefined),
    where,
  );
  // The one provider of an entry stands in for a `provider` left out (a frozen copy: nothing is read twice).
  const named = (
    picked.provider === undefined ? Object.freeze({ ...picked, provider: only }) : picked
  ) as InstanceKitOptions;
  const checked = checkKitOptions(named, drivers);
  const driver = drivers.get(checked.provider)!.make(checked);
  const { provider, capabilities } = driver;
  const attemptTimeoutMs = checked.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const context = (operation: keyof Capabilities) => ({
    provider,
    ...(capabilities[operation].action ? { action: capabilities[operation].action } : {}),
  });
  // Both arguments of a resize or reinstall call, checked against their declared schemas.
  const argumentsOf =
    <Input>(schema: FieldRules, operation: keyof Capabilities) =>
    (input: unknown, callOptions: unknown) => ({
      input: checkArgument<Input>('input', input, schema, context(operation)),
      call: checkArgument<CallOptions | undefined>(
        'options',
        callOptions,
        schemas.callOptions,
        context(operation),
        true,
      ),
    });
  const resizeArguments = (input: unknown, callOptions: unknown, operation: 'resize' | 'quoteResize') =>
    argumentsOf<ResizeInput>(schemas.resizeInput, operation)(input, callOptions);
  const reinstallArguments = (
    input: unknown,
    callOptions: unknown,
    operation: 'reinstall' | 'quoteReinstall',
  ) => argumentsOf<ReinstallInput>(schemas.reinstallInput, operation)(input, callOptions);
  const waitable = [
    capabilities.resize.action,
    capabilities.reinstall.action,
    capabilities.stop.action,
    capabilities.start.action,
  ].filter((action): action is string => action !== undefined);
  const handleRules = schemas.operationHandle(provider, waitable);

  function unsupported(operation: keyof Capabilities): never {
    throw new UnsupportedOperationError(provider, operation, capabilities[operation].note);
  }

  /** The target's availability by the type listing, where the provider has one; `unknown` where it has none. */
  async function availabilityOf(input: ResizeInput, call?: CallOptions) {
    return (await targetAvailability(driver.resizeOptions, input.instanceId, input.instanceType, call))
      .availability;
  }

  /** Priced only when the listing shows the target on sale (or there is no listing: `availability: 'unknown'`). */
  async function quoteResize(input: ResizeInput, callOptions?: CallOptions): Promise<Quote> {
    if (!driver.quoteResize) unsupported('quoteResize');
    const { input: checked, call } = resizeArguments(input, callOptions, 'quoteResize');
    driver.checkResize(checked);
    const { availability } = await buyableTarget(
      provider,
      driver.resizeOptions,
      checked.instanceId,
      checked.instanceType,
      call,
    );
    return { ...(await driver.quoteResize(checked, call)), availability };
  }

  const instanceArgument = (instanceId: unknown, operation: keyof Capabilities) =>
    checkArgument<{ instanceId: string }>(
      'input',
      { instanceId },
      schemas.instanceIdArgument,
      context(operation),
    ).instanceId;
  const callArgument = (callOptions: unknown, operation: keyof Capabilities, rules = schemas.callOptions) =>
    checkArgument<CallOptions | undefined>('options', callOptions, rules, context(operation), true);

  async function quoteReinstall(input: ReinstallInput, callOptions?: CallOptions): Promise<Quote> {
    if (!driver.quoteReinstall) unsupported('quoteReinstall');
    const checkedArguments = reinstallArguments(input, callOptions, 'quoteReinstall');
    driver.checkReinstall(checkedArguments.input);
    return driver.quoteReinstall(checkedArguments.input, checkedArguments.call);
  }

  /** What a job checks before it sends anything: its own input, then the spec's rules in neutral names. */
  const checks = {
    changeInstanceType(rawInput: ChangeInstanceTypeInput): ChangeInstanceTypeInput {
      const input = checkArgument<ChangeInstanceTypeInput>(
        'input',
        rawInput,
        schemas.changeInstanceTypeInput,
        context('resize'),
      );
      driver.checkResize({ instanceId: input.instanceId, instanceType: input.instanceType });
      if (input.stopType) driver.checkStop({ stopType: input.stopType });
      return input;
    },
    reinstallAndWait(rawInput: ReinstallAndWaitInput): ReinstallAndWaitInput {
      const input = checkArgument<ReinstallAndWaitInput>(
        'input',
        rawInput,
        schemas.reinstallAndWaitInput,
        context('reinstall'),
      );
      const { whenRunning: _w, stopType, timeoutMs: _t, signal: _s, onProgress: _p, ...reinstall } = input;
      driver.checkReinstall(reinstall);
      if (stopType) driver.checkStop({ stopType });
      return input;
    },
    /** Whether the change starts from another state than the instance's (a job would stop it first). */
    needsStop(job: 'resize' | 'reinstall', providerState: string): boolean {
      return !accepts(driver.lifecycleOf(capabilities[job].action!), providerState);
    },
  };

  const kit = {
    provider,
    capabilities,
    async resize(rawInput: ResizeInput, callOptions?: CallOptions) {
      const { input, call } = resizeArguments(rawInput, callOptions, 'resize');
      driver.checkResize(input);
      if (input.dryRun) {
        // JD's resize price rests on an inferred billing body: a dry run must not fail because of it.
        const priced = driver.quoteResize && !capabilities.quoteResize.unconfirmed;
        const availability = await availabilityOf(input, call);
        const buyable = availability === 'unknown' || availability === 'available';
        return {
          dryRun: true as const,
          provider,
          action: capabilities.resize.action!,
          quote: priced && buyable ? await driver.quoteResize!(input, call) : null,
          availability,
        };
      }
      return driver.resize(input, call);
    },
    quoteResize,
    async reinstall(rawInput: ReinstallInput, callOptions?: CallOptions) {
      const { input, call } = reinstallArguments(rawInput, callOptions, 'reinstall');
      driver.checkReinstall(input);
      if (input.dryRun) {
        return {
          dryRun: true as const,
          provider,
          action: capabilities.reinstall.action!,
          quote: driver.quoteReinstall ? await driver.quoteReinstall(input, call) : null,
        };
      }
      return driver.reinstall(input, call);
    },
    quoteReinstall,
    async waitFor(operation: OperationHandle, waitOptions?: WaitOptions) {
      // A handle of another provider, an action this kit cannot wait for, a missing instance id: refused here.
      const handle = checkArgument<OperationHandle>('operation', operation, handleRules, context('waitFor'));
      const checkedOptions = checkArgument<WaitOptions | undefined>(
        'options',
        waitOptions,
        schemas.waitOptions,
        context('waitFor'),
        true,
      );
      return waitForOperation(driver, handle, checkedOptions ?? {}, attemptTimeoutMs);
    },
    async describe(instanceId: string, callOptions?: CallOptions) {
      const id = instanceArgument(instanceId, 'describe');
      return driver.describe(id, callArgument(callOptions, 'describe'));
    },
    async stop(instanceId: string, options?: StopOptions) {
      const id = instanceArgument(instanceId, 'stop');
      const checkedOptions = callArgument(options, 'stop', schemas.stopOptions) as StopOptions | undefined;
      const { stopType, stoppedMode, ...call } = checkedOptions ?? {};
      const neutral = { ...(stopType ? { stopType } : {}), ...(stoppedMode ? { stoppedMode } : {}) };
      driver.checkStop(neutral);
      return driver.stop(id, neutral, call);
    },
    async start(instanceId: string, callOptions?: CallOptions) {
      const id = instanceArgument(instanceId, 'start');
      return driver.start(id, callArgument(callOptions, 'start'));
    },
    async resizeOptions(instanceId: string, callOptions?: CallOptions) {
      if (!driver.resizeOptions) unsupported('resizeOptions');
      const id = instanceArgument(instanceId, 'resizeOptions');
      return driver.resizeOptions(id, callArgument(callOptions, 'resizeOptions'));
    },
    async changeInstanceType(rawInput: ChangeInstanceTypeInput) {
      return changeInstanceType(driver, checks.changeInstanceType(rawInput), attemptTimeoutMs);
    },
    async reinstallAndWait(rawInput: ReinstallAndWaitInput) {
      return reinstallAndWait(driver, checks.reinstallAndWait(rawInput), attemptTimeoutMs);
    },
  } as InstanceKit;
  return { kit: hideInternals(kit, { kind: 'InstanceKit', provider, region: checked.region }), checks };
}
