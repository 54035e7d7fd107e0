import { verifyJdcloud2 } from './jdcloud2';
import { verifyTc3 } from './tc3';
import type { RawRequest, Verdict, VerifyOptions } from './types';
import { verifyV1 } from './v1';
import { verifyZc2 } from './zc2';

export type { RawRequest, SignatureProblem, Verdict } from './types';

/** The verifier of each scheme a spec's `x-instancekit.signature.scheme` may name. */
const VERIFIERS: Record<string, (request: RawRequest, options: VerifyOptions) => Verdict> = {
  'TC3-HMAC-SHA256': verifyTc3,
  v1: verifyV1,
  'ZC2-HMAC-SHA256': verifyZc2,
  'JDCLOUD2-HMAC-SHA256': verifyJdcloud2,
};

export const signatureSchemes = Object.keys(VERIFIERS);

export function verifySignature(scheme: string, request: RawRequest, options: VerifyOptions): Verdict {
  const verifier = VERIFIERS[scheme];
  if (!verifier) throw new Error(`no verifier for signature scheme ${scheme}`);
  return verifier(request, options);
}
