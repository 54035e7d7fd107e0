import { type EnvelopeLocator, isRecord, textOf } from '@instancekit/core/internal';
import { classifyError } from './generated/error-codes.js';

/**
 * Tencent's `{"Response": {...}}` envelope. API errors arrive as HTTP 200 with `Response.Error`: any `Error`
 * that is there is an error, whatever its shape (a string must never read as success). A non-200 answer with
 * a Response envelope but no Error is an error named by its status (`HTTP 502`); without the envelope, core
 * makes it a RateLimitError (429) or a ResponseFormatError keeping the body's start.
 */
export const tencentEnvelope: EnvelopeLocator = {
  provider: 'tencent',
  envelope: 'a Tencent Response envelope',
  locate(body, answer) {
    const response = isRecord(body?.Response) ? body.Response : undefined;
    const requestId = response?.RequestId;
    const error = response?.Error;
    if (error !== undefined && error !== null) {
      const record = isRecord(error) ? error : {};
      const errorCode = textOf(record.Code) ?? textOf(error) ?? 'Unknown';
      return { errorCode, errorMessage: textOf(record.Message), requestId };
    }
    if (!response || (textOf(requestId) === undefined && typeof requestId !== 'number')) return {};
    if (answer.status !== 200) return { errorCode: `HTTP ${answer.status}`, requestId };
    return { result: response, requestId };
  },
  // An `HTTP 502` (no code of its own) and an unknown code are classified by the HTTP status: Tencent answers
  // every API error with HTTP 200, so an unknown code is Internal and not retryable.
  classify: classifyError,
};
