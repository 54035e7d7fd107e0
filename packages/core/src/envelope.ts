import {
  ApiError,
  type ErrorCode,
  type ProviderName,
  RateLimitError,
  ResponseFormatError,
} from './errors.js';
import type { RawAnswer } from './fetch-transport.js';
import { parseRetryAfter } from './retry.js';

/** What a provider's envelope reader found in a successful answer. */
export interface ReadResult {
  result: unknown;
  requestId: string | undefined;
}

/** Where a provider's envelope keeps its parts, as its locator found them in one answer. */
export interface Located {
  /** The action's result, when the answer is a success. */
  result?: Record<string, unknown> | undefined;
  /** The provider's error code, when the answer is an error (a non-empty string). */
  errorCode?: string | undefined;
  errorMessage?: string | undefined;
  /** The request id as the body gives it (a string or a number); the header is the fallback. */
  requestId?: unknown;
}

/** The neutral code of a provider error, and whether a read or a quote may be sent again after it. */
export interface Classified {
  code: ErrorCode;
  retryable: boolean;
}

/**
 * What a provider supplies so core can read its answers: where the parts of its envelope live, and how its
 * error codes map to neutral ones. Everything else — JSON parsing, request ids, the error classes, Retry-After,
 * the HTTP-status fallback, a format error with the body's start — is the same for every provider.
 */
export interface EnvelopeLocator {
  readonly provider: ProviderName;
  /** How a format error names the envelope that was expected: "a Tencent Response envelope". */
  readonly envelope: string;
  /** The response header that carries the request id too. */
  readonly requestIdHeader?: string;
  locate(body: Record<string, unknown> | undefined, answer: RawAnswer): Located;
  classify(providerCode: string, httpStatus: number): Classified;
}

const SNIPPET = 200;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-empty string, or undefined. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A request id as given: a non-empty string, or a number written out (some gateways send one). */
function idOf(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : textOf(value);
}

/** The neutral code an HTTP status implies, for an answer that names no code of its own. */
export function codeForHttpStatus(status: number): ErrorCode {
  if (status === 429) return 'RateLimited';
  if (status === 401 || status === 403) return 'AuthFailure';
  if (status === 404) return 'NotFound';
  if (status === 409) return 'InvalidState';
  if (status === 501) return 'Unsupported';
  if (status === 500) return 'Internal';
  if (status >= 500) return 'Unavailable';
  if (status >= 400) return 'InvalidParameter';
  return 'Internal';
}

/** By HTTP status: what a status says of an answer without a code, and whether a read may be sent again. */
export function classifyHttpStatus(status: number): Classified {
  const code = codeForHttpStatus(status);
  return { code, retryable: code === 'RateLimited' || (status >= 500 && status !== 501) };
}

/**
 * The one reader of every provider's answers: the result and request id of a success, else the one typed
 * error it is — `RateLimitError` or `ApiError` for a provider error (its class, normalized code,
 * retryability and Retry-After decided here, once), `RateLimitError` for a bare 429, `ResponseFormatError`
 * (with the status, the request id and the body's start) for anything that is not the envelope. Never a raw
 * TypeError, whatever the body.
 */
/** How much of a provider's text goes into a message, and how much is scrubbed before a snippet is cut. */
const MESSAGE_CHARS = 1024;
const SCRUB_WINDOW = 4096;

export function readEnvelope(
  answer: RawAnswer,
  action: string,
  locator: EnvelopeLocator,
  /** Removes the call's secrets; applied before text is cut, so a secret across the cut leaves no start. */
  scrub: (text: string) => string = (text) => text,
): ReadResult {
  const { status, headers } = answer;
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {}
  const located = locator.locate(isRecord(parsed) ? parsed : undefined, answer);
  const header = locator.requestIdHeader ? headers.get(locator.requestIdHeader) : null;
  const requestId = idOf(located.requestId) ?? (header || undefined);
  // The common case first, with nothing built that only an error needs.
  if (located.errorCode === undefined && located.result !== undefined)
    return { result: located.result, requestId };
  const meta = { provider: locator.provider, action, httpStatus: status, requestId };
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  if (located.errorCode !== undefined) {
    const { code, retryable } = locator.classify(located.errorCode, status);
    const ErrorClass = code === 'RateLimited' ? RateLimitError : ApiError;
    // A provider's message is capped: a 15 MB echo must not become a 15 MB error (nor cost seconds to scrub).
    const text =
      located.errorMessage && scrub(located.errorMessage.slice(0, SCRUB_WINDOW)).slice(0, MESSAGE_CHARS);
    const message = text ? `: ${text}` : '';
    throw new ErrorClass(`${action}: ${located.errorCode}${message}`, {
      ...meta,
      code,
      providerCode: located.errorCode,
      retryable,
      retryAfterMs,
    });
  }
  if (status === 429)
    // Throttled by something in front of the API that wrote no envelope: still not executed.
    throw new RateLimitError(`${action}: HTTP 429`, {
      ...meta,
      code: 'RateLimited',
      providerCode: 'HTTP 429',
      retryable: true,
      retryAfterMs,
    });
  const what =
    parsed === undefined
      ? answer.text.trim() === ''
        ? 'an empty body'
        : 'not JSON'
      : 'JSON of another shape';
  const ok = status >= 200 && status < 300;
  throw new ResponseFormatError(`${action}: HTTP ${status} with ${what}, not ${locator.envelope}`, {
    ...meta,
    ...(ok ? { code: 'Internal', retryable: true } : classifyHttpStatus(status)),
    bodySnippet: scrub(answer.text.slice(0, SCRUB_WINDOW)).slice(0, SNIPPET),
  });
}
