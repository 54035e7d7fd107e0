import type { Middleware } from 'openapi-fetch';
import {
  AbortError,
  type InstanceKitError,
  NetworkError,
  type ProviderName,
  TimeoutError,
} from './errors.js';
import { redactHeaders, redactUrl } from './redact.js';
import {
  backoffDelay,
  DEFAULT_RETRY,
  mayRetry,
  type OperationKind,
  parseRetryAfter,
  type RetryOptions,
  sleep,
} from './retry.js';
import { type FieldRules, validateInput } from './validate.js';
import { applyMiddleware, buildWireRequest, type RequestParts } from './wire-request.js';

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

/** What came back on the wire, before any provider-specific reading. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** What a provider package supplies; the rest of a call (validation, retries, timeouts, logging) is shared. */
export interface ProviderAdapter {
  readonly provider: ProviderName;
  /** Turns typed input into the request parts (path, query, headers, body) of one operation. */
  buildRequest(operationId: string, operation: OperationSpec, input: Record<string, unknown>): RequestParts;
  /** Signs the final request. Runs on every attempt, so a retry is signed afresh. */
  readonly signer: Middleware;
  /** Returns the action's result from the provider's envelope, or throws a typed error. */
  readAnswer(answer: RawAnswer, operationId: string): unknown;
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
  /** Per-attempt timeout. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy, or false for a single attempt. */
  retry?: RetryOptions | false;
  logger?: Logger;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  retry?: RetryOptions | false;
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

/**
 * One attempt's signal: aborts after `timeoutMs` or when the caller's signal does. A controller and a timer
 * instead of AbortSignal.timeout + AbortSignal.any: on Node 20 those two cost more per call than the signing.
 * `done()` clears the timer and the listener once the answer is read.
 */
function attemptSignal(timeoutMs: number, userSignal: AbortSignal | undefined) {
  const controller = new AbortController();
  const state = { signal: controller.signal, timedOut: false, done };
  const onAbort = () => controller.abort(userSignal?.reason);
  const timer = setTimeout(() => {
    state.timedOut = true;
    controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, 'TimeoutError'));
  }, timeoutMs);
  if (userSignal?.aborted) onAbort();
  else userSignal?.addEventListener('abort', onAbort, { once: true });
  function done() {
    clearTimeout(timer);
    userSignal?.removeEventListener('abort', onAbort);
  }
  return state;
}

export type Invoke = (
  operationId: string,
  input?: Record<string, unknown>,
  options?: CallOptions,
) => Promise<unknown>;

/** Builds the `invoke(operationId, input, options)` every typed method of a provider client calls. */
export function createInvoker(
  adapter: ProviderAdapter,
  operations: OperationTable,
  baseUrl: string,
  transport: TransportOptions = {},
): Invoke {
  const { provider } = adapter;
  // Late-bound, so a fetch patched or replaced after construction (test servers, instrumentation) is used.
  const send = transport.fetch ?? ((request: Request) => globalThis.fetch(request));
  const logger = transport.logger;

  async function attemptOnce(
    operationId: string,
    operation: OperationSpec,
    parts: RequestParts,
    attempt: number,
    timeoutMs: number,
    userSignal: AbortSignal | undefined,
  ): Promise<unknown> {
    const deadline = attemptSignal(timeoutMs, userSignal);
    const signal = deadline.signal;
    // Built and signed afresh on every attempt (new timestamp, nonce and signature), outside the try below:
    // a failure here is a bug or bad configuration, not a network fault.
    let request: Request;
    try {
      request = await applyMiddleware(
        buildWireRequest(baseUrl, operation, parts, signal),
        operation.path,
        adapter.signer,
      );
    } catch (error) {
      deadline.done();
      throw error;
    }
    logger?.({
      type: 'request',
      provider,
      action: operationId,
      attempt,
      method: request.method,
      url: redactUrl(request.url),
      headers: redactHeaders(request.headers),
    });
    const started = Date.now();
    let answer: RawAnswer;
    try {
      const response = await send(request);
      answer = { status: response.status, headers: response.headers, text: await response.text() };
      deadline.done();
    } catch (cause) {
      deadline.done();
      const meta = { provider, action: operationId, cause };
      if (userSignal?.aborted)
        throw new AbortError(`${operationId} was aborted`, { ...meta, code: 'Aborted' });
      if (deadline.timedOut)
        throw new TimeoutError(`${operationId} timed out after ${timeoutMs} ms`, {
          ...meta,
          code: 'Timeout',
          retryable: true,
        });
      const code = causeCode(cause);
      throw new NetworkError(`${operationId} failed to connect${code ? ` (${code})` : ''}`, {
        ...meta,
        code: 'Network',
        retryable: true,
        mayHaveBeenSent: !(code && NOT_SENT_CODES.has(code)),
      });
    }
    logger?.({
      type: 'response',
      provider,
      action: operationId,
      attempt,
      status: answer.status,
      durationMs: Date.now() - started,
    });
    try {
      return adapter.readAnswer(answer, operationId);
    } catch (error) {
      const typed = error as InstanceKitError;
      if (typed && 'retryAfterMs' in typed)
        typed.retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'));
      throw error;
    }
  }

  return async function invoke(operationId, input = {}, options = {}) {
    const operation = operations[operationId];
    if (!operation) throw new TypeError(`Unknown operation ${operationId}`);
    if (operation.input) validateInput(input, operation.input, { provider, action: operationId });
    const parts = adapter.buildRequest(operationId, operation, input);
    const retryOption = options.retry ?? transport.retry;
    const retry =
      retryOption === false ? { ...DEFAULT_RETRY, maxAttempts: 1 } : { ...DEFAULT_RETRY, ...retryOption };
    const timeoutMs = options.timeoutMs ?? transport.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const requestIds: string[] = [];
    for (let attempt = 1; ; attempt++) {
      try {
        return await attemptOnce(operationId, operation, parts, attempt, timeoutMs, options.signal);
      } catch (caught) {
        const error = caught as InstanceKitError;
        if (!(error instanceof Error) || !('attempts' in error)) throw caught;
        if (error.requestId) requestIds.push(error.requestId);
        error.attempts = attempt;
        error.requestIds = [...requestIds];
        const retryable =
          attempt < retry.maxAttempts && !options.signal?.aborted && mayRetry(error, operation.kind);
        if (!retryable) {
          logger?.({ type: 'error', provider, action: operationId, attempt, error: error.toJSON() });
          throw error;
        }
        const delayMs = backoffDelay(attempt, retry, error.retryAfterMs);
        logger?.({ type: 'retry', provider, action: operationId, attempt, delayMs, error: error.toJSON() });
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
  };
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
