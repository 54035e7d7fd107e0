// A facade driver is a declaration (src/providers/*): which provider action serves each neutral operation,
// where each neutral field goes in its body, what it refuses and why, how to read its quotes and its status
// call, plus the small typed functions that build the provider bodies and make the client calls. Everything
// else — capabilities, validation with the spec's rules, handles, quotes, polling — is derived here, once for
// every provider, from the declaration and the generated tables (`*Operations`, `*OperationFacts`).
import {
  type CallOptions,
  type FieldRules,
  ValidationError,
  validateInput,
} from '@instancekit/core/internal';
import { requestIdOf } from './answers.js';
import { type ActionFacts, describer, type Invoke, type LifecycleFacts } from './lifecycle.js';
import { neutralRules } from './neutral-rules.js';
import { offerReader } from './offers.js';
import { type CompletionFacts, type PollSnapshot, type StatusDeclaration, statusPoller } from './poll.js';
import { alreadyThere, powerBody } from './power.js';
import { type KitOptionFacts, kitOptions, reinstallInput, resizeInput } from './schemas.js';
import type {
  Capabilities,
  Capability,
  InstanceDescription,
  InstanceKitOptions,
  NeutralState,
  OperationHandle,
  PowerResult,
  PricedLine,
  ProviderName,
  Quote,
  ReinstallInput,
  ResizeInput,
  ResizeOptions,
  StopOptions,
} from './types.js';

export type { PollSnapshot };

/** A generated operations table (`api3Operations`, …) as the facade reads it: each action's request rules. */
export type OperationTable = { readonly [action: string]: { readonly input?: FieldRules } };

/** A generated facts table (`api3OperationFacts`, …): provenance, rate limit, completion and lifecycle facts. */
export type FactsTable = {
  readonly [action: string]: ActionFacts & {
    readonly provenance?: string;
    readonly mutating?: boolean;
    readonly rateLimitPerSecond?: number;
    readonly rateLimitUnconfirmed?: boolean;
    readonly completion?: CompletionFacts;
  };
};

/** Sends one provider call for neutral `input`: builds the typed body and calls the typed client method. */
type Send<C, I> = (
  client: C,
  input: I,
  options: CallOptions | undefined,
  kit: InstanceKitOptions,
) => Promise<unknown>;

/** The neutral fields a provider body may carry (`dryRun` is the facade's own). */
type ProviderFields<I> = Exclude<keyof I, 'dryRun'>;

export interface MutationDeclaration<C, I> {
  action: string;
  /**
   * Where each neutral field goes: a dotted path of the spec's field names, walking through arrays
   * (`LoginSettings.Password`, `userdata.value`). The spec's rules at that path are the field's rules.
   */
  fields: { readonly [K in ProviderFields<I>]?: string };
  /** Neutral fields this action has no field for, and why: refused (rule `unsupported`) before anything is sent. */
  refuse?: { readonly [K in ProviderFields<I>]?: string };
  send: Send<C, I>;
}

export interface QuoteDeclaration<C, I> {
  action: string;
  /** Validated with the mutation's rules first (a quote refuses what the change would refuse). */
  send: Send<C, I>;
  currency: string;
  lines: (action: string, answer: unknown) => PricedLine[];
  /** Facts of every answer that no provider document confirms. */
  unconfirmed?: readonly string[];
  /** The call itself rests on inferred facts: the capability says so, and a dry run does not price with it. */
  inferred?: string;
}

export interface DriverDeclaration<C, P extends string = string> {
  provider: P;
  kitOptions: KitOptionFacts;
  client: (options: InstanceKitOptions) => C;
  /** The generated operations table(s) of the actions below. */
  rules: OperationTable;
  /**
   * The generated facts table(s): completion facts of the mutations, rate limit of the status call. Several
   * tables (one per spec) are given as a list, not merged with a spread: a spread is a side effect to a bundler,
   * which would then keep this driver, and its client, in the bundle of an entry that never uses it.
   */
  facts: FactsTable | readonly FactsTable[];
  /** The request id's field in a mutation's result (else core's `$metadata.requestId`). */
  requestId: string;
  resize: MutationDeclaration<C, ResizeInput>;
  /** A quote declaration, or why the provider has none. */
  quoteResize: QuoteDeclaration<C, ResizeInput> | string;
  reinstall: MutationDeclaration<C, ReinstallInput>;
  quoteReinstall: QuoteDeclaration<C, ReinstallInput> | string;
  /** The status call of the mutations' completion facts (`via`), and where it answers. */
  status: StatusDeclaration<C>;
  /**
   * The actions of kit.describe, stop and start, called by name with a body built from their facts (the client
   * checks it with the spec's rules), and the type listing of resizeOptions — or why the provider has none.
   */
  lifecycle: { describe: string; stop: string; start: string; resizeOptions: { action: string } | string };
}

/** One provider behind the facade, as `createInstanceKit` uses it: built from a declaration by `defineDriver`. */
export interface ProviderDriver {
  readonly provider: ProviderName;
  readonly capabilities: Capabilities;
  /** Throws a ValidationError naming the neutral field; sends nothing. */
  checkResize(input: ResizeInput): void;
  checkReinstall(input: ReinstallInput): void;
  resize(input: ResizeInput, options?: CallOptions): Promise<OperationHandle>;
  quoteResize?(input: ResizeInput, options?: CallOptions): Promise<Quote>;
  reinstall(input: ReinstallInput, options?: CallOptions): Promise<OperationHandle>;
  quoteReinstall?(input: ReinstallInput, options?: CallOptions): Promise<Quote>;
  poll(handle: OperationHandle, options?: CallOptions): Promise<PollSnapshot>;
  describe(instanceId: string, options?: CallOptions): Promise<InstanceDescription>;
  /** Throws a ValidationError for a stop option the provider lacks; sends nothing. */
  checkStop(options: Pick<StopOptions, 'stopType' | 'stoppedMode'>): void;
  stop(instanceId: string, options?: StopOptions, call?: CallOptions): Promise<PowerResult>;
  start(instanceId: string, call?: CallOptions): Promise<PowerResult>;
  /** `only`: ask the listing for this type alone, where it can filter by type. */
  resizeOptions?(instanceId: string, call?: CallOptions, only?: string): Promise<ResizeOptions>;
  /** A mutation's lifecycle facts (the jobs read where it starts from, where it ends, its busy code). */
  lifecycleOf(action: string): LifecycleFacts | undefined;
  /** The neutral state of a provider state (the spec's map; `unknown` for a state it does not list). */
  neutralOf(providerState: string): NeutralState;
  /** The shortest poll interval the status call's documented rate limit allows us (with headroom). */
  readonly minPollIntervalMs: number;
}

export interface DriverEntry<C = unknown, P extends string = string> {
  readonly provider: P;
  readonly declaration: DriverDeclaration<C, P>;
  /** The kit options this provider takes (schemas.ts `kitOptions`). */
  readonly options: FieldRules;
  readonly make: (options: InstanceKitOptions) => ProviderDriver;
}

/** An option this provider has no field for: refused before anything is sent. */
export function refuseOption(provider: ProviderName, action: string, field: string, why: string): never {
  throw new ValidationError(`${field} is not supported by ${provider}: ${why}`, {
    field,
    rule: 'unsupported',
    provider,
    action,
  });
}

export function intervalFor(
  facts: { readonly rateLimitPerSecond?: number; readonly rateLimitUnconfirmed?: boolean } | undefined,
): number {
  // Stay at a tenth of the documented limit: other callers share the same account quota. A figure no provider page
  // states (`rateLimitUnconfirmed`, a conservative guess for pacing fleet runs) does not make polls more frequent
  // than the 1 s of an undocumented limit.
  const perSecond = facts?.rateLimitUnconfirmed ? undefined : facts?.rateLimitPerSecond;
  return perSecond ? Math.ceil(10_000 / perSecond) : 1000;
}

/**
 * The kit options the provider clients take as they are; only those the caller set, so client defaults
 * apply. "Set" is `!== undefined`, never truthiness: an empty endpoint or a 0 timeout must reach a check and
 * be refused, not silently become the production endpoint or the default timeout.
 */
export function clientOptions(options: InstanceKitOptions) {
  const {
    credentials,
    profile,
    endpoint,
    billingEndpoint,
    fetch,
    timeoutMs,
    retry,
    logger,
    maxResponseBytes,
  } = options;
  return {
    // Only a kit whose options take it (JD's) can have one: the others refuse it when the kit is made.
    ...(billingEndpoint !== undefined ? { billingEndpoint } : {}),
    ...(credentials !== undefined ? { credentials } : {}),
    ...(profile !== undefined ? { profile } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...(fetch !== undefined ? { fetch } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    ...(retry !== undefined ? { retry } : {}),
    ...(logger !== undefined ? { logger } : {}),
    ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
  };
}

/** What the provenance of an action says about it, where it is less than the provider's own documents. */
const PROVENANCE_NOTES: { readonly [provenance: string]: string } = {
  'sdk-models': 'found in the official SDK models only',
};

/** A declaration's facts as one table (made when a kit is, never at module load). */
export const factsTable = (facts: FactsTable | readonly FactsTable[]): FactsTable =>
  Array.isArray(facts) ? Object.assign({}, ...facts) : (facts as FactsTable);

/** The driver a declaration describes. Its facts are checked against the generated tables when a kit is made. */
export function defineDriver<C, const P extends string>(
  declaration: DriverDeclaration<C, P>,
): DriverEntry<C, P> {
  const { provider } = declaration;
  return {
    provider,
    declaration,
    options: kitOptions(declaration.kitOptions),
    make: (options) => build(declaration, options),
  };
}

function build<C>(declaration: DriverDeclaration<C>, options: InstanceKitOptions): ProviderDriver {
  const { status } = declaration;
  const facts = factsTable(declaration.facts);
  // ProviderName is derived from the registered declarations (src/registry.ts), so this one is among them.
  const provider = declaration.provider as ProviderName;
  const client = declaration.client(options);
  const factsOf = (action: string) => (Object.hasOwn(facts, action) ? facts[action] : undefined);
  const capability = (action: string, extra?: Partial<Capability>): Capability => {
    const facts = factsOf(action);
    const note = PROVENANCE_NOTES[facts?.provenance ?? ''];
    const perSecond = facts?.rateLimitPerSecond;
    const rateLimit =
      perSecond === undefined
        ? {}
        : { rateLimit: { perSecond, ...(facts?.rateLimitUnconfirmed ? { unconfirmed: true } : {}) } };
    return { supported: true, action, ...(note ? { note } : {}), ...rateLimit, ...extra };
  };

  const mutation = <I extends object>(op: MutationDeclaration<C, I>, neutral: FieldRules) => {
    const rules = neutralRules(provider, declaration.rules, op, neutral);
    // The fields the provider has no place for, and why: found once, checked on every call.
    const refusals = Object.entries(op.refuse ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    return {
      /** Refusals first (what the provider has no field for), then the spec's rules over the neutral fields. */
      check(input: I) {
        const given = input as Record<string, unknown>;
        for (const [field, why] of refusals)
          if (Object.hasOwn(given, field) && given[field] !== undefined)
            refuseOption(provider, op.action, field, why);
        validateInput(input, rules, { provider, action: op.action });
      },
      async send(input: I & { instanceId: string }, call?: CallOptions): Promise<OperationHandle> {
        const result = await op.send(client, input, call, options);
        const requestId = requestIdOf(result, declaration.requestId);
        return {
          provider,
          action: op.action,
          instanceId: input.instanceId,
          requestId,
          startedAt: Date.now(),
        };
      },
    };
  };
  const quote =
    <I>(op: QuoteDeclaration<C, I>) =>
    async (input: I, call?: CallOptions): Promise<Quote> => {
      const raw = await op.send(client, input, call, options);
      const sdkOnly =
        factsOf(op.action)?.provenance === 'sdk-models' ? [`${op.action} is in the SDK models only`] : [];
      const unconfirmed = [...(op.unconfirmed ?? []), ...sdkOnly];
      return {
        provider,
        action: op.action,
        currency: op.currency,
        lines: op.lines(op.action, raw),
        unconfirmed,
        raw,
      };
    };
  const quoteCapability = <I>(op: QuoteDeclaration<C, I> | string): Capability =>
    typeof op === 'string'
      ? { supported: false, note: op }
      : capability(op.action, op.inferred ? { unconfirmed: true, note: op.inferred } : {});

  const resize = mutation(declaration.resize, resizeInput);
  const reinstall = mutation(declaration.reinstall, reinstallInput);
  const actions = declaration.lifecycle;
  const completions = new Map<string, CompletionFacts>();
  for (const action of [
    declaration.resize.action,
    declaration.reinstall.action,
    actions.stop,
    actions.start,
  ]) {
    const completion = factsOf(action)?.completion;
    if (!completion) throw new Error(`${provider}: ${action} has no completion facts to wait with`);
    completions.set(action, completion);
  }
  // One status call serves every wait (the declaration's `status`): the facts must agree on it.
  const statusAction = completions.get(declaration.resize.action)?.via ?? '';
  for (const { via } of completions.values())
    if (via !== statusAction)
      throw new Error(`${provider}: the mutations complete through ${via} and ${statusAction}`);
  const { quoteResize, quoteReinstall } = declaration;

  // The typed methods are the client's own; the lifecycle calls reach them by action name, with bodies the
  // client validates against the same spec rules before anything is sent.
  const invoke: Invoke = (action, input, call) => {
    const method: unknown = Reflect.get(client as object, action);
    if (typeof method !== 'function') throw new Error(`${provider}: the client has no method ${action}`);
    return Reflect.apply(method, client, [input, call]) as Promise<unknown>;
  };
  const inputOf = (action: string) =>
    Object.hasOwn(declaration.rules, action) ? declaration.rules[action]?.input : undefined;
  const describe = describer(provider, actions.describe, facts, inputOf(actions.describe), invoke);
  const neutralMap = factsOf(actions.describe)?.describes?.neutral ?? {};
  const neutralOf = (state: string) =>
    (Object.hasOwn(neutralMap, state) ? neutralMap[state] : 'unknown') as NeutralState;
  const lifecycleOf = (action: string) => factsOf(action)?.lifecycle;
  const power = async (action: string, instanceId: string, options: StopOptions, call?: CallOptions) => {
    const body = powerBody(provider, action, factsOf(action) ?? {}, inputOf(action), instanceId, options);
    const noop = alreadyThere(action, lifecycleOf(action)!, neutralOf, await describe(instanceId, call));
    if (noop) return noop;
    const result = await invoke(action, body, call);
    const requestId = requestIdOf(result, declaration.requestId);
    return {
      noop: false as const,
      operation: { provider, action, instanceId, requestId, startedAt: Date.now() },
    };
  };
  const offers = typeof actions.resizeOptions === 'string' ? undefined : actions.resizeOptions.action;
  const lifecycleCapability = (action: string | undefined, why?: string): Capability =>
    action ? capability(action) : { supported: false, ...(why ? { note: why } : {}) };

  return {
    provider,
    minPollIntervalMs: intervalFor(factsOf(statusAction)),
    capabilities: {
      resize: capability(declaration.resize.action),
      quoteResize: quoteCapability(quoteResize),
      reinstall: capability(declaration.reinstall.action),
      quoteReinstall: quoteCapability(quoteReinstall),
      waitFor: capability(statusAction),
      describe: capability(actions.describe),
      stop: capability(actions.stop),
      start: capability(actions.start),
      resizeOptions: lifecycleCapability(
        offers,
        typeof actions.resizeOptions === 'string' ? actions.resizeOptions : undefined,
      ),
    },
    describe,
    checkStop: (options) => {
      powerBody(provider, actions.stop, factsOf(actions.stop) ?? {}, inputOf(actions.stop), 'i', options);
    },
    stop: (instanceId, options = {}, call) => power(actions.stop, instanceId, options, call),
    start: (instanceId, call) => power(actions.start, instanceId, {}, call),
    ...(offers ? { resizeOptions: offerReader(provider, offers, facts, inputOf(offers), invoke) } : {}),
    lifecycleOf,
    neutralOf,
    checkResize: resize.check,
    checkReinstall: reinstall.check,
    resize: resize.send,
    reinstall: reinstall.send,
    ...(typeof quoteResize === 'string' ? {} : { quoteResize: quote(quoteResize) }),
    ...(typeof quoteReinstall === 'string' ? {} : { quoteReinstall: quote(quoteReinstall) }),
    poll: statusPoller(provider, statusAction, completions, status, (instanceId, call) =>
      status.send(client, instanceId, call),
    ),
  };
}
