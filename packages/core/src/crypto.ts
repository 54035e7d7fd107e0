/**
 * Hashing and encoding primitives shared by every request signer.
 *
 * Web Crypto only (`globalThis.crypto.subtle`, `TextEncoder`, `btoa`): no `node:crypto`, no `Buffer`,
 * so the same code runs in Node 20, browsers, Bun, Deno and edge runtimes.
 */

const encoder = new TextEncoder();

/** Bytes as Web Crypto accepts them (a view over a plain, non-shared ArrayBuffer). */
type Bytes = Uint8Array<ArrayBuffer>;

/** UTF-8 bytes of a string: what every provider hashes and signs. */
export function utf8(s: string): Bytes {
  return encoder.encode(s);
}

/** Lower-case hex, the form every signature and payload hash is compared in. */
export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
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

function toBytes(data: string | Uint8Array): Bytes {
  if (typeof data === 'string') return utf8(data);
  // Web Crypto refuses views over a SharedArrayBuffer; copy only in that rare case.
  return data.buffer instanceof ArrayBuffer ? (data as Bytes) : new Uint8Array(data);
}

/** Lower-case hex SHA-256 of a string (UTF-8) or of exact body bytes. */
export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', toBytes(data))));
}

/** An HMAC key: raw bytes or a string (UTF-8), or a key already imported with `cachedHmacKey`. */
export type HmacKey = string | Uint8Array | CryptoKey;

function importHmacKey(hash: 'SHA-1' | 'SHA-256', key: string | Uint8Array): Promise<CryptoKey> {
  const keyBytes = toBytes(key);
  // RFC 2104 zero-pads short keys, so an empty key equals one zero byte; Web Crypto rejects the empty form.
  const raw = keyBytes.length > 0 ? keyBytes : new Uint8Array(1);
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash }, false, ['sign']);
}

async function hmac(hash: 'SHA-1' | 'SHA-256', key: HmacKey, msg: string | Uint8Array): Promise<Uint8Array> {
  const cryptoKey = key instanceof CryptoKey ? key : await importHmacKey(hash, key);
  return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, toBytes(msg)));
}

/** Binary HMAC-SHA256; key derivation chains (TC3, JDCLOUD2) feed one result into the next as the key. */
export function hmacSha256(key: HmacKey, msg: string | Uint8Array): Promise<Uint8Array> {
  return hmac('SHA-256', key, msg);
}

/** Binary HMAC-SHA1, used only by Tencent's v1 signature (`SignatureMethod` absent or `HmacSHA1`). */
export function hmacSha1(key: HmacKey, msg: string | Uint8Array): Promise<Uint8Array> {
  return hmac('SHA-1', key, msg);
}

const keyCache = new Map<string, Promise<CryptoKey>>();
const KEY_CACHE_SIZE = 32;

/**
 * The imported HMAC key for `id`, derived once with `derive` and kept (non-extractable) for later requests.
 * Every Web Crypto call is a hop through the thread pool; a derived signing key changes once a day (its scope
 * is a date), so caching it turns TC3's and JDCLOUD2's four or five HMACs per request into one. `id` must name
 * everything the key depends on (algorithm, secret, date, region, service); at most 32 keys are kept.
 */
export function cachedHmacKey(
  hash: 'SHA-1' | 'SHA-256',
  id: string,
  derive: () => string | Uint8Array | Promise<Uint8Array>,
): Promise<CryptoKey> {
  let key = keyCache.get(id);
  if (!key) {
    key = Promise.resolve(derive()).then((raw) => importHmacKey(hash, raw));
    // A failed derivation is not kept: the next request tries again.
    key.catch(() => keyCache.delete(id));
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value as string);
    keyCache.set(id, key);
  }
  return key;
}
