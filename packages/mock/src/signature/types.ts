/** The request as it arrived, before anything parsed or decoded it: what a signature covers. */
export interface RawRequest {
  method: string;
  /** Path as sent, still percent-encoded (JD signs `%3A`). */
  rawPath: string;
  /** Query string as sent, without `?`. */
  rawQuery: string;
  /** Lower-case names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Buffer;
}

/** Why a signature was refused; each maps to one of the document's `signature.errors` examples. */
export type SignatureProblem = 'malformed' | 'failure' | 'expired' | 'unknownKey';

export type Verdict = { ok: true; keyId: string } | { ok: false; problem: SignatureProblem; detail: string };

export interface VerifyOptions {
  /** Key id → secret, for this provider. */
  secrets: ReadonlyMap<string, string>;
  service?: string;
  skewSeconds: number;
  nowMs: number;
}

export const refuse = (problem: SignatureProblem, detail: string): Verdict => ({
  ok: false,
  problem,
  detail,
});
