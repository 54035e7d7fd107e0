// The journal of a fleet run: append-only events, each one durable before the runner goes on. Before a mutation is
// sent an `intent` is appended, after its answer a `sent`; so after a crash every change whose intent has no answer
// is known, and `--resume` reconciles it by describing the instance instead of sending again blindly.
// The journal holds no secret: no credentials, no password, no user data (the runner never gives it one).
import type { JobStepName, NeutralState, PricedLine, ProviderName } from '../types.js';
import type { ChangeKind } from './plan.js';

/** Where a fleet run keeps its events: `instancekit/fleet-node`'s file journal, or your own store. */
export interface Journal {
  /** Durable when the promise resolves (the file journal fsyncs every event). Appends are not concurrent. */
  append(event: JournalEvent): Promise<void>;
  /** Every event so far, oldest first. */
  read(): Promise<JournalEvent[]>;
  close?(): Promise<void>;
}

/** A change of the plan, as the journal names it. */
export interface PlannedChange {
  key: string;
  provider: ProviderName;
  region?: string;
  instanceId: string;
  kind: ChangeKind;
  target: string;
}

/** What describe showed, without the provider's raw answer. */
export interface SeenInstance {
  state: NeutralState;
  providerState: string;
  instanceType: string;
  imageId: string | null;
}

export interface JournalStep {
  step: JobStepName | 'reconcile';
  action?: string;
  requestId?: string;
  state?: NeutralState;
  startedAt: number;
  elapsedMs: number;
}

export type Outcome = 'changed' | 'unchanged' | 'failed' | 'aborted' | 'needsOperator';

export interface PriceRecord {
  currency: string;
  lines: PricedLine[];
  unconfirmed: string[];
}

export type JournalEvent =
  /** One `fleet apply` (or resume) started; `digest` identifies the plan's changes. */
  | { type: 'run'; at: number; runId: string; digest: string; changes: PlannedChange[]; resume: boolean }
  /** A change started (again, after a resume: `attempt` counts). */
  | {
      type: 'start';
      at: number;
      key: string;
      provider: ProviderName;
      region?: string;
      instanceId: string;
      kind: ChangeKind;
      target: string;
      attempt: number;
      before?: SeenInstance;
    }
  | { type: 'price'; at: number; key: string; price: PriceRecord | null; note?: string }
  /** About to send a mutation: written (and synced) before the request leaves. */
  | { type: 'intent'; at: number; key: string; action: string }
  /**
   * The mutation's answer. `executed`: `yes` accepted, `no` refused by the provider (it did not run), `unknown`
   * (no answer, a timeout, a 5xx or an internal error: it may have run).
   */
  | {
      type: 'sent';
      at: number;
      key: string;
      action: string;
      executed: 'yes' | 'no' | 'unknown';
      requestId?: string;
      code?: string;
      answered: boolean;
    }
  | {
      type: 'end';
      at: number;
      key: string;
      outcome: Outcome;
      message: string;
      code?: string;
      failedStep?: string;
      /** What the job saw first, where the start event has no `before`. */
      before?: SeenInstance;
      after?: SeenInstance;
      steps: JournalStep[];
      elapsedMs: number;
    }
  /** Ctrl-C: no new change starts from here on. */
  | { type: 'interrupted'; at: number; runId: string; hard: boolean };

/** A journal in memory: for tests and for automation that keeps its own records. */
export function memoryJournal(initial: readonly JournalEvent[] = []): Journal & { events: JournalEvent[] } {
  const events = initial.map((event) => structuredClone(event));
  return {
    events,
    async append(event) {
      events.push(structuredClone(event));
    },
    async read() {
      return events.map((event) => structuredClone(event));
    },
  };
}

/** What the journal says of one change. */
export interface ChangeHistory {
  key: string;
  start?: Extract<JournalEvent, { type: 'start' }>;
  /** The first start (its `before` is the instance before any of this plan's mutations). */
  first?: Extract<JournalEvent, { type: 'start' }>;
  price?: Extract<JournalEvent, { type: 'price' }>;
  end?: Extract<JournalEvent, { type: 'end' }>;
  /** Every mutation of every attempt, in order: its intent and, if one came, its answer. */
  mutations: { action: string; intentAt: number; sent?: Extract<JournalEvent, { type: 'sent' }> }[];
  attempts: number;
}

/** Folds the events into one history per change key. */
export function histories(events: readonly JournalEvent[]): Map<string, ChangeHistory> {
  const byKey = new Map<string, ChangeHistory>();
  const of = (key: string) => {
    const history = byKey.get(key) ?? { key, mutations: [], attempts: 0 };
    byKey.set(key, history);
    return history;
  };
  for (const event of events) {
    if (event.type === 'run' || event.type === 'interrupted') continue;
    const history = of(event.key);
    if (event.type === 'start') {
      history.first ??= event;
      history.start = event;
      history.attempts = Math.max(history.attempts, event.attempt);
      // A new attempt: an earlier end (an abort) no longer stands.
      delete history.end;
    } else if (event.type === 'price') history.price = event;
    else if (event.type === 'intent') history.mutations.push({ action: event.action, intentAt: event.at });
    else if (event.type === 'sent') {
      const open = [...history.mutations].reverse().find((m) => m.action === event.action && !m.sent);
      if (open) open.sent = event;
    } else history.end = event;
  }
  return byKey;
}

/** A mutation whose effect is not known: no answer came, or one that may have run. */
export const unsettled = (mutation: ChangeHistory['mutations'][number]) =>
  !mutation.sent || mutation.sent.executed === 'unknown';
