import { MockError } from './registry';

/**
 * The in-memory fleet of the stateful mode: one per provider, shared by that provider's servers (Tencent's API 3.0
 * and legacy mocks see the same instances). An operation in progress is a timeline, not a timer: the instance's
 * state is computed from the clock when it is read, so nothing keeps the process alive and tests need no waits
 * beyond `transitionMs`.
 */

export interface FixtureInstance {
  provider: string;
  instanceId: string;
  state: string;
  instanceType: string;
  imageId?: string;
  region?: string;
}

/** An instance type the fixture knows: type listings answer with these, a resize to a sold-out one is refused. */
export interface FixtureInstanceType {
  provider: string;
  instanceType: string;
  /** Default false: on sale. */
  soldOut?: boolean;
}

export interface StatefulOptions {
  instances: FixtureInstance[];
  /** How long an accepted operation takes from the first transitional state to the end state. Default 2000 ms. */
  transitionMs?: number;
  /** The types type listings (`DescribeInstancesModification`, `describeInstanceTypes`) answer with. */
  instanceTypes?: FixtureInstanceType[];
  /** Instance types that are sold out (the same as `instanceTypes` entries with `soldOut: true`). */
  soldOut?: Array<{ provider: string; instanceType: string }>;
}

/** The shape of `instanceTypes` and `soldOut` (the instances are checked against each spec's states). */
export function checkFixtureTypes(stateful: StatefulOptions): void {
  for (const key of ['instanceTypes', 'soldOut'] as const) {
    const entries: unknown = stateful[key];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) throw new MockError(`stateful.${key} must be a list`);
    for (const entry of entries as Array<Partial<FixtureInstanceType> | null>) {
      const where = `stateful.${key} entry ${JSON.stringify(entry)}`;
      if (typeof entry?.provider !== 'string' || entry.provider === '')
        throw new MockError(`${where}: provider must be a non-empty string`);
      if (typeof entry.instanceType !== 'string' || entry.instanceType === '')
        throw new MockError(`${where}: instanceType must be a non-empty string`);
      if (key === 'instanceTypes' && entry.soldOut !== undefined && typeof entry.soldOut !== 'boolean')
        throw new MockError(`${where}: soldOut must be true or false`);
    }
  }
}

interface RunningOperation {
  action: string;
  requestId: string;
  startedAt: number;
  during: string[];
  end: string;
  /** Attribute changes applied when the operation ends (the new type or image). */
  changes: Partial<Pick<InstanceView, 'instanceType' | 'imageId'>>;
  /** The completion values for the provider's "last operation" fields (Tencent's LatestOperationState). */
  inProgressValue?: string;
  successValue?: string;
}

/** What a describe call and `/__instancekit/instances` show of an instance now. */
export interface InstanceView {
  provider: string;
  instanceId: string;
  state: string;
  instanceType: string;
  /** Absent when the fixture gives none: describe answers then keep the example's image. */
  imageId?: string;
  region: string | null;
  latestOperation: string | null;
  latestOperationState: string | null;
  latestOperationRequestId: string | null;
  /** True while an accepted operation has not reached its end state. */
  busy: boolean;
}

interface Record_ {
  fixture: FixtureInstance;
  state: string;
  instanceType: string;
  imageId?: string;
  operation?: RunningOperation;
  /** The last finished operation, for the "last operation" fields once it is done. */
  finished?: RunningOperation;
}

export const DEFAULT_TRANSITION_MS = 2000;

export class Fleet {
  readonly transitionMs: number;
  private records = new Map<string, Record_>();
  /** Mutations still to be answered as busy, by instance (`POST /__instancekit/busy`). */
  private heldBusy = new Map<string, number>();
  /** Sale status set at run time, by type (`POST /__instancekit/stock`): true sold out, false on sale. */
  private stock = new Map<string, boolean>();

  constructor(
    readonly provider: string,
    private readonly options: StatefulOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.transitionMs = options.transitionMs ?? DEFAULT_TRANSITION_MS;
    this.reset();
  }

  /** Back to the fixture: every instance as given, no operation running. */
  reset(): void {
    this.records.clear();
    this.heldBusy.clear();
    this.stock.clear();
    for (const fixture of this.options.instances) {
      if (fixture.provider !== this.provider) continue;
      this.records.set(fixture.instanceId, {
        fixture,
        state: fixture.state,
        instanceType: fixture.instanceType,
        imageId: fixture.imageId,
      });
    }
  }

  isSoldOut(instanceType: string): boolean {
    return this.instanceTypes().some((entry) => entry.instanceType === instanceType && entry.soldOut);
  }

  /**
   * This provider's fixture types, in fixture order: `instanceTypes`, then the `soldOut` ones not listed there.
   * A type listed in `soldOut` is sold out whatever `instanceTypes` says.
   */
  instanceTypes(): Array<{ instanceType: string; soldOut: boolean }> {
    const mine = <T extends { provider: string }>(list: T[] | undefined) =>
      (list ?? []).filter((entry) => entry.provider === this.provider);
    const soldOut = new Set(mine(this.options.soldOut).map((entry) => entry.instanceType));
    const types = new Map<string, boolean>();
    for (const entry of mine(this.options.instanceTypes))
      types.set(entry.instanceType, entry.soldOut === true || soldOut.has(entry.instanceType));
    for (const instanceType of soldOut) if (!types.has(instanceType)) types.set(instanceType, true);
    for (const [instanceType, sold] of this.stock) types.set(instanceType, sold);
    return [...types].map(([instanceType, sold]) => ({ instanceType, soldOut: sold }));
  }

  /** The instance now, or undefined when there is none with that id (in that region, when both name one). */
  get(instanceId: string, region?: string): InstanceView | undefined {
    const record = this.records.get(instanceId);
    if (!record) return undefined;
    if (region && record.fixture.region && record.fixture.region !== region) return undefined;
    return this.view(record);
  }

  /** Every instance now (in `region`, for those that name one). */
  list(region?: string): InstanceView[] {
    return [...this.records.values()]
      .filter((record) => !region || !record.fixture.region || record.fixture.region === region)
      .map((record) => this.view(record));
  }

  /**
   * Answer the next `times` mutations of an instance as busy (the document's busy answer) without executing them:
   * the race of a call right after another operation (Packer #9054, cloudmux's start-after-resize), on demand.
   */
  holdBusy(instanceId: string, times: number): boolean {
    if (!this.records.has(instanceId)) return false;
    this.heldBusy.set(instanceId, times);
    return true;
  }

  /**
   * Sell out a type (or put it back on sale) from now on, until the next reset: the stock that runs out between a
   * job's check of the listing and its resize. A type the fixture did not list is added to the listings.
   */
  setStock(instanceType: string, soldOut: boolean): void {
    this.stock.set(instanceType, soldOut);
  }

  /** True (and one fewer to go) when a held-busy answer is due for this instance. */
  takeBusy(instanceId: string): boolean {
    const left = this.heldBusy.get(instanceId) ?? 0;
    if (left <= 0) return false;
    this.heldBusy.set(instanceId, left - 1);
    return true;
  }

  /** Starts an accepted operation on an instance that exists and is not busy (the caller checked). */
  start(instanceId: string, operation: Omit<RunningOperation, 'startedAt'>): void {
    const record = this.records.get(instanceId)!;
    record.operation = { ...operation, startedAt: this.now() };
  }

  private view(record: Record_): InstanceView {
    this.advance(record);
    const { operation } = record;
    const shown = operation ?? record.finished;
    return {
      provider: this.provider,
      instanceId: record.fixture.instanceId,
      state: operation ? this.stepOf(operation) : record.state,
      instanceType: record.instanceType,
      imageId: record.imageId,
      region: record.fixture.region ?? null,
      latestOperation: shown?.action ?? null,
      latestOperationState: shown ? ((operation ? shown.inProgressValue : shown.successValue) ?? null) : null,
      latestOperationRequestId: shown?.requestId ?? null,
      busy: operation !== undefined,
    };
  }

  /** The transitional state an operation is in now (each of `during` gets an equal share of transitionMs). */
  private stepOf(operation: RunningOperation): string {
    const elapsed = this.now() - operation.startedAt;
    const share = this.transitionMs / Math.max(1, operation.during.length);
    const index = Math.min(operation.during.length - 1, Math.floor(elapsed / share));
    return operation.during[index] ?? operation.end;
  }

  /** Finishes the operation once transitionMs has passed: end state and the new type or image. */
  private advance(record: Record_): void {
    const { operation } = record;
    if (!operation || this.now() - operation.startedAt < this.transitionMs) return;
    record.state = operation.end;
    if (operation.changes.instanceType !== undefined) record.instanceType = operation.changes.instanceType;
    if (operation.changes.imageId !== undefined) record.imageId = operation.changes.imageId;
    record.finished = operation;
    record.operation = undefined;
  }
}
