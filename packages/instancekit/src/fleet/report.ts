// The report of a fleet run, read from its journal alone (so `fleet status` can print it from another process):
// per change the outcome, every request id, the timings and the price; totals per outcome and per currency.
import type { ProviderName } from '../types.js';
import {
  histories,
  type JournalEvent,
  type Outcome,
  type PriceRecord,
  type SeenInstance,
} from './journal.js';

export type ReportOutcome = Outcome | 'pending' | 'inFlight';

export interface ReportEntry {
  key: string;
  provider: ProviderName;
  region?: string;
  instanceId: string;
  kind: 'resize' | 'reinstall';
  target: string;
  outcome: ReportOutcome;
  message: string;
  code?: string;
  failedStep?: string;
  /** Every request id of the change's mutations (and of the job's steps), oldest first. */
  requestIds: string[];
  /** Mutations sent, and how each was answered. */
  mutations: {
    action: string;
    executed: 'yes' | 'no' | 'unknown' | 'noAnswer';
    requestId?: string;
    code?: string;
    at: number;
  }[];
  attempts: number;
  startedAt?: number;
  endedAt?: number;
  elapsedMs?: number;
  before?: SeenInstance;
  after?: SeenInstance;
  price: PriceRecord | null;
  priceNote?: string;
}

export interface PriceTotal {
  currency: string;
  billing: 'prepaid' | 'postpaid';
  /** Postpaid charge unit, or null for a prepaid total. */
  unit: string | null;
  amount: number;
  changes: number;
}

export interface FleetReport {
  /** Every change is `changed` or `unchanged`. */
  ok: boolean;
  counts: Record<ReportOutcome, number>;
  entries: ReportEntry[];
  totals: PriceTotal[];
  runs: number;
  interrupted: boolean;
}

const OUTCOMES: readonly ReportOutcome[] = [
  'changed',
  'unchanged',
  'failed',
  'aborted',
  'needsOperator',
  'inFlight',
  'pending',
];

/** The amount a change costs: the discounted amount where there is one. */
const amountOf = (line: PriceRecord['lines'][number]) => line.discountedAmount ?? line.originalAmount;

export function priceTotals(prices: readonly (PriceRecord | null | undefined)[]): PriceTotal[] {
  const totals = new Map<string, PriceTotal>();
  for (const price of prices) {
    if (!price) continue;
    for (const line of price.lines) {
      const amount = amountOf(line);
      if (amount === null) continue;
      const id = `${price.currency}|${line.billing}|${line.unit ?? ''}`;
      const total = totals.get(id) ?? {
        currency: price.currency,
        billing: line.billing,
        unit: line.unit,
        amount: 0,
        changes: 0,
      };
      total.amount = Math.round((total.amount + amount) * 1e6) / 1e6;
      total.changes++;
      totals.set(id, total);
    }
  }
  return [...totals.values()];
}

export function fleetReport(events: readonly JournalEvent[]): FleetReport {
  const entries: ReportEntry[] = [];
  for (const history of histories(events).values()) {
    const { start, first, end, price } = history;
    if (!start) continue;
    const requestIds = [
      ...history.mutations.flatMap((m) => (m.sent?.requestId ? [m.sent.requestId] : [])),
      ...(end?.steps ?? []).flatMap((s) => (s.requestId ? [s.requestId] : [])),
    ];
    entries.push({
      key: history.key,
      provider: start.provider,
      ...(start.region !== undefined ? { region: start.region } : {}),
      instanceId: start.instanceId,
      kind: start.kind,
      target: start.target,
      outcome: end ? end.outcome : 'inFlight',
      message: end?.message ?? 'started, no outcome recorded (resume reconciles it)',
      ...(end?.code ? { code: end.code } : {}),
      ...(end?.failedStep ? { failedStep: end.failedStep } : {}),
      requestIds: [...new Set(requestIds)],
      mutations: history.mutations.map((m) => ({
        action: m.action,
        executed: m.sent ? m.sent.executed : 'noAnswer',
        ...(m.sent?.requestId ? { requestId: m.sent.requestId } : {}),
        ...(m.sent?.code ? { code: m.sent.code } : {}),
        at: m.intentAt,
      })),
      attempts: history.attempts,
      startedAt: first?.at ?? start.at,
      ...(end ? { endedAt: end.at, elapsedMs: end.at - (first?.at ?? start.at) } : {}),
      ...(first?.before ? { before: first.before } : end?.before ? { before: end.before } : {}),
      ...(end?.after ? { after: end.after } : {}),
      price: price?.price ?? null,
      ...(price?.note ? { priceNote: price.note } : {}),
    });
  }
  // Changes of the plan that never started: listed from the run event, in the plan's order.
  const planned =
    events.find((e): e is Extract<JournalEvent, { type: 'run' }> => e.type === 'run')?.changes ?? [];
  const started = new Set(entries.map((e) => e.key));
  for (const change of planned)
    if (!started.has(change.key))
      entries.push({
        ...change,
        outcome: 'pending',
        message: 'not started',
        requestIds: [],
        mutations: [],
        attempts: 0,
        price: null,
      });
  const order = new Map(planned.map((change, index) => [change.key, index]));
  entries.sort((a, b) => (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0));
  const total = entries.length;
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ReportOutcome, number>;
  for (const entry of entries) counts[entry.outcome]++;
  return {
    ok: counts.changed + counts.unchanged === total,
    counts,
    entries,
    totals: priceTotals(entries.map((e) => e.price)),
    runs: events.filter((e) => e.type === 'run').length,
    interrupted: events.some((e) => e.type === 'interrupted'),
  };
}
