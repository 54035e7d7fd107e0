import {
  ApiError,
  RateLimitError,
  type RawAnswer,
  type ReadResult,
  ResponseFormatError,
} from '@instancekit/core';
import { codeForHttpStatus, normalizeJdcloudStatus } from './error-codes.js';

/** The response header that carries the request id too (and the only place it is when the body is not JSON). */
export const REQUEST_ID_HEADER = 'x-jdcloud-request-id';

const SNIPPET = 200;

interface JdEnvelope {
  requestId?: unknown;
  result?: unknown;
  error?: { code?: unknown; status?: unknown; message?: unknown } | null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads JD Cloud's envelope: `{requestId, result}` on success, `{requestId, error: {code, status, message}}`
 * with the HTTP status on failure. Returns `result`; anything else becomes a typed error carrying the status
 * string (`providerCode`), the HTTP status and the request id — from the body, else the `x-jdcloud-request-id`
 * header — never a raw TypeError.
 */
/** A request id as given: a non-empty string, or a number written out (some gateways send one). */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

export function readJdcloudAnswer(answer: RawAnswer, action: string): ReadResult {
  const headerRequestId = answer.headers.get(REQUEST_ID_HEADER) || undefined;
  const meta = { provider: 'jdcloud' as const, action, httpStatus: answer.status };
  let parsed: JdEnvelope | undefined;
  try {
    const value: unknown = JSON.parse(answer.text);
    if (isObject(value)) parsed = value;
  } catch {}
  const requestId = idOf(parsed?.requestId) ?? headerRequestId;
  const error = parsed?.error;

  if (isObject(error) && typeof error.status === 'string') {
    const providerCode = error.status;
    const { code, retryable } = normalizeJdcloudStatus(providerCode, answer.status);
    const ErrorClass = code === 'RateLimited' ? RateLimitError : ApiError;
    const message = typeof error.message === 'string' ? error.message : '';
    throw new ErrorClass(`${action}: ${providerCode}${message ? `: ${message}` : ''}`, {
      ...meta,
      code,
      providerCode,
      requestId,
      retryable,
    });
  }

  const ok = answer.status >= 200 && answer.status < 300;
  if (ok && parsed && !error && isObject(parsed.result)) return { result: parsed.result, requestId };
  // A mutation's result is `{}`; accept an envelope that omits it when the request id is there.
  if (ok && parsed && !error && parsed.result === undefined && idOf(parsed.requestId))
    return { result: {}, requestId };

  if (answer.status === 429) {
    // Throttled by something in front of the API that did not write JD's envelope: still not executed.
    throw new RateLimitError(`${action}: HTTP 429`, {
      ...meta,
      code: 'RateLimited',
      providerCode: 'HTTP 429',
      requestId,
      retryable: true,
    });
  }
  const what = parsed
    ? 'is not a JD Cloud envelope'
    : answer.text.trim() === ''
      ? 'has an empty body'
      : 'is not JSON';
  throw new ResponseFormatError(`${action}: HTTP ${answer.status}: the answer ${what}`, {
    ...meta,
    code: ok ? 'Internal' : codeForHttpStatus(answer.status),
    requestId,
    retryable: ok || (answer.status >= 500 && answer.status !== 501),
    bodySnippet: answer.text.slice(0, SNIPPET),
  });
}
