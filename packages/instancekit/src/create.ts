import { hideInternals, UnsupportedOperationError, ValidationError } from '@instancekit/core';
import type { ProviderDriver } from './driver.js';
import { jdcloudDriver } from './providers/jdcloud.js';
import { tencentDriver } from './providers/tencent.js';
import { zenlayerDriver } from './providers/zenlayer.js';
import type {
  CallOptions,
  Capabilities,
  DryRunResult,
  InstanceKitOptions,
  OperationHandle,
  ProviderName,
  Quote,
  ReinstallInput,
  ResizeInput,
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
  /** Polls the provider's status call until the operation ends; throws OperationFailedError if it failed. */
  waitFor(operation: OperationHandle, options?: WaitOptions): Promise<WaitResult>;
}

const DRIVERS: Record<ProviderName, (options: InstanceKitOptions) => ProviderDriver> = {
  tencent: tencentDriver,
  zenlayer: zenlayerDriver,
  jdcloud: jdcloudDriver,
};

/**
 * One interface to resize, price and reinstall instances on Tencent Cloud CVM, Zenlayer ZEC and JD Cloud VM.
 * Inputs are validated with the specs' rules before anything is sent.
 */
export function createInstanceKit(options: InstanceKitOptions): InstanceKit {
  const makeDriver = DRIVERS[options.provider];
  if (!makeDriver)
    throw new TypeError(
      `Unknown provider ${JSON.stringify(options.provider)}: use tencent, zenlayer or jdcloud`,
    );
  const driver = makeDriver(options);
  const { provider, capabilities } = driver;

  function unsupported(operation: keyof Capabilities): never {
    throw new UnsupportedOperationError(provider, operation, capabilities[operation].note);
  }

  async function quoteResize(input: ResizeInput, callOptions?: CallOptions): Promise<Quote> {
    if (!driver.quoteResize) unsupported('quoteResize');
    driver.checkResize(input);
    return driver.quoteResize(input, callOptions);
  }

  /**
   * One login method: `password` or `keyIds`, never both. Left to the drivers, Tencent would drop the keys
   * silently (its LoginSettings takes one field), JD would send both and Zenlayer would name no neutral field.
   */
  function checkReinstall(input: ReinstallInput): void {
    const action = capabilities.reinstall.action ? { action: capabilities.reinstall.action } : {};
    // An empty list is no login method at all; Zenlayer would drop it and JD would send it, both silently.
    if (input.keyIds !== undefined && input.keyIds.length === 0)
      throw new ValidationError('keyIds must list at least one key pair (or leave it out)', {
        field: 'keyIds',
        rule: 'minItems',
        provider,
        ...action,
      });
    if (input.password !== undefined && input.keyIds !== undefined)
      throw new ValidationError('keyIds may not be combined with password: choose one login method', {
        field: 'keyIds',
        rule: 'exclusive',
        provider,
        ...action,
      });
    driver.checkReinstall(input);
  }

  async function quoteReinstall(input: ReinstallInput, callOptions?: CallOptions): Promise<Quote> {
    if (!driver.quoteReinstall) unsupported('quoteReinstall');
    checkReinstall(input);
    return driver.quoteReinstall(input, callOptions);
  }

  const kit = {
    provider,
    capabilities,
    async resize(input: ResizeInput, callOptions?: CallOptions) {
      driver.checkResize(input);
      if (input.dryRun) {
        // JD's resize price rests on an inferred billing body: a dry run must not fail because of it.
        const priced = driver.quoteResize && !capabilities.quoteResize.unconfirmed;
        return {
          dryRun: true as const,
          provider,
          action: capabilities.resize.action!,
          quote: priced ? await driver.quoteResize!(input, callOptions) : null,
        };
      }
      return driver.resize(input, callOptions);
    },
    quoteResize,
    async reinstall(input: ReinstallInput, callOptions?: CallOptions) {
      checkReinstall(input);
      if (input.dryRun) {
        return {
          dryRun: true as const,
          provider,
          action: capabilities.reinstall.action!,
          quote: driver.quoteReinstall ? await driver.quoteReinstall(input, callOptions) : null,
        };
      }
      return driver.reinstall(input, callOptions);
    },
    quoteReinstall,
    waitFor(operation: OperationHandle, waitOptions?: WaitOptions) {
      if (operation.provider !== provider)
        throw new TypeError(`This kit talks to ${provider}; the operation belongs to ${operation.provider}`);
      return waitForOperation(driver, operation, waitOptions);
    },
  } as InstanceKit;
  return hideInternals(kit, { kind: 'InstanceKit', provider, region: options.region });
}
