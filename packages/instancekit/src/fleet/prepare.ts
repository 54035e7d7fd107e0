// From a plan to runnable changes: the plan's shape, then per change a kit of its provider (through the gate) and
// the job input the kit checks with the spec's rules — all offline. Every bad change is named at once, with the
// field; nothing is sent before the whole plan passes.

import type { InstanceKit } from '../create.js';
import { buildKit } from '../create.js';
import type { DriverEntry } from '../driver.js';
import { ENTRIES } from '../registry.js';
import type {
  ChangeInstanceTypeInput,
  InstanceKitOptions,
  ProviderName,
  ReinstallAndWaitInput,
} from '../types.js';
import type { Gate } from './gate.js';
import { gatedEntry } from './gate.js';
import {
  type ChangeKind,
  changeKey,
  checkPlanShape,
  type FleetChange,
  type FleetPlan,
  FleetPlanError,
  kindOf,
  problemOf,
} from './plan.js';

/** What a run or a preview needs besides the plan: credentials and the secrets of a reinstall. */
export interface FleetKitOptions {
  /** Per provider, the provider's credential object; else each provider's own resolver (variables, profile files). */
  credentials?: { readonly [provider: string]: Record<string, string> };
  /** The profile of the credential files, for providers that have them (Tencent). */
  profile?: string;
  /** Reinstall only, for every reinstall of the plan: never journaled, never printed. */
  secrets?: { password?: string; userData?: string };
  /** Per-attempt timeout of each call (the kit's `timeoutMs`). */
  timeoutMs?: number;
  /** The kit's retry policy of each call (core's: 3 attempts, exponential backoff with jitter). */
  retry?: InstanceKitOptions['retry'];
  fetch?: InstanceKitOptions['fetch'];
}

export interface PreparedChange {
  index: number;
  key: string;
  change: FleetChange;
  kind: ChangeKind;
  target: string;
  kit: InstanceKit;
  /** The job's input, checked (no signal or progress callback yet). */
  input: ChangeInstanceTypeInput | ReinstallAndWaitInput;
  needsStop: (providerState: string) => boolean;
}

/** Which change it is, as the journal, the preview and the report name it. */
export function changeIdentity({
  key,
  change,
  kind,
  target,
}: Pick<PreparedChange, 'key' | 'change' | 'kind' | 'target'>) {
  return {
    key,
    provider: change.provider,
    ...(change.region !== undefined ? { region: change.region } : {}),
    instanceId: change.instanceId,
    kind,
    target,
  };
}

/** The facade's providers: the plan's `provider` enum. */
export const FLEET_PROVIDERS: readonly ProviderName[] = ENTRIES.map((entry) => entry.provider);

/** Checks the whole plan and makes one kit per change; `gateFor` gives each change's gate. */
export function prepareFleet(
  rawPlan: unknown,
  options: FleetKitOptions,
  gateFor: (key: string, change: FleetChange) => Gate,
): { plan: FleetPlan; changes: PreparedChange[] } {
  const { plan, problems } = checkPlanShape(rawPlan, FLEET_PROVIDERS);
  const badShape = new Set(problems.map((problem) => problem.entry));
  const changes: PreparedChange[] = [];
  const entries = new Map<string, DriverEntry>(
    ENTRIES.map((entry) => [entry.provider, entry as DriverEntry]),
  );
  for (const [index, change] of plan.changes.entries()) {
    if (badShape.has(index)) continue;
    const key = changeKey(change);
    const field = `changes[${index}]`;
    try {
      const { kit, checks } = buildKit(
        [gatedEntry(entries.get(change.provider)!, gateFor(key, change))],
        kitOptions(plan, change, options),
      );
      const kind = kindOf(change);
      const input = jobInput(plan, change, options);
      changes.push({
        index,
        key,
        change,
        kind,
        target: kind === 'resize' ? change.instanceType! : change.imageId!,
        kit,
        input:
          kind === 'resize'
            ? checks.changeInstanceType(input as ChangeInstanceTypeInput)
            : checks.reinstallAndWait(input as ReinstallAndWaitInput),
        needsStop: (state) => checks.needsStop(kind, state),
      });
    } catch (error) {
      problems.push(problemOf(error, field, index));
    }
  }
  problems.sort((a, b) => (a.entry ?? -1) - (b.entry ?? -1));
  if (problems.length) throw new FleetPlanError(problems);
  return { plan, changes };
}

function kitOptions(plan: FleetPlan, change: FleetChange, options: FleetKitOptions): InstanceKitOptions {
  const { provider, region } = change;
  const endpoint = plan.endpoints?.[provider];
  const billingEndpoint = plan.billingEndpoints?.[provider];
  const credentials = options.credentials?.[provider];
  return {
    provider,
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(billingEndpoint !== undefined ? { billingEndpoint } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.fetch !== undefined ? { fetch: options.fetch } : {}),
  };
}

function jobInput(plan: FleetPlan, change: FleetChange, options: FleetKitOptions) {
  const whenRunning = change.whenRunning ?? plan.defaults?.whenRunning ?? 'stopAndRestart';
  const stopType = change.stopType ?? plan.defaults?.stopType;
  const common = { instanceId: change.instanceId, whenRunning, ...(stopType ? { stopType } : {}) };
  if (change.instanceType !== undefined) return { ...common, instanceType: change.instanceType };
  const { password, userData } = options.secrets ?? {};
  return {
    ...common,
    imageId: change.imageId,
    ...(change.keyIds ? { keyIds: change.keyIds } : {}),
    ...(change.hostName ? { hostName: change.hostName } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(userData !== undefined ? { userData } : {}),
  };
}
