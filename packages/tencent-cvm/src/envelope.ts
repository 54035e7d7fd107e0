import {
  ApiError,
  type ErrorCode,
  RateLimitError,
  type RawAnswer,
  type ReadResult,
  ResponseFormatError,
} from '@instancekit/core';
import { isTransientTencentCode, normalizeTencentCode } from './error-codes.js';

interface TencentEnvelope {
  Response?: { RequestId?: unknown; Error?: unknown; [field: string]: unknown };
}

/** A request id as the envelope gives it: a non-empty string, or a number written out. */
function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SNIPPET = 200;

function statusCode(status: number): ErrorCode {
  if (status === 429) return 'RateLimited';
  if (status === 401 || status === 403) return 'AuthFailure';
  if (status === 404) return 'NotFound';
  if (status >= 500) return 'Unavailable';
  return 'InvalidParameter';
}

/**
 * Reads Tencent's `{"Response": {...}}` envelope. API errors arrive as HTTP 200 with `Response.Error`; a
 * non-200 envelope is an `ApiError` (HTTP 429 a `RateLimitError` whatever its body); any other answer — HTML
 * from a gateway, an empty body, JSON of another shape — is a `ResponseFormatError` keeping the HTTP status,
 * the request id when there is one and the start of the body (`bodySnippet`); never a raw TypeError.
 */
export function readTencentAnswer(answer: RawAnswer, action: string): ReadResult {
  const meta = { provider: 'tencent' as const, action, httpStatus: answer.status };
  let parsed: TencentEnvelope | undefined;
  try {
    parsed = JSON.parse(answer.text) as TencentEnvelope;
  } catch {}
  const response = isRecord(parsed) && isRecord(parsed.Response) ? parsed.Response : undefined;
  const requestId = idOf(response?.RequestId);
  const error = response?.Error;
  // Any `Error` that is there is an error, whatever its shape: a string or a list must never read as success.
  if (error !== undefined && error !== null) {
    const record = isRecord(error) ? error : {};
    const providerCode =
      typeof record.Code === 'string' && record.Code
        ? record.Code
        : typeof error === 'string' && error
          ? error
          : 'Unknown';
    const detail = typeof record.Message === 'string' ? record.Message : '';
    const code = normalizeTencentCode(providerCode);
    const ErrorClass = code === 'RateLimited' ? RateLimitError : ApiError;
    throw new ErrorClass(`${action}: ${providerCode}: ${detail}`.trim(), {
      ...meta,
      code,
      providerCode,
      requestId,
      retryable: isTransientTencentCode(providerCode),
    });
  }
  const isEnvelope = !!response && !!requestId;
  if (answer.status !== 200 && (isEnvelope || answer.status === 429)) {
    const code = statusCode(answer.status);
    const ErrorClass = code === 'RateLimited' ? RateLimitError : ApiError;
    throw new ErrorClass(`${action}: HTTP ${answer.status}`, {
      ...meta,
      code,
      providerCode: `HTTP ${answer.status}`,
      requestId,
      retryable: answer.status >= 500 || answer.status === 429,
    });
  }
  if (!isEnvelope) {
    // Not JSON (a gateway's HTML 502, an empty body) or JSON of another shape: keep the status and the body's start.
    const what =
      parsed === undefined ? (answer.text === '' ? 'an empty body' : 'not JSON') : 'JSON of another shape';
    throw new ResponseFormatError(
      `${action}: HTTP ${answer.status} with ${what}, not a Tencent Response envelope`,
      {
        ...meta,
        code: answer.status === 200 ? 'Internal' : statusCode(answer.status),
        requestId,
        retryable: answer.status === 200 || answer.status >= 500,
        bodySnippet: answer.text.slice(0, SNIPPET),
      },
    );
  }
  return { result: response!, requestId };
}
