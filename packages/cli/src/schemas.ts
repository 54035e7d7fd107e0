// The JSON Schemas (draft 2020-12) of what `--json` prints, one per command, and of a fleet plan (the facade's own
// rules, `planSchema`). Printed by `instancekit schema <name>` and documented in docs/cli-guide.md; the tests
// validate every `--json` output against them with Ajv. A change of an output is a change of its schema here.
import { FLEET_PROVIDERS, planSchema } from 'instancekit/fleet-node';

type Schema = Record<string, unknown>;

const string = { type: 'string' } as const;
const nullableString = { type: ['string', 'null'] } as const;
const number = { type: 'number' } as const;
const integer = { type: 'integer' } as const;
const boolean = { type: 'boolean' } as const;
const provider = { type: 'string', enum: [...FLEET_PROVIDERS] } as const;
const neutralState = {
  type: 'string',
  enum: [
    'pending',
    'running',
    'stopped',
    'starting',
    'stopping',
    'resizing',
    'reinstalling',
    'failed',
    'unknown',
  ],
} as const;

/** A closed object: every listed property required unless named in `optional`. */
function object(properties: Record<string, unknown>, optional: readonly string[] = []): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((name) => !optional.includes(name)),
    properties,
  };
}

const instance = object(
  {
    provider,
    instanceId: string,
    state: neutralState,
    providerState: string,
    instanceType: string,
    imageId: nullableString,
    chargeType: string,
  },
  ['chargeType'],
);
const seen = object({
  state: neutralState,
  providerState: string,
  instanceType: string,
  imageId: nullableString,
});
const pricedLine = object({
  item: string,
  billing: { enum: ['prepaid', 'postpaid'] },
  originalAmount: { type: ['number', 'null'] },
  discountedAmount: { type: ['number', 'null'] },
  unit: nullableString,
  percentPaid: { type: ['number', 'null'] },
});
const quote = object(
  {
    provider,
    action: string,
    currency: string,
    lines: { type: 'array', items: pricedLine },
    unconfirmed: { type: 'array', items: string },
    availability: { enum: ['available', 'unknown'] },
  },
  ['availability'],
);
const priceRecord = {
  anyOf: [
    object({
      currency: string,
      lines: { type: 'array', items: pricedLine },
      unconfirmed: { type: 'array', items: string },
    }),
    { type: 'null' },
  ],
};
const step = object(
  {
    step: string,
    action: string,
    requestId: string,
    state: neutralState,
    providerState: string,
    attempts: integer,
    startedAt: number,
    elapsedMs: number,
  },
  ['action', 'requestId', 'state', 'providerState', 'attempts'],
);
const job = object({
  provider,
  job: { enum: ['changeInstanceType', 'reinstallAndWait'] },
  instanceId: string,
  changed: boolean,
  message: string,
  before: instance,
  after: instance,
  steps: { type: 'array', items: step },
  elapsedMs: number,
});
const dryRun = object(
  {
    dryRun: { const: true },
    provider,
    action: string,
    quote: { anyOf: [quote, { type: 'null' }] },
    availability: { enum: ['available', 'soldOut', 'unavailable', 'notOffered', 'unknown'] },
  },
  ['availability'],
);
const power = object(
  {
    provider,
    instanceId: string,
    action: string,
    noop: boolean,
    requestId: string,
    message: string,
    after: instance,
  },
  ['requestId', 'message'],
);
/** `stop`/`start --dry-run`: the instance as it is, and whether the action would be sent (nothing is). */
const powerDryRun = object({
  dryRun: { const: true },
  provider,
  instanceId: string,
  action: string,
  wouldSend: boolean,
  message: string,
  before: instance,
});
const wait = object({
  provider,
  action: string,
  instanceId: string,
  requestId: string,
  state: string,
  polls: integer,
  elapsedMs: number,
});
const options = object({
  provider,
  action: string,
  instanceId: string,
  options: {
    type: 'array',
    items: object({ instanceType: string, availability: { enum: ['available', 'soldOut', 'unavailable'] } }),
  },
});
const priceTotal = object({
  currency: string,
  billing: { enum: ['prepaid', 'postpaid'] },
  unit: nullableString,
  amount: number,
  changes: integer,
});
const outcome = {
  enum: ['changed', 'unchanged', 'failed', 'aborted', 'needsOperator', 'inFlight', 'pending'],
};
/** A change's identity, as the report and the preview both name it (the fleet's changeIdentity). */
const changeIdentity = {
  key: string,
  provider,
  region: string,
  instanceId: string,
  kind: { enum: ['resize', 'reinstall'] },
  target: string,
};
const reportEntry = object(
  {
    ...changeIdentity,
    outcome,
    message: string,
    code: string,
    failedStep: string,
    requestIds: { type: 'array', items: string },
    mutations: {
      type: 'array',
      items: object(
        {
          action: string,
          executed: { enum: ['yes', 'no', 'unknown', 'noAnswer'] },
          requestId: string,
          code: string,
          at: number,
        },
        ['requestId', 'code'],
      ),
    },
    attempts: integer,
    startedAt: number,
    endedAt: number,
    elapsedMs: number,
    before: seen,
    after: seen,
    price: priceRecord,
    priceNote: string,
  },
  ['region', 'code', 'failedStep', 'startedAt', 'endedAt', 'elapsedMs', 'before', 'after', 'priceNote'],
);
const report = object({
  ok: boolean,
  counts: object(Object.fromEntries((outcome.enum as string[]).map((name) => [name, integer]))),
  entries: { type: 'array', items: reportEntry },
  totals: { type: 'array', items: priceTotal },
  runs: integer,
  interrupted: boolean,
});
const previewEntry = object(
  {
    ...changeIdentity,
    now: seen,
    noop: boolean,
    wouldStop: boolean,
    refused: boolean,
    availability: { enum: ['available', 'soldOut', 'unavailable', 'notOffered', 'unknown', 'notApplicable'] },
    price: priceRecord,
    priceNote: string,
    error: object({ code: string, message: string, requestId: string }, ['requestId']),
  },
  ['region', 'now', 'priceNote', 'error'],
);
const preview = object({
  ok: boolean,
  entries: { type: 'array', items: previewEntry },
  totals: { type: 'array', items: priceTotal },
});
const error = object({
  error: object(
    {
      code: string,
      message: string,
      field: string,
      provider: string,
      action: string,
      requestId: string,
      problems: {
        type: 'array',
        items: object({ entry: integer, field: string, message: string, line: integer }, ['entry', 'line']),
      },
    },
    ['field', 'provider', 'action', 'requestId', 'problems'],
  ),
});

/** Every schema by name: a command's output, `error` (any command's failure with --json) and `plan`. */
export const SCHEMAS: Readonly<Record<string, Schema>> = {
  describe: instance,
  quote,
  options,
  resize: { anyOf: [job, dryRun] },
  reinstall: { anyOf: [job, dryRun] },
  start: { anyOf: [power, powerDryRun] },
  stop: { anyOf: [power, powerDryRun] },
  wait,
  'fleet-plan': preview,
  'fleet-apply': report,
  'fleet-status': report,
  error,
  plan: planSchema(FLEET_PROVIDERS),
};

export function schemaDocument(name: string): Schema {
  const schema = SCHEMAS[name];
  if (!schema) throw new Error(`no schema ${name}`);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://instancekit.dev/schemas/cli/${name}.json`,
    ...schema,
  };
}
