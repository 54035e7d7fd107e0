import { platform } from '#platform';
import { type EnvelopeLocator, readEnvelope } from './envelope.js';
import {
  AbortError,
  InstanceKitError,
  NetworkError,
  type ProviderName,
  TimeoutError,
  ValidationError,
} from './errors.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type FetchLike,
  type RawAnswer,
  type SendContext,
  sendWithFetch,
} from './fetch-transport.js';
import { checkCallOptions } from './options.js';
import {
  redactHeaders,
  redactUrl,
  scrubDeep,
  scrubError,
  secretForms,
  sensitiveValues,
  textScrubber,
} from './redact.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  mayRetry,
  type OperationKind,
  type RetryOptions,
  sleep,
} from './retry.js';
import { type FieldRules, plainCopy, validateInput } from './validate.js';
import {
  buildWireRequest,
  type RequestParts,
  type RequestSigner,
  signWireRequest,
  WireHeaders,
  type WireRequest,
} from './wire-request.js';

export type { RawAnswer } from './fetch-transport.js';
export type { RequestParts } from './wire-request.js';

/** One row of a generated `operations.ts` table. */
export interface OperationSpec {
  readonly method: string;
  /** The spec's path key: the real path, `{params}`, and `#Action` where one URL serves many actions. */
  readonly path: string;
  readonly action?: { readonly name: string; readonly in: 'header' | 'query' } | null;
  readonly kind: OperationKind;
  readonly input?: FieldRules;
  readonly pathParams?: readonly string[];
  readonly queryParams?: readonly string[];
}

export type OperationTable = { readonly [operationId: string]: OperationSpec };

/** What a provider package supplies; the rest of a call (validation, retries, timeouts, logging) is shared. */
export interface ProviderAdapter {
  readonly provider: ProviderName;
  /**
   * Turns typed input into the request parts (path, query, headers, body) of one operation. Without it the
   * input is the JSON body, as for every action-per-header API (Tencent API 3.0, Zenlayer).
   */
  buildRequest?(operationId: string, operation: OperationSpec, input: Record<string, unknown>): RequestParts;
  /** Headers every request of the client carries (API version, region, session token). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Signs the final request value. Runs on every attempt, so a retry is signed afresh. */
  readonly sign: RequestSigner;
  /** Where the provider's envelope keeps result, error code, message and request id (core reads it). */
  readonly envelope: EnvelopeLocator;
  /**
   * Values scrubbed from every message, snippet and log event (the secret key, a session token). Clients made
   * with `createProviderClient` get their credentials' secret fields here without listing them.
   */
  readonly secrets?: readonly string[] | (() => readonly string[]);
}

/** Where a result came from: on every object a typed method resolves to, as a non-enumerable `$metadata`. */
export interface ResponseMetadata {
  /** The provider's request id of the answer, when it gave one. */
  requestId: string | undefined;
  httpStatus: number;
  /** Attempts made for this call (1 when nothing was retried). */
  attempts: number;
}

export type LogEvent =
  | {
      type: 'request';
      provider: ProviderName;
      action: string;
      attempt: number;
      method: string;
      url: string;
      headers: Record<string, string>;
    }
  | {
      type: 'response';
      provider: ProviderName;
      action: string;
      attempt: number;
      status: number;
      durationMs: number;
    }
  | {
      type: 'retry';
      provider: ProviderName;
      action: string;
      attempt: number;
      delayMs: number;
      error: Record<string, unknown>;
    }
  | {
      type: 'error';
      provider: ProviderName;
      action: string;
      attempt: number;
      error: Record<string, unknown>;
    };

/** Receives redacted events: no secret, signature, password or user data ever reaches it. */
export type Logger = (event: LogEvent) => void;

export interface TransportOptions {
  /** Replaces the global fetch (an undici Agent, a test double, a proxy-aware fetch). */
  fetch?: (request: Request) => Promise<Response>;
  /** Per-attempt timeout, 1 ms to 2^31-1 ms. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy, or false for a single attempt. */
  retry?: RetryOptions | false;
  logger?: Logger;
  /** The largest answer read; past it the connection is dropped (ResponseTooLargeError). Default 16 MiB. */
  maxResponseBytes?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryOptions | false;
  maxResponseBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** Connection errors that happen before a single byte of the request leaves: safe to send again. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: string; errors?: Array<{ code?: string }> } })?.cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

export type Invoke = (
  operationId: string,
  input?: Record<string, unknown>,
  options?: CallOptions,
) => Promise<unknown>;

/** A retry option completed with the defaults; `false` is a single attempt. */
function retryPolicy(option: RetryOptions | false): Required<RetryOptions> {
  return option === false ? { ...DEFAULT_RETRY, maxAttempts: 1 } : { ...DEFAULT_RETRY, ...option };
}

function withMetadata(result: unknown, metadata: ResponseMetadata): unknown {
  if (result !== null && typeof result === 'object')
    Object.defineProperty(result, '$metadata', { value: metadata, enumerable: false, configurable: true });
  return result;
}

/**
 * Builds the `invoke(operationId, input, options)` every typed method of a provider client calls. The
 * transport options are checked here, when the client is made; `clientRules` are the provider's own options.
 */
export function createInvoker(
  adapter: ProviderAdapter,
  operations: OperationTable,
  baseUrl: string,
  transport: TransportOptions = {},
): Invoke {
  const { provider } = adapter;
  // Read once, here: a caller who changes its options object later (NaN backoff, Infinity attempts) changes
  // nothing. Clients pass the checked, frozen copy of their options anyway.
  const defaults = {
    timeoutMs: transport.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: transport.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    retry: transport.retry === false ? false : { ...transport.retry },
  } as const;
  // The client's policy, complete, made once: a call without its own `retry` uses it as it is.
  const defaultRetry = retryPolicy(defaults.retry);
  // A fetch the user passes is used as given. Otherwise the platform's transport (node:http under the `node`
  // export condition), else the global fetch, late-bound so one patched after construction is used.
  const given = transport.fetch;
  const globalFetch: FetchLike = (request: Request) => globalThis.fetch(request);
  const sendAttempt = (wire: WireRequest, context: SendContext): Promise<RawAnswer> =>
    given || !platform.send
      ? sendWithFetch(given ?? globalFetch, wire, context)
      : platform.send(wire, context);
  const logger = transport.logger;
  // The client's own headers, checked on the first request (so a bad one is that call's typed error) and kept.
  let clientHeaders: WireHeaders | undefined;
  // The credentials' secrets may change (a refresh): their forms are rebuilt when the list is a new one.
  const { secrets } = adapter;
  const secretsNow = typeof secrets === 'function' ? secrets : () => secrets ?? [];
  let formsOf: readonly string[] | undefined;
  let credentialForms: string[] = [];
  const currentForms = () => {
    const now = secretsNow();
    if (now !== formsOf) [formsOf, credentialForms] = [now, secretForms(now)];
    return credentialForms;
  };

  async function attemptOnce(
    operationId: string,
    operation: OperationSpec,
    parts: RequestParts,
    attempt: number,
    settings: {
      timeoutMs: number;
      maxResponseBytes: number;
      signal: AbortSignal | undefined;
      scrub: (text: string) => string;
    },
    log: Logger | undefined,
  ): Promise<unknown> {
    const meta = { provider, action: operationId };
    // The attempt's timeout runs from here: signing (a credential refresh) counts, as sending does.
    const attemptStarted = Date.now();
    // Built and signed afresh on every attempt (new timestamp, nonce and signature). A failure here is bad
    // input or configuration, not a network fault: typed, and never retried.
    let wire: WireRequest;
    try {
      clientHeaders ??= new WireHeaders(adapter.headers);
      wire = await signWireRequest(buildWireRequest(baseUrl, operation, parts, clientHeaders), adapter.sign);
    } catch (error) {
      typedError(meta, error);
    }
    log?.({
      type: 'request',
      provider,
      action: operationId,
      attempt,
      method: wire.method,
      url: redactUrl(wire.url),
      headers: redactHeaders(wire.headers),
    });
    const started = Date.now();
    const context: SendContext = {
      provider,
      action: operationId,
      maxResponseBytes: settings.maxResponseBytes,
      timeoutMs: settings.timeoutMs - (started - attemptStarted),
      signal: settings.signal,
      timedOut: false,
    };
    let answer: RawAnswer;
    try {
      // Signing took the whole timeout: nothing is sent.
      if (context.timeoutMs <= 0 && !settings.signal?.aborted) {
        context.timedOut = true;
        throw new DOMException(`${operationId} timed out while it was signed`, 'TimeoutError');
      }
      answer = await sendAttempt(wire, context);
    } catch (cause) {
      if (cause instanceof InstanceKitError) throw cause;
      if (settings.signal?.aborted)
        throw new AbortError(`${operationId} was aborted`, { ...meta, code: 'Aborted', cause });
      if (context.timedOut)
        throw new TimeoutError(`${operationId} timed out after ${settings.timeoutMs} ms`, {
          ...meta,
          code: 'Timeout',
          retryable: true,
          cause,
        });
      const code = causeCode(cause);
      throw new NetworkError(`${operationId} failed to connect${code ? ` (${code})` : ''}`, {
        ...meta,
        code: 'Network',
        retryable: true,
        mayHaveBeenSent: !(code && NOT_SENT_CODES.has(code)),
        cause,
      });
    }
    log?.({
      type: 'response',
      provider,
      action: operationId,
      attempt,
      status: answer.status,
      durationMs: Date.now() - started,
    });
    const { result, requestId } = readEnvelope(answer, operationId, adapter.envelope, settings.scrub);
    return withMetadata(result, { requestId, httpStatus: answer.status, attempts: attempt });
  }

  async function run(
    operationId: string,
    given: unknown,
    givenOptions: unknown,
    log: Logger | undefined,
    scrub: (text: string) => string,
    /** Told the copy of the input, whose secrets are then scrubbed too. */
    secretsOf: (input: unknown) => void,
  ): Promise<unknown> {
    if (!Object.hasOwn(operations, operationId))
      throw new ValidationError(`${provider} has no operation ${JSON.stringify(operationId)}`, {
        field: 'operationId',
        rule: 'enum',
        provider,
      });
    const operation = operations[operationId]!;
    const ctx = { provider, action: operationId };
    const options = checkCallOptions(givenOptions, provider, operationId);
    // One plain copy of the input, read once: it is what is validated, built and sent.
    const input = plainCopy(given, ctx) as Record<string, unknown>;
    secretsOf(input);
    if (operation.input) validateInput(input, operation.input, ctx);
    const parts = typed(ctx, () =>
      adapter.buildRequest ? adapter.buildRequest(operationId, operation, input) : { body: input },
    );
    const retry = options.retry === undefined ? defaultRetry : retryPolicy(options.retry);
    const settings = {
      timeoutMs: options.timeoutMs ?? defaults.timeoutMs,
      maxResponseBytes: options.maxResponseBytes ?? defaults.maxResponseBytes,
      signal: options.signal,
      scrub,
    };
    const requestIds: string[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce(operationId, operation, parts, attempt, settings, log);
      } catch (caught) {
        const error = caught as InstanceKitError;
        if (!(error instanceof InstanceKitError) || error instanceof ValidationError) throw caught;
        if (error.requestId) requestIds.push(error.requestId);
        error.attempts = attempt;
        error.requestIds = [...requestIds];
        const retryable =
          attempt < retry.maxAttempts && !options.signal?.aborted && mayRetry(error, operation.kind);
        if (!retryable) {
          log?.({ type: 'error', provider, action: operationId, attempt, error: error.toJSON() });
          throw error;
        }
        const delayMs = backoffDelay(attempt, retry, error.retryAfterMs);
        log?.({ type: 'retry', provider, action: operationId, attempt, delayMs, error: error.toJSON() });
        try {
          await sleep(delayMs, options.signal);
        } catch (reason) {
          throw new AbortError(`${operationId} was aborted`, {
            provider,
            action: operationId,
            code: 'Aborted',
            attempts: attempt,
            requestIds: [...requestIds],
            cause: reason,
          });
        }
      }
    }
  }

  return async function invoke(operationId, input = {}, options = {}) {
    // The call's own secrets (password, user data) and the credentials are scrubbed from every error and
    // log event by value: a provider or a gateway page may echo the request back. The input's are read from its
    // copy, what is sent: a Proxy could show a walk of the raw input a decoy and the copy the real password.
    let inputForms: string[] = [];
    let scrubFor: string[] | undefined;
    let scrubNow: (text: string) => string = (text) => text;
    const secretsOf = (copy: unknown) => {
      const sensitive = sensitiveValues(copy);
      // Most calls carry no password or user data: no forms to make for them.
      if (sensitive.length) [inputForms, scrubFor] = [secretForms(sensitive), undefined];
    };
    const scrub = (text: string) => {
      const forms = currentForms();
      if (forms !== scrubFor) [scrubFor, scrubNow] = [forms, textScrubber([...forms, ...inputForms])];
      return scrubNow(text);
    };
    // A logger that throws must not turn a call that ran into a failure (a caller would send it again).
    const log =
      logger &&
      ((event: LogEvent) => {
        try {
          logger(scrubDeep(event, scrub));
        } catch {}
      });
    try {
      return await run(operationId, input, options, log, scrub, secretsOf);
    } catch (error) {
      scrubError(error, scrub);
      throw error;
    }
  };
}

/**
 * Runs request building or signing: a failure there is bad input or configuration, not a network fault —
 * typed, never retried, and naming only the error's class (a raw TypeError from Headers can quote a value).
 */
function typedError(ctx: { provider: ProviderName; action: string }, error: unknown): never {
  if (error instanceof InstanceKitError) throw error;
  throw new ValidationError(
    `${ctx.action}: the request could not be built and signed (${(error as Error)?.name ?? 'error'})`,
    { field: 'request', rule: 'wire', ...ctx },
  );
}

function typed<T>(ctx: { provider: ProviderName; action: string }, run: () => T): T {
  try {
    return run();
  } catch (error) {
    return typedError(ctx, error);
  }
}

/** One method per operationId, all calling `invoke`: adding an action to a spec adds a method. */
export function operationMethods<Methods>(operations: OperationTable, invoke: Invoke): Methods {
  const methods: Record<string, unknown> = {};
  for (const operationId of Object.keys(operations)) {
    methods[operationId] = (input?: Record<string, unknown>, options?: CallOptions) =>
      invoke(operationId, input, options);
  }
  return methods as Methods;
}
