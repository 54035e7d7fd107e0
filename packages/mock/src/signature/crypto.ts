import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export const hmac = (algorithm: 'sha1' | 'sha256', key: string | Buffer, data: string) =>
  createHmac(algorithm, key).update(data).digest();

/** Constant-time comparison of two signatures as strings (different lengths are simply unequal). */
export function sameSignature(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `Name a=b, c=d` → { a: 'b', c: 'd' } (the Authorization forms of TC3, ZC2 and JDCLOUD2). */
export function authorizationParts(value: string, scheme: string): Record<string, string> | undefined {
  if (!value.startsWith(`${scheme} `)) return undefined;
  const parts: Record<string, string> = {};
  for (const part of value.slice(scheme.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    parts[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return parts;
}

/** RFC 3986 encoding (upper-case hex), as the signers encode names, values and path segments. */
export const rfc3986 = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
