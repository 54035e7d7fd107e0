import { type FieldRules, ValidationError, validateInput } from '@instancekit/core/internal';
import { abortSignal } from './schemas.js';
import type { ProviderName } from './types.js';

interface Context {
  provider?: ProviderName;
  action?: string;
}

/** `table[key]` when `key` is the table's own: a caller's `constructor` or `__proto__` finds nothing. */
export function own<V>(table: { readonly [key: string]: V }, key: unknown): V | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Checks one argument of a facade call against its declared rules (schemas.ts) and returns a snapshot of it:
 * every own property read once into a plain object, so a getter cannot show the check one value and the
 * driver another. `argument` names the argument itself when it is missing or no plain object.
 */
export function checkArgument<T>(
  argument: string,
  value: unknown,
  rules: FieldRules,
  ctx: Context,
  optional = false,
): T {
  const snapshot = snapshotOf(value);
  // The argument as a whole: absent (when required), null, a string, a class instance, a symbol key.
  validateInput({ [argument]: snapshot }, wholeArgumentRules(argument, optional), ctx);
  if (snapshot === undefined) return undefined as T;
  const record = snapshot as Record<string, unknown>;
  checkExclusive(record, rules, ctx);
  validateInput(withoutSignals(record, rules), rules, ctx);
  return record as T;
}

/** The rules of an argument as a whole, by argument name and whether it may be absent: the same few, made once. */
const wholeArgument = new Map<string, FieldRules>();

function wholeArgumentRules(argument: string, optional: boolean): FieldRules {
  const id = `${optional ? '?' : ''}${argument}`;
  let rules = wholeArgument.get(id);
  if (!rules) {
    // `additionalProperties: true` says nothing of the fields but makes core check the object is a plain one.
    rules = {
      required: optional ? [] : [argument],
      properties: { [argument]: { type: 'object', additionalProperties: true } },
    };
    wholeArgument.set(id, rules);
  }
  return rules;
}

/**
 * Every own property (symbols too, so core refuses them) read once, onto an object of the same prototype (so
 * core still refuses a class instance). Anything that is not an object is returned as it is.
 */
function snapshotOf(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const proto = Object.getPrototypeOf(value);
  // Assignment, cheaper, where no setter can run: on a plain object every name but `__proto__`. Elsewhere
  // defineProperty, so `__proto__` stays a key (and is refused) and a class's setter is never called.
  const assignable = proto === Object.prototype || proto === null;
  const snapshot = Object.create(proto) as Record<PropertyKey, unknown>;
  for (const key of Reflect.ownKeys(value)) {
    const item = (value as Record<PropertyKey, unknown>)[key];
    if (!assignable || key === '__proto__')
      Object.defineProperty(snapshot, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else snapshot[key] = item;
  }
  return snapshot;
}

/** The names of each rule set's AbortSignal fields, found once per rule set. */
const signalFields = new WeakMap<FieldRules, readonly string[]>();

function signalFieldsOf(rules: FieldRules): readonly string[] {
  let names = signalFields.get(rules);
  if (!names) {
    names = Object.entries(rules.properties ?? {})
      .filter(([, rule]) => rule === abortSignal)
      .map(([name]) => name);
    signalFields.set(rules, names);
  }
  return names;
}

/**
 * Core validates plain objects only, and an AbortSignal is none: a real signal is taken out of what the rules
 * see; anything else under a signal field stays and is refused by the field's rule (`must be AbortSignal`).
 */
function withoutSignals(snapshot: Record<string, unknown>, rules: FieldRules): Record<string, unknown> {
  const names = signalFieldsOf(rules);
  if (names.length === 0) return snapshot;
  const checked = { ...snapshot };
  for (const name of names)
    if (Object.hasOwn(checked, name) && checked[name] instanceof AbortSignal) checked[name] = undefined;
  return checked;
}

/** Core checks `not: { required }` too, but names the whole input; the caller is better told the field to drop. */
function checkExclusive(snapshot: Record<string, unknown>, rules: FieldRules, ctx: Context): void {
  const names = rules.not?.required;
  if (!names?.every((name) => Object.hasOwn(snapshot, name) && snapshot[name] !== undefined)) return;
  const field = names.at(-1)!;
  throw new ValidationError(
    `${ctx.action ? `${ctx.action}: ` : ''}${field} may not be combined with ${names.slice(0, -1).join(', ')}: choose one`,
    { field, rule: 'exclusive', ...ctx },
  );
}
