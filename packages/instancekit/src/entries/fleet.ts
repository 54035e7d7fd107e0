// instancekit/fleet — run a plan of changes over many instances and providers: offline checks of the whole plan,
// a preview (describe, availability, price, stops), the run (the jobs, a concurrency limit, pacing by the specs'
// rate limits) and an exactly-once journal for resuming after a crash. The journal is pluggable; the file journal
// (Node) is `instancekit/fleet-node`. This entry carries every driver: a fleet spans providers.
export * from '../exports.js';
export type { Gate, GatedCall } from '../fleet/gate.js';
export {
  type ChangeHistory,
  histories,
  type Journal,
  type JournalEvent,
  type JournalStep,
  memoryJournal,
  type Outcome,
  type PlannedChange,
  type PriceRecord,
  type SeenInstance,
} from '../fleet/journal.js';
export {
  type ChangeKind,
  changeKey,
  type FleetChange,
  type FleetPlan,
  FleetPlanError,
  type PlanProblem,
  planSchema,
} from '../fleet/plan.js';
export { FLEET_PROVIDERS, type FleetKitOptions } from '../fleet/prepare.js';
export {
  type FleetPreview,
  type FleetPreviewOptions,
  type PreviewEntry,
  previewFleet,
} from '../fleet/preview.js';
export { DEFAULT_RATE_SHARE, type RateLimiter, rateLimiter } from '../fleet/rate-limit.js';
export {
  type FleetReport,
  fleetReport,
  type PriceTotal,
  type ReportEntry,
  type ReportOutcome,
} from '../fleet/report.js';
export { type FleetEvent, type FleetRunOptions, runFleet } from '../fleet/run.js';
