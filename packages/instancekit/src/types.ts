import type { CallOptions, Logger, RetryOptions } from '@instancekit/core/internal';

import type { ProviderName } from './registry.js';

/** The providers the facade has a driver for: derived from the drivers registered in src/registry.ts. */
export type { ProviderName };

export interface InstanceKitOptions {
  provider: ProviderName;
  /** Required for Tencent (`ap-guangzhou`) and JD Cloud (`cn-north-1`); Zenlayer has no regional endpoint. */
  region?: string;
  /** The provider's own credential object; each falls back to that provider's environment variables. */
  credentials?: Record<string, string | undefined>;
  /** The profile of the provider's credential files, where it has them (Tencent); refused by the others' clients. */
  profile?: string;
  /** Base URL of the provider's API (point it at `@instancekit/mock` in tests). */
  endpoint?: string;
  /** JD Cloud only: base URL of the billing API used for resize quotes. */
  billingEndpoint?: string;
  fetch?: (request: Request) => Promise<Response>;
  /** Per-attempt timeout in ms. Default 30 000. */
  timeoutMs?: number;
  retry?: RetryOptions | false;
  /** Redacted events of every request, response, retry and error. */
  logger?: Logger;
  /** The largest answer read; past it the connection is dropped (ResponseTooLargeError). Core's default: 16 MiB. */
  maxResponseBytes?: number;
}

export interface ResizeInput {
  instanceId: string;
  instanceType: string;
  /** Tencent only: force a power-off when a normal shutdown fails (data-loss risk). */
  forceStop?: boolean;
  /** Validate and, where the provider can price the change, return its price instead of performing it. */
  dryRun?: boolean;
}

export interface ReinstallInput {
  instanceId: string;
  /** Defaults to the instance's current image. */
  imageId?: string;
  password?: string;
  /** SSH key pair ids (at most one on Zenlayer and JD Cloud). Not together with `password`. */
  keyIds?: string[];
  hostName?: string;
  /** Base64-encoded user data (cloud-init / launch script), at most 16 KiB decoded where the provider documents it. */
  userData?: string;
  /** Tencent only: grow the system disk on reinstall (never shrink). */
  systemDiskSizeGiB?: number;
  dryRun?: boolean;
}

/** What `resize` and `reinstall` return: enough to wait for the change and to quote the provider's request id. */
export interface OperationHandle {
  provider: ProviderName;
  /** The provider's action name, e.g. `ResetInstancesType`, `ModifyInstanceType`, `resizeInstance`. */
  action: string;
  instanceId: string;
  requestId: string;
  startedAt: number;
}

export interface PricedLine {
  /** What is priced: `instance`, `bandwidth`, `spec`, `gpu`, `systemDisk`, or the provider's item code. */
  item: string;
  billing: 'prepaid' | 'postpaid';
  originalAmount: number | null;
  discountedAmount: number | null;
  /** Postpaid charge unit (`HOUR`, `DAY`, `MONTH`, `GB`), or null for a prepaid total. */
  unit: string | null;
  /** The share of the original price that is paid, in percent (80 = 20 % off). */
  percentPaid: number | null;
}

export interface Quote {
  provider: ProviderName;
  action: string;
  currency: string;
  lines: PricedLine[];
  /** Facts of this quote that no provider document confirms (e.g. JD's billing formula, Zenlayer's currency). */
  unconfirmed: string[];
  /**
   * A resize quote: `available` when the provider's type listing shows the target on sale, `unknown` where the
   * provider has no listing (a sold-out or unlisted target is a TargetUnavailableError, never a price).
   */
  availability?: 'available' | 'unknown';
  /** The provider's own answer, untouched. */
  raw: unknown;
}

export interface DryRunResult {
  dryRun: true;
  provider: ProviderName;
  action: string;
  /** The provider's price for the change, where it has a price call for it (null for a target that cannot be bought). */
  quote: Quote | null;
  /** A resize: the target's availability by the provider's type listing; `unknown` where it has none. */
  availability?: Availability | 'notOffered' | 'unknown';
}

/**
 * Where an instance is, the same words for every provider: mapped from the provider's state by the spec
 * (`x-instancekit.lifecycle.neutral`), and from the running operation where the provider shows one beside the state
 * (Tencent's LatestOperation*). `failed` and `unknown` are states instancekit does not change an instance from.
 */
export type NeutralState =
  | 'running'
  | 'stopped'
  | 'starting'
  | 'stopping'
  | 'resizing'
  | 'reinstalling'
  | 'pending'
  | 'failed'
  | 'unknown';

export interface InstanceDescription {
  provider: ProviderName;
  instanceId: string;
  state: NeutralState;
  /** The provider's own state (`RUNNING`, `RESIZING`, `stopped`, …). */
  providerState: string;
  instanceType: string;
  imageId: string | null;
  /** The billing mode, where the describe call shows it (`PREPAID`, `postpaid_by_duration`, …). */
  chargeType?: string;
  /** The provider's answer for this instance, untouched. */
  raw: unknown;
}

export type StopType = 'soft' | 'softFirst' | 'hard';

export interface StopOptions extends CallOptions {
  /** `soft` (the default where the provider offers a choice), `softFirst` (soft, then forced) or `hard`. */
  stopType?: StopType;
  /** Postpaid billing while stopped, where the provider offers it. */
  stoppedMode?: 'keepCharging' | 'stopCharging';
}

/** What `stop` and `start` return: the handle to wait for, or why nothing was sent. */
export type PowerResult =
  | { noop: false; operation: OperationHandle }
  | {
      noop: true;
      provider: ProviderName;
      action: string;
      instanceId: string;
      state: NeutralState;
      providerState: string;
      /** Why nothing was sent (`already stopped`). */
      message: string;
    };

export type Availability = 'available' | 'soldOut' | 'unavailable';

export interface ResizeOption {
  instanceType: string;
  availability: Availability;
}

export interface ResizeOptions {
  provider: ProviderName;
  action: string;
  instanceId: string;
  options: ResizeOption[];
  raw: unknown;
}

/** What a job does to a running instance that the change needs stopped. */
export type WhenRunning = 'refuse' | 'stop' | 'stopAndRestart';

export type JobStepName = 'describe' | 'checkTarget' | 'stop' | 'resize' | 'reinstall' | 'start' | 'verify';

export interface JobStep {
  step: JobStepName;
  /** The provider action, where the step sent one. */
  action?: string;
  requestId?: string;
  /** The instance's neutral state when the step ended. */
  state: NeutralState;
  providerState?: string;
  /** Sends of the mutation (more than 1 when the provider answered Busy). */
  attempts?: number;
  startedAt: number;
  elapsedMs: number;
}

export interface JobProgress {
  step: JobStepName;
  /** `busy`: the provider answered Busy, the mutation is sent again after a pause. */
  phase: 'started' | 'waiting' | 'busy' | 'done';
  state?: string;
  elapsedMs: number;
}

export interface JobOptions {
  whenRunning: WhenRunning;
  stopType?: StopType;
  /** The whole job's deadline, every call, retry and wait included. Default 30 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
}

export interface ChangeInstanceTypeInput extends JobOptions {
  instanceId: string;
  instanceType: string;
}

export type ReinstallAndWaitInput = Omit<ReinstallInput, 'dryRun'> & JobOptions;

export interface JobResult {
  provider: ProviderName;
  job: 'changeInstanceType' | 'reinstallAndWait';
  instanceId: string;
  /** False when nothing had to be sent (already the target type). */
  changed: boolean;
  message: string;
  before: InstanceDescription;
  after: InstanceDescription;
  steps: JobStep[];
  elapsedMs: number;
}

export type Operation =
  | 'resize'
  | 'quoteResize'
  | 'reinstall'
  | 'quoteReinstall'
  | 'waitFor'
  | 'describe'
  | 'stop'
  | 'start'
  | 'resizeOptions';

export interface Capability {
  supported: boolean;
  /** The provider action behind it. */
  action?: string;
  /** True when the call rests on facts the provider's documents do not confirm. */
  unconfirmed?: boolean;
  note?: string;
  /**
   * The action's per-second limit from the spec (`x-instancekit.rateLimit`); `unconfirmed` when no provider page
   * states it (a conservative figure). The fleet runner paces each provider, region and action by it.
   */
  rateLimit?: { perSecond: number; unconfirmed?: boolean };
}

export type Capabilities = Readonly<Record<Operation, Capability>>;

export interface WaitProgress {
  state: string;
  polls: number;
  elapsedMs: number;
}

export interface WaitOptions {
  signal?: AbortSignal;
  /** Give up after this long. Default 15 minutes. */
  timeoutMs?: number;
  /** First poll interval; grows ×1.5 up to `maxIntervalMs`. Default 2 s. */
  intervalMs?: number;
  maxIntervalMs?: number;
  onProgress?: (progress: WaitProgress) => void;
}

export interface WaitResult {
  provider: ProviderName;
  action: string;
  instanceId: string;
  requestId: string;
  /** The provider's final state (`SUCCESS`, `STOPPED`, `running`, …). */
  state: string;
  polls: number;
  elapsedMs: number;
}

export type { CallOptions };
