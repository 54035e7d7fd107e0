import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { credentialChain } from './credential-chain.js';
import { sendWithNode } from './node-transport.js';
import type { HmacKey, Platform } from './platform-types.js';

const NODE_HASH = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' } as const;

/** A string key is its UTF-8 bytes; an empty key is one zero byte (RFC 2104 zero-pads), as on Web Crypto. */
function keyOf(key: HmacKey): KeyObject | Uint8Array | string {
  if (typeof key === 'string') return key === '' ? new Uint8Array(1) : key;
  if (key instanceof Uint8Array) return key.length > 0 ? key : new Uint8Array(1);
  return key as unknown as KeyObject;
}

const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * `node:crypto` (synchronous: no thread-pool hop per HMAC) and `node:http(s)` with a keep-alive agent. Resolved by
 * the `node` export condition (Node, Bun and Deno, which all have these modules).
 */
export const platform: Platform = {
  name: 'node',
  async sha256(data) {
    return bytes(createHash('sha256').update(data).digest());
  },
  async hmac(hash, key, message) {
    return bytes(createHmac(NODE_HASH[hash], keyOf(key)).update(message).digest());
  },
  sha256Hex: (data) => createHash('sha256').update(data).digest('hex'),
  hmacHex: (hash, key, message) => createHmac(NODE_HASH[hash], keyOf(key)).update(message).digest('hex'),
  async prepareHmacKey(_hash, raw) {
    const key = keyOf(raw);
    return createSecretKey(typeof key === 'string' ? Buffer.from(key, 'utf8') : (key as Uint8Array)) as never;
  },
  send: sendWithNode,
  credentialChain,
};
