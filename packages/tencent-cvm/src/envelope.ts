import {
  ApiError,
  type ErrorCode,
  RateLimitError,
  type RawAnswer,
  ResponseFormatError,
} from '@instancekit/core';
import { isTransientTencentCode, normalizeTencentCode } from './error-codes.js';

interface TencentEnvelope {
  Response?: { RequestId?: string; Error?: { Code?: string; Message?: string }; [field: string]: unknown };
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
export function readTencentAnswer(answer: RawAnswer, action: string): Record<string, unknown> {
  const meta = { provider: 'tencent' as const, action, httpStatus: answer.status };
  let parsed: TencentEnvelope | undefined;
  try {
    parsed = JSON.parse(answer.text) as TencentEnvelope;
  } catch {}
  const response = parsed && typeof parsed === 'object' ? parsed.Response : undefined;
  const requestId = typeof response?.RequestId === 'string' ? response.RequestId : undefined;
  const error = response?.Error;
  if (error && typeof error === 'object') {
    const providerCode = String(error.Code ?? 'Unknown');
    const code = normalizeTencentCode(providerCode);
    const ErrorClass = code === 'RateLimited' ? RateLimitError : ApiError;
    throw new ErrorClass(`${action}: ${providerCode}: ${error.Message ?? ''}`.trim(), {
      ...meta,
      code,
      providerCode,
      requestId,
      retryable: isTransientTencentCode(providerCode),
    });
  }
  const isEnvelope = !!response && typeof response === 'object' && !!requestId;
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
  return response!;
}
