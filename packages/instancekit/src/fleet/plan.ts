// A fleet plan: the changes of one maintenance window, each a resize (`instanceType`) or a reinstall (`imageId`)
// of one instance, checked as a whole before anything is sent. The plan's own shape is declared once, as core
// `FieldRules` (a subset of JSON Schema, so `planSchema` is also the schema the CLI ships and documents); each
// change is then checked by the kit of its provider with the same rules the jobs check before sending.
import { type FieldRules, ValidationError, validateInput } from '@instancekit/core/internal';
import type { ProviderName, StopType, WhenRunning } from '../types.js';

export interface FleetChange {
  provider: ProviderName;
  /** Required where the provider has regions (Tencent, JD); Zenlayer has none. */
  region?: string;
  instanceId: string;
  /** A resize to this type. */
  instanceType?: string;
  /** A reinstall from this image. */
  imageId?: string;
  /** Reinstall only: SSH key pairs instead of a password. */
  keyIds?: string[];
  /** Reinstall only. */
  hostName?: string;
  /** What to do with a running instance when the change starts from a stopped one. Default: the plan's, else `stopAndRestart`. */
  whenRunning?: WhenRunning;
  stopType?: StopType;
}

export interface FleetPlan {
  version: 1;
  /** Base URLs per provider (a mock, a private gateway). */
  endpoints?: { readonly [provider: string]: string };
  /** The billing API's base URL, for a provider that prices through one (JD). */
  billingEndpoints?: { readonly [provider: string]: string };
  defaults?: { whenRunning?: WhenRunning; stopType?: StopType };
  changes: FleetChange[];
}

const text: FieldRules = { type: 'string', minLength: 1, pattern: '^[^\\x00-\\x1F\\x7F]+$' };
const whenRunning: FieldRules = { type: 'string', enum: ['refuse', 'stop', 'stopAndRestart'] };
const stopType: FieldRules = { type: 'string', enum: ['soft', 'softFirst', 'hard'] };
const url: FieldRules = { type: 'string', minLength: 1, pattern: '^https?://[^\\s]+$' };

const urls = (providers: readonly string[]): FieldRules => ({
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(providers.map((name) => [name, url])),
});

/** The rules of one change; `providers` are the facade's drivers. */
export const changeRules = (providers: readonly string[]): FieldRules => ({
  type: 'object',
  additionalProperties: false,
  required: ['provider', 'instanceId'],
  // A change is a resize or a reinstall, never both (the check below asks for one of them).
  not: { required: ['instanceType', 'imageId'] },
  properties: {
    provider: { type: 'string', enum: providers },
    region: text,
    instanceId: text,
    instanceType: text,
    imageId: text,
    keyIds: { type: 'array', minItems: 1, items: text },
    hostName: text,
    whenRunning,
    stopType,
  },
});

/** The rules of a whole plan (the changes' items are checked one by one, so every bad one is named). */
export const planRules = (providers: readonly string[]): FieldRules => ({
  type: 'object',
  additionalProperties: false,
  required: ['version', 'changes'],
  properties: {
    version: { const: 1 },
    endpoints: urls(providers),
    billingEndpoints: urls(providers),
    defaults: { type: 'object', additionalProperties: false, properties: { whenRunning, stopType } },
    changes: { type: 'array', minItems: 1, maxItems: 10_000, items: changeRules(providers) },
  },
});

/** The plan's JSON Schema (draft 2020-12), as documented and shipped by the CLI (`instancekit schema plan`). */
export function planSchema(providers: readonly string[]): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://instancekit.dev/schemas/fleet-plan.json',
    title: 'instancekit fleet plan',
    ...jsonSchemaOf(planRules(providers)),
  };
}

/** FieldRules are JSON Schema but for `not: { required }`, which JSON Schema spells the same; only `type: integer` etc. pass as is. */
function jsonSchemaOf(rules: FieldRules): Record<string, unknown> {
  const out: Record<string, unknown> = { ...rules };
  if (rules.properties)
    out.properties = Object.fromEntries(
      Object.entries(rules.properties).map(([name, rule]) => [name, jsonSchemaOf(rule)]),
    );
  if (rules.items) out.items = jsonSchemaOf(rules.items);
  return out;
}

/** One thing wrong with a plan: the change (its index in `changes`), the field, and what is wrong. */
export interface PlanProblem {
  /** Index in `changes`; undefined for a problem of the plan itself. */
  entry?: number;
  /** `changes[3].instanceType`, `endpoints.tencent`, … */
  field: string;
  message: string;
}

/** A plan refused before anything was sent; `problems` names every bad change, not only the first. */
export class FleetPlanError extends ValidationError {
  readonly problems: readonly PlanProblem[];
  constructor(problems: readonly PlanProblem[]) {
    const first = problems[0] ?? { field: 'plan', message: 'is not valid' };
    super(
      `the fleet plan has ${problems.length} problem(s); nothing was sent. First: ${first.field}: ${first.message}`,
      { field: first.field, rule: 'plan' },
    );
    this.name = 'FleetPlanError';
    this.problems = problems;
  }
}

const ENTRY_FIELD = /^changes\[(\d+)\]/;

/** A problem from a ValidationError (or any error) raised while checking `field`. */
export function problemOf(error: unknown, fallbackField: string, entry?: number): PlanProblem {
  const named = error instanceof ValidationError ? error.field : undefined;
  // A kit's check names the neutral field (`instanceType`); within a plan it is that change's field.
  const field =
    named === undefined
      ? fallbackField
      : named.startsWith(fallbackField)
        ? named
        : `${fallbackField}.${named}`;
  const index = ENTRY_FIELD.exec(field)?.[1];
  const message = error instanceof Error ? error.message : String(error);
  return {
    ...(entry !== undefined ? { entry } : index !== undefined ? { entry: Number(index) } : {}),
    field,
    message,
  };
}

/**
 * Checks the plan's shape: the plan itself first (thrown at once), then every change; the bad changes are returned
 * (every one named) so the caller can check the others further before it refuses the plan.
 */
export function checkPlanShape(
  plan: unknown,
  providers: readonly string[],
): { plan: FleetPlan; problems: PlanProblem[] } {
  const rules = planRules(providers);
  const { changes: _changes, ...top } = rules.properties ?? {};
  try {
    validateInput(plan, {
      ...rules,
      properties: { ...top, changes: { type: 'array', minItems: 1, maxItems: 10_000 } },
    });
  } catch (error) {
    throw new FleetPlanError([problemOf(error, 'plan')]);
  }
  const changes = (plan as FleetPlan).changes;
  const problems: PlanProblem[] = [];
  const itemRules = changeRules(providers);
  const seen = new Map<string, number>();
  for (const [entry, change] of changes.entries()) {
    const field = `changes[${entry}]`;
    try {
      validateInput(change, itemRules, {}, field);
    } catch (error) {
      problems.push(problemOf(error, field, entry));
      continue;
    }
    if ((change.instanceType === undefined) === (change.imageId === undefined)) {
      problems.push({ entry, field, message: 'needs instanceType (a resize) or imageId (a reinstall)' });
      continue;
    }
    if (change.instanceType !== undefined)
      for (const name of ['keyIds', 'hostName'] as const)
        if (change[name] !== undefined)
          problems.push({ entry, field: `${field}.${name}`, message: 'is for a reinstall only' });
    const key = changeKey(change);
    const earlier = seen.get(key);
    if (earlier !== undefined)
      problems.push({ entry, field, message: `changes ${key} again (first in changes[${earlier}])` });
    else seen.set(key, entry);
  }
  return { plan: plan as FleetPlan, problems };
}

/** The identity of a change in the journal: one instance of one provider and region. */
export function changeKey(change: Pick<FleetChange, 'provider' | 'region' | 'instanceId'>): string {
  return `${change.provider}/${change.region ?? '-'}/${change.instanceId}`;
}

export type ChangeKind = 'resize' | 'reinstall';
export const kindOf = (change: FleetChange): ChangeKind =>
  change.instanceType !== undefined ? 'resize' : 'reinstall';
