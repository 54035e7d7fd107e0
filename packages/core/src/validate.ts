import { type ProviderName, ValidationError } from './errors.js';

/**
 * The subset of JSON Schema that tools/generate copies from each spec's request definitions, plus the
 * `x-instancekit-rules` that no JSON Schema keyword can express. Validation runs before any request is built,
 * so bad input fails locally with the field's name and nothing is sent.
 */
export interface FieldRules {
  type?: string | string[];
  required?: readonly string[];
  properties?: { readonly [name: string]: FieldRules };
  additionalProperties?: boolean;
  items?: FieldRules;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: readonly unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  maxProperties?: number;
  /** Mutually exclusive fields: `{required: [a, b]}` must not all be present. */
  not?: { required: readonly string[] };
  minCharacterClasses?: number;
  maxDecodedBytes?: number;
}

interface Context {
  provider?: ProviderName;
  action?: string;
}

const patternCache = new Map<string, RegExp>();

function fail(field: string, rule: string, message: string, ctx: Context): never {
  const where = field || 'input';
  throw new ValidationError(`${ctx.action ? `${ctx.action}: ` : ''}${where} ${message}`, {
    field: where,
    rule,
    ...ctx,
  });
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  // NaN and ±Infinity are no JSON number: `Number(process.env.UNSET)` must not pass as one.
  if (typeof value === 'number')
    return Number.isFinite(value) ? (Number.isInteger(value) ? 'integer' : 'number') : 'non-finite number';
  return typeof value;
}

const hasOwn = (object: object | undefined, name: string): boolean =>
  object !== undefined && Object.hasOwn(object, name);

function matchesType(list: readonly string[], actual: string): boolean {
  return list.includes(actual) || (actual === 'integer' && list.includes('number'));
}

/** How many of: lower case, upper case, digit, other printable character. */
function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(value)).length;
}

function decodedBase64Bytes(value: string): number {
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return Math.floor((value.length * 3) / 4) - padding;
}

/** Code points of `value`, counted without building an array of them (a 100 MB string must not cost GBs). */
function codePoints(value: string): number {
  let count = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** One rule set, as a function of the value, the call's context and the field's name. */
type Check = (value: unknown, ctx: Context, field: string) => void;

/**
 * Each rule set's check, made the first time the rules are used and kept while they are. The same tables check
 * every call, and a function made for one set of rules tests only what those rules say, where reading every
 * keyword of every rule set (most absent, in objects of many shapes) cost more than the tests themselves. Rules
 * are read once, when their check is made: they are constants (the generated tables, the facade's schemas).
 */
const checks = new WeakMap<FieldRules, Check>();

function checkOf(rules: FieldRules): Check {
  let check = checks.get(rules);
  if (check === undefined) {
    check = compileRules(rules);
    checks.set(rules, check);
  }
  return check;
}

/** Throws a `ValidationError` naming the first field that breaks `rules`; returns quietly otherwise. */
export function validateInput(value: unknown, rules: FieldRules, ctx: Context = {}, field = ''): void {
  checkOf(rules)(value, ctx, field);
}

/** The order of the tests is the rules' contract: type, const, enum, then what the value's type has. */
function compileRules(rules: FieldRules): Check {
  const { type, const: constant, enum: allowed, minimum, maximum, minItems, maxItems, items } = rules;
  const types = type === undefined ? undefined : [type].flat();
  const string = compileString(rules);
  const object = compileObject(rules);
  let itemCheck: Check | undefined;
  return (value, ctx, field) => {
    if (value === undefined) return;
    if (types !== undefined) {
      const actual = typeOf(value);
      if (!matchesType(types, actual))
        fail(
          field,
          'type',
          `must be ${types.join(' or ')} (got ${actual === 'non-finite number' ? value : actual})`,
          ctx,
        );
    }
    if (constant !== undefined && value !== constant)
      fail(field, 'const', `must be ${JSON.stringify(constant)}`, ctx);
    if (allowed !== undefined && !allowed.includes(value))
      fail(field, 'enum', `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`, ctx);
    if (typeof value === 'number') {
      if (minimum !== undefined && value < minimum) fail(field, 'minimum', `must be ≥ ${minimum}`, ctx);
      if (maximum !== undefined && value > maximum) fail(field, 'maximum', `must be ≤ ${maximum}`, ctx);
    } else if (typeof value === 'string') string(value, ctx, field);
    else if (Array.isArray(value)) {
      if (minItems !== undefined && value.length < minItems)
        fail(field, 'minItems', `must have at least ${minItems} item(s) (got ${value.length})`, ctx);
      if (maxItems !== undefined && value.length > maxItems)
        fail(field, 'maxItems', `must have at most ${maxItems} item(s) (got ${value.length})`, ctx);
      if (items) {
        itemCheck ??= checkOf(items);
        // By index, not the array's own iterator: a hole is undefined (no rule applies to it), and an array
        // with an `entries` of its own runs none of it.
        for (let i = 0; i < value.length; i++) itemCheck(value[i], ctx, `${field}[${i}]`);
      }
    } else if (object !== undefined && value !== null && typeof value === 'object')
      object(value as Record<string, unknown>, ctx, field);
  };
}

function compileString(rules: FieldRules): (value: string, ctx: Context, field: string) => void {
  const { minLength, maxLength, pattern, minCharacterClasses, maxDecodedBytes } = rules;
  let re: RegExp | undefined;
  return (value, ctx, field) => {
    // More than two UTF-16 units per allowed code point cannot fit: refuse before scanning a huge string.
    if (maxLength !== undefined && value.length > maxLength * 2)
      fail(field, 'maxLength', `must be at most ${maxLength} characters (got ${value.length} or more)`, ctx);
    // A lone surrogate has no UTF-8 form: encodeURIComponent throws a URIError on it, TextEncoder silently
    // sends U+FFFD instead, so the signed value and the sent one would differ.
    if (!isWellFormed(value)) fail(field, 'wellFormed', 'contains a lone surrogate (not valid Unicode)', ctx);
    if (minLength !== undefined || maxLength !== undefined) {
      // Length counts code points, as JSON Schema does.
      const length = codePoints(value);
      if (minLength !== undefined && length < minLength)
        fail(field, 'minLength', `must be at least ${minLength} characters (got ${length})`, ctx);
      if (maxLength !== undefined && length > maxLength)
        fail(field, 'maxLength', `must be at most ${maxLength} characters (got ${length})`, ctx);
    }
    if (pattern !== undefined) {
      // Made when first needed (a spec's pattern is compiled once for every rule set that has it).
      re ??= patternOf(pattern);
      if (!re.test(value)) fail(field, 'pattern', `does not match ${pattern}`, ctx);
    }
    if (minCharacterClasses !== undefined && characterClasses(value) < minCharacterClasses)
      fail(
        field,
        'minCharacterClasses',
        `must mix at least ${minCharacterClasses} of: lower case, upper case, digits, special characters`,
        ctx,
      );
    if (maxDecodedBytes !== undefined && decodedBase64Bytes(value) > maxDecodedBytes)
      fail(field, 'maxDecodedBytes', `must decode to at most ${maxDecodedBytes} bytes`, ctx);
  };
}

function patternOf(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

function compileObject(
  rules: FieldRules,
): ((value: Record<string, unknown>, ctx: Context, field: string) => void) | undefined {
  const { properties, required, additionalProperties, maxProperties, not } = rules;
  // Rules that say nothing of an object's fields (`{}`, `{ type: 'object' }`) accept any object: an
  // AbortSignal, say. Only a described object is checked field by field.
  const described =
    properties !== undefined ||
    required !== undefined ||
    additionalProperties !== undefined ||
    maxProperties !== undefined ||
    not !== undefined;
  if (!described) return undefined;
  const closed = additionalProperties === false;
  const fieldChecks = new Map<string, Check>();
  const fieldCheck = (name: string): Check => {
    let check = fieldChecks.get(name);
    if (check === undefined) {
      check = checkOf(properties![name]!);
      fieldChecks.set(name, check);
    }
    return check;
  };
  return (value, ctx, field) => {
    const prefix = field ? `${field}.` : '';
    // A class instance or an object with a prototype of its own could carry inherited fields that are read
    // but never validated: only plain objects (or Object.create(null)) are input.
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) fail(field, 'type', 'must be a plain object', ctx);
    if (maxProperties !== undefined) {
      const present = Object.keys(value).filter((name) => value[name] !== undefined);
      if (present.length > maxProperties)
        fail(field, 'maxProperties', `takes at most ${maxProperties} of ${present.join(', ')}`, ctx);
    }
    if (not?.required.every((name) => hasOwn(value, name) && value[name] !== undefined))
      fail(field, 'exclusive', `may not combine ${not.required.join(' and ')}`, ctx);
    // Every own key, the non-enumerable ones included: what is not checked must not reach the wire. Unknown
    // keys first, so a typo (`instanceid`) is named as such rather than as a missing field.
    const keys = Reflect.ownKeys(value);
    for (const name of keys) {
      if (typeof name === 'symbol') fail(field, 'additionalProperties', 'has a symbol key', ctx);
      if (closed && !hasOwn(properties, name) && value[name] !== undefined)
        fail(`${prefix}${name}`, 'additionalProperties', 'is not a known field', ctx);
    }
    // Own properties only: `constructor` or `toString` must not count as present because Object.prototype has them.
    if (required !== undefined)
      for (const name of required)
        if (!hasOwn(value, name) || value[name] === undefined)
          fail(`${prefix}${name}`, 'required', 'is required', ctx);
    if (properties !== undefined)
      for (const name of keys as string[])
        if (hasOwn(properties, name)) fieldCheck(name)(value[name], ctx, `${prefix}${name}`);
  };
}

const MAX_DEPTH = 32;

/**
 * A plain-data copy of caller input, taken once before anything else reads it, so that what is validated is
 * what is sent: every own property read exactly once through its descriptor (a getter or a Proxy cannot show
 * the validator one value and the wire another), accessors, symbol keys, class instances, array holes,
 * `undefined` items and extra keys on arrays refused with a ValidationError naming the field. Functions are
 * kept as they are (options carry `fetch`, `logger`, `now`).
 */
export function plainCopy(
  value: unknown,
  ctx: Context = {},
  field = '',
  depth = 0,
  /** Top-level keys whose values are kept by reference (a call's AbortSignal). */
  byReference?: ReadonlySet<string>,
): unknown {
  if (value === null || typeof value !== 'object') return value;
  const where = (name: string | number) =>
    typeof name === 'number' ? `${field}[${name}]` : field ? `${field}.${name}` : name;
  if (depth > MAX_DEPTH) fail(field, 'depth', `is nested more than ${MAX_DEPTH} levels deep`, ctx);
  const keys = Reflect.ownKeys(value);
  const read = (name: string | number): unknown => {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, name);
    if (!descriptor) fail(where(name), 'required', 'is a hole in the array', ctx);
    if (!('value' in descriptor)) fail(where(name), 'accessor', 'must be a plain value, not a getter', ctx);
    return descriptor.value;
  };
  if (Array.isArray(value)) {
    for (const key of keys)
      if (key !== 'length' && !(typeof key === 'string' && /^(?:0|[1-9]\d*)$/.test(key)))
        fail(where(String(key)), 'additionalProperties', 'is not an item of the array', ctx);
    const length = value.length;
    const out: unknown[] = [];
    for (let i = 0; i < length; i++) {
      const item = read(i);
      if (item === undefined) fail(where(i), 'type', 'must not be undefined', ctx);
      // A primitive is its own copy: no path string for it (most items are strings: instance ids).
      out.push(item === null || typeof item !== 'object' ? item : plainCopy(item, ctx, where(i), depth + 1));
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(field, 'type', 'must be a plain object', ctx);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    if (typeof key === 'symbol') fail(field, 'additionalProperties', 'has a symbol key', ctx);
    const name = key as string;
    const item = read(name);
    const copy =
      item === null || typeof item !== 'object' || byReference?.has(name)
        ? item
        : plainCopy(item, ctx, where(name), depth + 1);
    // defineProperty for `__proto__`, so it stays an own key of the copy (and is refused as unknown); plain
    // assignment for every other name (Object.prototype has no other setter).
    if (name === '__proto__')
      Object.defineProperty(out, name, { value: copy, enumerable: true, writable: true, configurable: true });
    else out[name] = copy;
  }
  return out;
}
