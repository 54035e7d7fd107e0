// Validation once, in neutral names. The facade does not validate the provider body and then rename the
// fields of the error (that meant string surgery on core's message, and building the body twice). Instead,
// when a kit is made, each mutation's spec rules (the generated `*Operations[action].input`) are restated over
// the neutral input through the driver's declared field map: `password → LoginSettings.Password` makes the
// rules at `LoginSettings.Password` the rules of `password`. Core's `validateInput` then checks the neutral
// input against them once, and its error names the caller's field from the start
// (`ResetInstance: password must be at least 8 characters`), with the provider's action as its context.
//
// Shapes are restated as the mapping changes them: a neutral value that becomes an array's one item
// (`instanceId → InstanceIds`) takes the item rules; a neutral list that becomes one value
// (`keyIds → keyId`) takes at most one item, each with the value's rules. A field the provider requires is
// required of the neutral field that feeds it, and a provider `not: { required }` between fed fields holds
// between the neutral ones. Rules of containers the facade fills whole (`LoginSettings`' maxProperties,
// `userdata`'s constant key) are not restated: the declared body satisfies them by construction.
//
// The client validates the body it is given again, inside core's invoker, with the same rules over the same
// values. That second check is kept on purpose: it is how the client keeps its own promise for every caller,
// it costs microseconds on a handful of fields, and here it can only fire if a driver's `send` builds a body its
// `fields` do not describe — then it still refuses to send (naming the provider field), instead of trusting
// the facade. Skipping it would need a "pre-validated" door into core that any caller could open.
import type { FieldRules } from '@instancekit/core/internal';
import type { MutationDeclaration, OperationTable } from './driver.js';
import type { ProviderName } from './types.js';

const isArray = (rules: FieldRules | undefined): boolean =>
  rules !== undefined && [rules.type].flat().includes('array');

const property = (rules: FieldRules | undefined, name: string): FieldRules | undefined => {
  const properties = rules?.properties;
  return properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
};

/** The neutral rules of one mutation: the spec's rules at each declared path, keyed by the neutral name. */
export function neutralRules<C, I>(
  provider: ProviderName,
  table: OperationTable,
  op: MutationDeclaration<C, I>,
  neutral: FieldRules,
): FieldRules {
  const where = `${provider} ${op.action}`;
  const spec = Object.hasOwn(table, op.action) ? table[op.action]?.input : undefined;
  if (!spec) throw new Error(`${where}: no such operation with request rules in the generated table`);
  const fields = Object.entries(op.fields).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  const declared = new Set([...fields.map(([name]) => name), ...Object.keys(op.refuse ?? {}), 'dryRun']);
  for (const name of Object.keys(neutral.properties ?? {}))
    if (!declared.has(name)) throw new Error(`${where}: the declaration neither maps nor refuses ${name}`);

  const properties: Record<string, FieldRules> = {};
  const required: string[] = [];
  const feeds = new Map<string, string>();
  for (const [name, path] of fields) {
    const [head = '', ...rest] = path.split('.');
    let rules = property(spec, head);
    // Through arrays: `userdata.value` is the `value` of userdata's items.
    for (const segment of rest) rules = property(isArray(rules) ? rules?.items : rules, segment);
    if (!rules) throw new Error(`${where}: the spec has no field ${path} (for ${name})`);
    properties[name] = reshape(rules, property(neutral, name), `${where}: ${name} → ${path}`);
    feeds.set(head, name);
    if (spec.required?.includes(head)) required.push(name);
  }
  for (const name of spec.required ?? [])
    if (!feeds.has(name)) throw new Error(`${where}: no neutral field feeds the required ${name}`);
  const exclusive = spec.not?.required.map((name) => feeds.get(name));
  return {
    type: 'object',
    required,
    properties,
    ...(exclusive?.every((name) => name !== undefined) ? { not: { required: exclusive } } : {}),
  };
}

/** The spec's rules of a provider field, as they apply to the neutral value that feeds it. */
function reshape(rules: FieldRules, neutral: FieldRules | undefined, where: string): FieldRules {
  if (isArray(rules) && !isArray(neutral)) {
    // One value sent as a one-item list: the list's own bounds must allow one item.
    if ((rules.minItems ?? 1) > 1 || rules.maxItems === 0)
      throw new Error(`${where}: the list cannot take one item`);
    return rules.items ?? {};
  }
  // A list sent as one value: the provider takes one of them.
  if (isArray(neutral) && !isArray(rules)) return { maxItems: 1, items: rules };
  return rules;
}
