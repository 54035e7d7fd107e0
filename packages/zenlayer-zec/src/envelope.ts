import { type EnvelopeLocator, type HeaderReader, isRecord, textOf } from '@instancekit/core/internal';

/** An id worth keeping: a non-empty string or a number (an empty or odd outer id falls back to the inner). */
const usableId = (value: unknown) => textOf(value) !== undefined || typeof value === 'number';

import { classifyError } from './generated/error-codes.js';

/** Network-layer blocks without a Zenlayer body, named as the official Python and Java SDKs name them. */
function blockedBy(status: number, headers: HeaderReader): [code: string, message: string] | undefined {
  if (status === 403 && headers.get('cf-mitigated')?.toLowerCase() === 'challenge')
    return ['SECURITY_CHALLENGE', 'the request was stopped by a security challenge before reaching the API'];
  if (status === 451) return ['REQUEST_BLOCKED', 'the request was blocked before reaching the API'];
  return undefined;
}

/**
 * Zenlayer's envelope: success is a 2xx `{requestId, response: {...}}` (the `response` object is the result;
 * the outer id is the documented one, some answers repeat it inside `response`, some only there); any other
 * status carries a flat `{requestId, code, message}`. HTTP 429 or `REQUEST_LIMIT_EXCEEDED` is throttling,
 * either signal alone, as the official SDKs treat them.
 */
export const zenlayerEnvelope: EnvelopeLocator = {
  provider: 'zenlayer',
  envelope: 'a Zenlayer envelope',
  locate(body, { status, headers }) {
    const inner = isRecord(body?.response) ? body.response : undefined;
    const requestId = usableId(body?.requestId) ? body?.requestId : inner?.requestId;
    if (status >= 200 && status < 300) return inner ? { result: inner, requestId } : { requestId };
    const block = blockedBy(status, headers);
    const errorCode = textOf(body?.code) ?? block?.[0];
    const errorMessage = textOf(body?.message) ?? (errorCode === block?.[0] ? block?.[1] : undefined);
    return { errorCode: errorCode ?? (status === 429 ? 'HTTP 429' : undefined), errorMessage, requestId };
  },
  // HTTP 429 is throttling whatever the code, and a 5xx may be read again whatever the code, as the SDKs do.
  classify(providerCode, httpStatus) {
    const { code, retryable } = classifyError(providerCode, httpStatus);
    if (httpStatus === 429) return { code: 'RateLimited', retryable: true };
    return { code, retryable: retryable || httpStatus >= 500 };
  },
};
