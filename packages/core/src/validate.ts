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

function matchesType(expected: string | string[], actual: string): boolean {
  const list = Array.isArray(expected) ? expected : [expected];
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

function checkString(value: string, rules: FieldRules, field: string, ctx: Context): void {
  // More than two UTF-16 units per allowed code point cannot fit: refuse before scanning a huge string.
  if (rules.maxLength !== undefined && value.length > rules.maxLength * 2)
    fail(
      field,
      'maxLength',
      `must be at most ${rules.maxLength} characters (got ${value.length} or more)`,
      ctx,
    );
  // A lone surrogate has no UTF-8 form: encodeURIComponent throws a URIError on it, TextEncoder silently
  // sends U+FFFD instead, so the signed value and the sent one would differ.
  if (!isWellFormed(value)) fail(field, 'wellFormed', 'contains a lone surrogate (not valid Unicode)', ctx);
  // Length counts code points, as JSON Schema does.
  const length = codePoints(value);
  if (rules.minLength !== undefined && length < rules.minLength)
    fail(field, 'minLength', `must be at least ${rules.minLength} characters (got ${length})`, ctx);
  if (rules.maxLength !== undefined && length > rules.maxLength)
    fail(field, 'maxLength', `must be at most ${rules.maxLength} characters (got ${length})`, ctx);
  if (rules.pattern !== undefined) {
    let re = patternCache.get(rules.pattern);
    if (!re) {
      re = new RegExp(rules.pattern, 'u');
      patternCache.set(rules.pattern, re);
    }
    if (!re.test(value)) fail(field, 'pattern', `does not match ${rules.pattern}`, ctx);
  }
  if (rules.minCharacterClasses !== undefined && characterClasses(value) < rules.minCharacterClasses)
    fail(
      field,
      'minCharacterClasses',
      `must mix at least ${rules.minCharacterClasses} of: lower case, upper case, digits, special characters`,
      ctx,
    );
  if (rules.maxDecodedBytes !== undefined && decodedBase64Bytes(value) > rules.maxDecodedBytes)
    fail(field, 'maxDecodedBytes', `must decode to at most ${rules.maxDecodedBytes} bytes`, ctx);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** Throws a `ValidationError` naming the first field that breaks `rules`; returns quietly otherwise. */
export function validateInput(value: unknown, rules: FieldRules, ctx: Context = {}, field = ''): void {
  if (value === undefined) return;
  const actual = typeOf(value);
  if (rules.type !== undefined && !matchesType(rules.type, actual))
    fail(
      field,
      'type',
      `must be ${[rules.type].flat().join(' or ')} (got ${actual === 'non-finite number' ? value : actual})`,
      ctx,
    );
  if (rules.const !== undefined && value !== rules.const)
    fail(field, 'const', `must be ${JSON.stringify(rules.const)}`, ctx);
  if (rules.enum !== undefined && !rules.enum.includes(value))
    fail(field, 'enum', `must be one of ${rules.enum.map((v) => JSON.stringify(v)).join(', ')}`, ctx);
  if (typeof value === 'number') {
    if (rules.minimum !== undefined && value < rules.minimum)
      fail(field, 'minimum', `must be ≥ ${rules.minimum}`, ctx);
    if (rules.maximum !== undefined && value > rules.maximum)
      fail(field, 'maximum', `must be ≤ ${rules.maximum}`, ctx);
  }
  if (typeof value === 'string') checkString(value, rules, field, ctx);
  if (Array.isArray(value)) {
    if (rules.minItems !== undefined && value.length < rules.minItems)
      fail(field, 'minItems', `must have at least ${rules.minItems} item(s) (got ${value.length})`, ctx);
    if (rules.maxItems !== undefined && value.length > rules.maxItems)
      fail(field, 'maxItems', `must have at most ${rules.maxItems} item(s) (got ${value.length})`, ctx);
    if (rules.items) {
      for (const [i, item] of value.entries()) validateInput(item, rules.items, ctx, `${field}[${i}]`);
    }
  }
  if (actual === 'object') validateObject(value as Record<string, unknown>, rules, ctx, field);
}

function validateObject(
  value: Record<string, unknown>,
  rules: FieldRules,
  ctx: Context,
  field: string,
): void {
  // Rules that say nothing of an object's fields (`{}`, `{ type: 'object' }`) accept any object: an
  // AbortSignal, say. Only a described object is checked field by field.
  const described =
    rules.properties !== undefined ||
    rules.required !== undefined ||
    rules.additionalProperties !== undefined ||
    rules.maxProperties !== undefined ||
    rules.not !== undefined;
  if (!described) return;
  const prefix = field ? `${field}.` : '';
  // A class instance or an object with a prototype of its own could carry inherited fields that are read
  // but never validated: only plain objects (or Object.create(null)) are input.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) fail(field, 'type', 'must be a plain object', ctx);
  if (rules.maxProperties !== undefined) {
    const present = Object.keys(value).filter((name) => value[name] !== undefined);
    if (present.length > rules.maxProperties)
      fail(field, 'maxProperties', `takes at most ${rules.maxProperties} of ${present.join(', ')}`, ctx);
  }
  if (rules.not?.required.every((name) => hasOwn(value, name) && value[name] !== undefined))
    fail(field, 'exclusive', `may not combine ${rules.not.required.join(' and ')}`, ctx);
  // Every own key, the non-enumerable ones included: what is not checked must not reach the wire. Unknown
  // keys first, so a typo (`instanceid`) is named as such rather than as a missing field.
  const keys = Reflect.ownKeys(value);
  for (const name of keys) {
    if (typeof name === 'symbol') fail(field, 'additionalProperties', 'has a symbol key', ctx);
    if (rules.additionalProperties === false && !hasOwn(rules.properties, name) && value[name] !== undefined)
      fail(`${prefix}${name}`, 'additionalProperties', 'is not a known field', ctx);
  }
  // Own properties only: `constructor` or `toString` must not count as present because Object.prototype has them.
  for (const name of rules.required ?? []) {
    if (!hasOwn(value, name) || value[name] === undefined)
      fail(`${prefix}${name}`, 'required', 'is required', ctx);
  }
  for (const name of keys as string[]) {
    if (hasOwn(rules.properties, name))
      validateInput(value[name], rules.properties![name]!, ctx, `${prefix}${name}`);
  }
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
