/**
 * Hashing and encoding primitives shared by every request signer. The encodings are plain JavaScript; hashing is
 * the platform's (`#platform`: Web Crypto by default, `node:crypto` under the `node` export condition).
 */
import { platform } from '#platform';
import type { HashName, HmacKey } from './platform-types.js';

export type { HashName, HmacKey } from './platform-types.js';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string: what every provider hashes and signs. */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Each byte's two hex digits, built once: a signature costs two hex encodings, and this is per request. */
const HEX_DIGITS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Lower-case hex, the form every signature and payload hash is compared in. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += HEX_DIGITS[bytes[i]!];
  return hex;
}

/** Standard base64 (with `+/=`), as Tencent's v1 signature is sent before URL-encoding. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * encodeURIComponent leaves `!'()*` alone; RFC 3986 (and the canonical forms of TC3, v1 and
 * JDCLOUD2) reserve them, so they are escaped too. Hex is upper-case, as the signers require.
 */
export function encodeRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * Lower-case hex SHA-256 of a string (UTF-8) or of exact body bytes. A string at once where the platform hashes
 * synchronously (node:crypto), a promise on Web Crypto: callers await either, and a request's signing then
 * costs no promise per digest on Node.
 */
export function sha256Hex(data: string | Uint8Array): string | Promise<string> {
  return platform.sha256Hex ? platform.sha256Hex(data) : platform.sha256(data).then(toHex);
}

/** Lower-case hex HMAC: what TC3, JDCLOUD2 and ZC2 put in the Authorization. At once where it can be, as above. */
export function hmacHex(hash: HashName, key: HmacKey, msg: string | Uint8Array): string | Promise<string> {
  return platform.hmacHex ? platform.hmacHex(hash, key, msg) : platform.hmac(hash, key, msg).then(toHex);
}

/** Binary HMAC-SHA256; key derivation chains (TC3, JDCLOUD2) feed one result into the next as the key. */
export function hmacSha256(key: HmacKey, msg: string | Uint8Array): Promise<Uint8Array> {
  return platform.hmac('SHA-256', key, msg);
}

/** Binary HMAC-SHA1, used only by Tencent's v1 signature (`SignatureMethod` absent or `HmacSHA1`). */
export function hmacSha1(key: HmacKey, msg: string | Uint8Array): Promise<Uint8Array> {
  return platform.hmac('SHA-1', key, msg);
}

/** A prepared key, and the key itself once it is ready (then a request needs no promise to use it). */
interface CachedKey {
  readonly pending: Promise<HmacKey>;
  ready?: HmacKey;
}

const keyCache = new Map<string, CachedKey>();
const KEY_CACHE_SIZE = 32;

/**
 * The prepared HMAC key for `id`, derived once with `derive` and kept (non-extractable on Web Crypto) for later
 * requests. A derived signing key changes once a day (its scope is a date), so caching it turns TC3's and
 * JDCLOUD2's four or five HMACs per request into one (and on Web Crypto, every call is a thread-pool hop). `id`
 * must name everything the key depends on (algorithm, secret, date, region, service); at most 32 keys are kept.
 */
export function cachedHmacKey(
  hash: HashName,
  id: string,
  derive: () => string | Uint8Array | Promise<Uint8Array>,
): HmacKey | Promise<HmacKey> {
  const cached = keyCache.get(id);
  if (cached) return cached.ready ?? cached.pending;
  const pending = Promise.resolve(derive()).then((raw) => platform.prepareHmacKey(hash, raw));
  const entry: CachedKey = { pending };
  pending.then(
    (key) => {
      entry.ready = key;
    },
    // A failed derivation is not kept: the next request tries again.
    () => {
      if (keyCache.get(id) === entry) keyCache.delete(id);
    },
  );
  if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string);
  keyCache.set(id, entry);
  return pending;
}
