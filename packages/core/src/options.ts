import { readEnv } from './env.js';
import { CredentialsError, type ProviderName, ValidationError } from './errors.js';
import { type FieldRules, plainCopy, validateInput } from './validate.js';

/**
 * The largest delay a timer takes: Node, browsers and Deno run a longer `setTimeout` after 1 ms, so a
 * `timeoutMs` of Infinity or 2^31 would make every call time out at once.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

const milliseconds = (minimum: number): FieldRules => ({ type: 'integer', minimum, maximum: MAX_TIMER_MS });

export const RETRY_OPTION_RULES: FieldRules = {
  type: ['object', 'boolean'],
  additionalProperties: false,
  properties: {
    maxAttempts: { type: 'integer', minimum: 1, maximum: 10 },
    baseDelayMs: milliseconds(0),
    maxDelayMs: milliseconds(0),
  },
};

/** The options of every client, whatever the provider; a client adds its own (credentials, region, …). */
export const TRANSPORT_OPTION_RULES: { readonly [name: string]: FieldRules } = {
  fetch: { type: 'function' },
  timeoutMs: milliseconds(1),
  retry: RETRY_OPTION_RULES,
  logger: { type: 'function' },
  maxResponseBytes: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 },
  endpoint: { type: 'string', minLength: 1 },
  now: { type: 'function' },
};

/** The options a single call takes. `signal` is checked apart: it is an object of its own class. */
export const CALL_OPTION_RULES: FieldRules = {
  type: 'object',
  additionalProperties: false,
  properties: {
    signal: {},
    timeoutMs: milliseconds(1),
    retry: RETRY_OPTION_RULES,
    maxResponseBytes: TRANSPORT_OPTION_RULES.maxResponseBytes!,
  },
};

function isAbortSignal(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function' &&
    typeof (value as AbortSignal).removeEventListener === 'function'
  );
}

const BY_REFERENCE = new Set(['signal']);

/**
 * Checks a call's options and returns the plain copy to use: unknown keys, getters, NaN, Infinity or
 * out-of-range numbers and a non-signal are refused. The caller's object is never read again.
 */
export function checkCallOptions(options: unknown, provider: ProviderName, action: string): CallOptionsCopy {
  const ctx = { provider, action };
  const copy = plainCopy(options, ctx, 'options', 0, BY_REFERENCE) as CallOptionsCopy | undefined;
  validateInput(copy, CALL_OPTION_RULES, ctx, 'options');
  const signal = copy?.signal;
  if (signal !== undefined && !isAbortSignal(signal))
    throw new ValidationError(`${action}: options.signal must be an AbortSignal`, {
      field: 'options.signal',
      rule: 'type',
      provider,
      action,
    });
  return copy ?? {};
}

/** The options of one call as checked. */
export interface CallOptionsCopy {
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number } | false;
  maxResponseBytes?: number;
}

/**
 * Checks a client's options when it is created: a closed object of the transport options and the provider's
 * own (`own`), every number in range, the endpoint an http(s) base URL, the region in the provider's form.
 */
/** What a client adds to core's transport options, as its declaration states it. */
export interface ClientOptionRules {
  readonly properties?: { readonly [name: string]: FieldRules };
  /** Base URLs besides `endpoint` (JD's `billingEndpoint`): each checked as an endpoint. */
  readonly endpoints?: readonly string[];
}

/**
 * A client's options checked against core's transport options, `credentials`, a required `region` where the
 * provider has regions (in the documented form), and the client's own: anything else is refused.
 */
export function checkClientOptions<Options>(
  options: Options,
  provider: ProviderName,
  own: ClientOptionRules,
  regionPattern?: string,
): Options {
  const endpoints = ['endpoint', ...(own.endpoints ?? [])];
  const region: { [name: string]: FieldRules } =
    regionPattern === undefined ? {} : { region: { type: 'string', minLength: 1 } };
  const rules: FieldRules = {
    type: 'object',
    additionalProperties: false,
    properties: {
      ...TRANSPORT_OPTION_RULES,
      credentials: { type: 'object' },
      ...region,
      ...Object.fromEntries(endpoints.map((name) => [name, TRANSPORT_OPTION_RULES.endpoint!])),
      ...own.properties,
    },
    ...(regionPattern === undefined ? {} : { required: ['region'] }),
  };
  // A plain copy, frozen: what was checked is what the client uses, whatever the caller does to its object later.
  const record = Object.freeze((plainCopy(options, { provider }) ?? {}) as Record<string, unknown>);
  validateInput(record, rules, { provider });
  for (const name of endpoints)
    if (typeof record[name] === 'string') checkEndpoint(record[name] as string, provider, name);
  if (
    regionPattern !== undefined &&
    typeof record.region === 'string' &&
    !new RegExp(regionPattern, 'u').test(record.region)
  )
    throw new ValidationError(`region must match ${regionPattern}`, {
      field: 'region',
      rule: 'pattern',
      provider,
    });
  return record as Options;
}

/**
 * An endpoint is an http(s) base URL and nothing more. User info would be sent to every host the URL names and
 * shown in logs; a query or a fragment would be mangled into every request's URL. The message never repeats
 * the value, which may carry a password.
 */
export function checkEndpoint(endpoint: string, provider: ProviderName, field = 'endpoint'): void {
  const refuse = (why: string): never => {
    throw new ValidationError(`${field} ${why}`, { field, rule: 'endpoint', provider });
  };
  if (!URL.canParse(endpoint)) refuse('is not an absolute URL');
  const url = new URL(endpoint);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') refuse('must be an http: or https: URL');
  if (url.username || url.password) refuse('must not carry a user name or password');
  if (url.search || endpoint.includes('?')) refuse('must not carry a query string');
  if (url.hash || endpoint.includes('#')) refuse('must not carry a fragment');
}

/** One credential field: its name in the credentials object and the environment variable it falls back to. */
export interface CredentialField {
  readonly name: string;
  readonly env: string;
  readonly optional?: boolean;
  /** A secret (a key, a password, a session token): scrubbed by value from every error and log event. */
  readonly secret?: boolean;
}

/**
 * Printable ASCII without spaces: every credential of these providers is that. A newline or another control
 * character would make fetch throw a TypeError quoting the whole header (signature or session token included);
 * a space or a non-ASCII character is a paste error that no gateway would accept.
 */
const CREDENTIAL_CHARACTERS = /^[\x21-\x7e]+$/;

/**
 * The given credentials, field by field falling back to the environment variables; a closed object (an unknown
 * key such as `secretid` is refused instead of silently reading the environment), every value a string of
 * printable ASCII. Errors name the field and the variable, never the value.
 */
export function resolveCredentials(
  provider: ProviderName,
  label: string,
  given: unknown,
  fields: readonly CredentialField[],
): Record<string, string> {
  const refuse = (message: string, field?: string): never => {
    throw new CredentialsError(`${label} ${message}`, { provider, ...(field ? { field } : {}) });
  };
  if (given !== undefined && (typeof given !== 'object' || given === null || Array.isArray(given)))
    refuse('credentials must be an object');
  const record = (given ?? {}) as Record<string, unknown>;
  for (const key of Reflect.ownKeys(record))
    if (typeof key !== 'string' || !fields.some((field) => field.name === key))
      refuse(
        `credentials has an unknown field ${JSON.stringify(String(key))}: use ${fields.map((f) => f.name).join(', ')}`,
      );
  // Explicit credentials are the whole answer: the environment is not read (Deno would ask for --allow-env,
  // and a session token left in the environment must not be mixed with keys given in code).
  const explicit = fields.some(({ name }) => record[name] !== undefined);
  const resolved: Record<string, string> = {};
  for (const { name, env, optional } of fields) {
    const own = Object.hasOwn(record, name) ? record[name] : undefined;
    const value = explicit ? own : readEnv(env, (message) => refuse(message, name));
    if (value === undefined || value === '') {
      if (optional) continue;
      refuse(
        explicit
          ? `${name} is missing: pass credentials.${name} too, or pass no credentials and set ${env}`
          : `${name} is missing: pass credentials.${name} or set ${env}`,
        name,
      );
    }
    const source = explicit ? `credentials.${name}` : env;
    if (typeof value !== 'string') refuse(`${source} must be a string`, name);
    if (!CREDENTIAL_CHARACTERS.test(value as string))
      refuse(`${source} may hold printable ASCII only (no line break, space or control character)`, name);
    resolved[name] = value as string;
  }
  return resolved;
}
