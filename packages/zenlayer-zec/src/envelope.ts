import {
  ApiError,
  type ErrorCode,
  RateLimitError,
  type RawAnswer,
  type ReadResult,
  ResponseFormatError,
} from '@instancekit/core';
import { isTransientZenlayerCode, normalizeZenlayerCode } from './error-codes.js';

const SNIPPET = 200;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A request id as given: a non-empty string, or a number written out. */
function idOf(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : nonEmptyString(value);
}

/** Network-layer blocks without a Zenlayer body, named as the official Python and Java SDKs name them. */
function blockedBy(answer: RawAnswer): [code: string, message: string] | undefined {
  if (answer.status === 403 && answer.headers.get('cf-mitigated')?.toLowerCase() === 'challenge')
    return ['SECURITY_CHALLENGE', 'the request was stopped by a security challenge before reaching the API'];
  if (answer.status === 451) return ['REQUEST_BLOCKED', 'the request was blocked before reaching the API'];
  return undefined;
}

/**
 * Reads Zenlayer's answer. Success is HTTP 200 with `{requestId, response: {...}}`: the `response` object is
 * returned. Any other status carries a flat `{requestId, code, message}`: it becomes an `ApiError` (a
 * `RateLimitError` on HTTP 429 or `REQUEST_LIMIT_EXCEEDED`, either signal alone, as the official SDKs treat
 * them) with the provider's code, the normalized code, the request id and the HTTP status. An answer of any
 * other shape — HTML from a proxy, an empty body, JSON without those fields — is a `ResponseFormatError`
 * keeping the status and the start of the body; never a raw TypeError.
 */
export function readZenlayerAnswer(answer: RawAnswer, action: string): ReadResult {
  const { status } = answer;
  const meta = { provider: 'zenlayer' as const, action, httpStatus: status };
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer.text);
  } catch {}
  const body = isObject(parsed) ? parsed : undefined;
  // The outer id is the documented one; some answers repeat it inside `response`, some only there.
  const inner = isObject(body?.response) ? body.response : undefined;
  const requestId = idOf(body?.requestId) ?? idOf(inner?.requestId);
  const success = status >= 200 && status < 300;

  if (success && inner) return { result: inner, requestId };

  const block = success ? undefined : blockedBy(answer);
  const providerCode = success ? undefined : (nonEmptyString(body?.code) ?? block?.[0]);
  if (providerCode || status === 429) {
    const reported = providerCode ?? `HTTP ${status}`;
    const code: ErrorCode = status === 429 ? 'RateLimited' : normalizeZenlayerCode(reported, status);
    const message = nonEmptyString(body?.message) ?? (providerCode === block?.[0] ? block?.[1] : undefined);
    const ErrorClass = code === 'RateLimited' ? RateLimitError : ApiError;
    throw new ErrorClass(`${action}: ${reported}${message ? `: ${message}` : ''}`, {
      ...meta,
      code,
      providerCode: reported,
      requestId,
      retryable: status === 429 || status >= 500 || isTransientZenlayerCode(reported),
    });
  }

  const what =
    parsed === undefined ? (answer.text === '' ? 'an empty body' : 'not JSON') : 'JSON of another shape';
  throw new ResponseFormatError(
    `${action}: HTTP ${status} with ${what}, not a Zenlayer ${success ? 'success' : 'error'} envelope`,
    {
      ...meta,
      code: status >= 500 ? 'Unavailable' : 'Internal',
      requestId,
      // A garbled success or a gateway's 5xx page may be read again (core retries only reads and quotes on it).
      retryable: success || status >= 500,
      bodySnippet: answer.text.slice(0, SNIPPET),
    },
  );
}
