import { type EnvelopeLocator, isRecord, textOf } from '@instancekit/core/internal';
import { classifyError } from './generated/error-codes.js';

/** The response header that carries the request id too (and the only place it is when the body is not JSON). */
export const REQUEST_ID_HEADER = 'x-jdcloud-request-id';

/**
 * JD Cloud's envelope: `{requestId, result}` on success, `{requestId, error: {code, status, message}}` with
 * the HTTP status on failure; the error's `status` string is its code. A mutation's result is `{}`, and an
 * envelope that omits it is accepted when the request id is there.
 */
export const jdcloudEnvelope: EnvelopeLocator = {
  provider: 'jdcloud',
  envelope: 'a JD Cloud envelope',
  requestIdHeader: REQUEST_ID_HEADER,
  locate(body, { status }) {
    const requestId = body?.requestId;
    const error = body?.error;
    if (isRecord(error) && textOf(error.status))
      return { errorCode: error.status as string, errorMessage: textOf(error.message), requestId };
    const ok = status >= 200 && status < 300;
    if (!ok || !body || (error !== undefined && error !== null)) return { requestId };
    if (isRecord(body.result)) return { result: body.result, requestId };
    const hasId = textOf(requestId) !== undefined || typeof requestId === 'number';
    return body.result === undefined && hasId ? { result: {}, requestId } : { requestId };
  },
  classify: classifyError,
};
