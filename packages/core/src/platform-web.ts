import type { HashName, HmacKey, Platform } from './platform-types.js';

/** Bytes as Web Crypto accepts them (a view over a plain, non-shared ArrayBuffer). */
type Bytes = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();

function toBytes(data: string | Uint8Array): Bytes {
  if (typeof data === 'string') return encoder.encode(data);
  // Web Crypto refuses views over a SharedArrayBuffer; copy only in that rare case.
  return data.buffer instanceof ArrayBuffer ? (data as Bytes) : new Uint8Array(data);
}

function importHmacKey(hash: HashName, key: string | Uint8Array): Promise<CryptoKey> {
  const keyBytes = toBytes(key);
  // RFC 2104 zero-pads short keys, so an empty key equals one zero byte; Web Crypto rejects the empty form.
  const raw = keyBytes.length > 0 ? keyBytes : new Uint8Array(1);
  return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash }, false, ['sign']);
}

/** Web Crypto (`globalThis.crypto.subtle`) and the global `fetch`: Node 20, browsers, Bun, Deno, workers. */
export const platform: Platform = {
  name: 'web',
  async sha256(data) {
    return new Uint8Array(await crypto.subtle.digest('SHA-256', toBytes(data)));
  },
  async hmac(hash, key: HmacKey, message) {
    const cryptoKey =
      typeof key === 'object' && !(key instanceof Uint8Array)
        ? (key as CryptoKey) // only this platform's prepareHmacKey makes a prepared key
        : await importHmacKey(hash, key);
    return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, toBytes(message)));
  },
  prepareHmacKey: importHmacKey,
};
