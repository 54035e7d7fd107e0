/**
 * Turns a request schema of the spec into the validation rules `@instancekit/core` enforces before sending
 * (the `FieldRules` subset of JSON Schema plus `x-instancekit-rules`). Only constraints are kept: descriptions,
 * examples and provenance stay in the spec and the docs.
 */

type Schema = Record<string, unknown>;

const COPIED = [
  'type',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'enum',
  'const',
  'minimum',
  'maximum',
  'maxProperties',
] as const;

function mergeAllOf(schema: Schema): Schema {
  const parts = (schema.allOf as Schema[] | undefined) ?? [];
  if (parts.length === 0) return schema;
  const { allOf: _allOf, ...rest } = schema;
  return parts.reduce<Schema>((merged, part) => {
    const flat = mergeAllOf(part);
    return {
      ...merged,
      ...flat,
      properties: { ...(merged.properties as Schema), ...(flat.properties as Schema) },
      required: [...((merged.required as string[]) ?? []), ...((flat.required as string[]) ?? [])],
    };
  }, rest);
}

export function toFieldRules(input: Schema): Schema {
  const schema = mergeAllOf(input);
  const rules: Schema = {};
  for (const key of COPIED) if (schema[key] !== undefined) rules[key] = schema[key];
  if (Array.isArray(schema.required) && schema.required.length > 0)
    rules.required = [...new Set(schema.required)];
  if (schema.properties && typeof schema.properties === 'object') {
    rules.properties = Object.fromEntries(
      Object.entries(schema.properties as Record<string, Schema>).map(([name, child]) => [
        name,
        toFieldRules(child),
      ]),
    );
  }
  if (schema.additionalProperties === false) rules.additionalProperties = false;
  if (schema.items && typeof schema.items === 'object') rules.items = toFieldRules(schema.items as Schema);
  const not = schema.not as Schema | undefined;
  if (not && Array.isArray(not.required)) rules.not = { required: not.required };
  const extra = schema['x-instancekit-rules'] as Schema | undefined;
  if (extra) Object.assign(rules, extra);
  return rules;
}
