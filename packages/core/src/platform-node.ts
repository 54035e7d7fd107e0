import type { KeyObject } from 'node:crypto';
import { credentialChain } from './credential-chain.js';
import { builtin } from './node-builtins.js';
import { sendWithNode } from './node-transport.js';
import type { HashName, HmacKey, Platform, PreparedHmacKey } from './platform-types.js';

const nodeCrypto = builtin('node:crypto');
const { createHash, createHmac, createSecretKey } = nodeCrypto;

const NODE_HASH = { 'SHA-1': 'sha1', 'SHA-256': 'sha256' } as const;

/** A string key is its UTF-8 bytes; an empty key is one zero byte (RFC 2104 zero-pads), as on Web Crypto. */
function keyOf(key: HmacKey): KeyObject | Uint8Array | string {
  if (typeof key === 'string') return key === '' ? new Uint8Array(1) : key;
  if (key instanceof Uint8Array) return key.length > 0 ? key : new Uint8Array(1);
  if (key instanceof PaddedKey) return key.raw;
  return key as unknown as KeyObject;
}

const bytes = (buffer: Buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

type OneShot = (algorithm: string, data: string | Uint8Array, encoding?: 'hex' | 'buffer') => string | Buffer;

/**
 * `crypto.hash` (Node 20.12+, read off the namespace so a runtime without it falls back): one native call per
 * digest, where createHash/createHmac build a stream-capable object with option checks each time. A request
 * signs with two SHA-256 digests and one HMAC.
 */
const oneShot = (nodeCrypto as { hash?: OneShot }).hash;

const BLOCK = 64;

/**
 * The inner block of an HMAC being computed: the padded key, then the message. One buffer for the process,
 * grown when a message needs more, and only ever used within one synchronous call, so no two HMACs share it.
 * It saves the two buffers (the message's bytes, then their concatenation) each HMAC would allocate.
 */
let innerBlock = Buffer.allocUnsafe(4096);

/**
 * A prepared HMAC-SHA256 key as RFC 2104 defines the function: `H((K ^ opad) || H((K ^ ipad) || m))`, the two
 * padded keys made once, so each HMAC is two one-shot digests. Checked against createHmac when made.
 */
class PaddedKey implements PreparedHmacKey {
  readonly type = 'secret';
  // Private: a key that reaches util.inspect or a log shows no byte of itself.
  readonly #raw: Uint8Array;
  readonly #inner: Buffer;
  /** The outer block: the outer padded key, then room for the inner digest (32 bytes), filled per HMAC. */
  readonly #outer: Buffer;
  constructor(raw: Uint8Array) {
    this.#raw = raw;
    const key = raw.length > BLOCK ? createHash('sha256').update(raw).digest() : raw;
    this.#inner = Buffer.alloc(BLOCK, 0x36);
    this.#outer = Buffer.alloc(BLOCK + 32, 0x5c);
    for (let i = 0; i < key.length; i++) {
      this.#inner[i]! ^= key[i]!;
      this.#outer[i]! ^= key[i]!;
    }
  }
  get raw(): Uint8Array {
    return this.#raw;
  }
  hmac(message: string | Uint8Array, hash: OneShot): string {
    // At most three bytes per UTF-16 unit: room for any string without measuring it first.
    const room = BLOCK + (typeof message === 'string' ? message.length * 3 : message.byteLength);
    if (innerBlock.length < room) innerBlock = Buffer.allocUnsafe(room);
    this.#inner.copy(innerBlock, 0);
    const length =
      typeof message === 'string'
        ? innerBlock.write(message, BLOCK, 'utf8')
        : (innerBlock.set(message, BLOCK), message.byteLength);
    const inner = hash('sha256', innerBlock.subarray(0, BLOCK + length), 'buffer') as Buffer;
    inner.copy(this.#outer, BLOCK);
    return hash('sha256', this.#outer, 'hex') as string;
  }
}

function sha256Hex(data: string | Uint8Array): string {
  return oneShot
    ? (oneShot('sha256', data, 'hex') as string)
    : createHash('sha256').update(data).digest('hex');
}

function hmacHex(hash: HashName, key: HmacKey, message: string | Uint8Array): string {
  if (oneShot && key instanceof PaddedKey && hash === 'SHA-256') return key.hmac(message, oneShot);
  return createHmac(NODE_HASH[hash], keyOf(key)).update(message).digest('hex');
}

/** A key for many HMACs: padded once where the one-shot digest exists (and agrees with createHmac), else a KeyObject. */
function prepareHmacKey(hash: HashName, raw: string | Uint8Array): HmacKey {
  const key = keyOf(raw) as Uint8Array | string;
  const material = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (oneShot && hash === 'SHA-256') {
    const padded = new PaddedKey(material);
    // A runtime whose `crypto.hash` differs (a partial polyfill) must not sign wrongly: checked once per key.
    if (
      padded.hmac('instancekit', oneShot) ===
      createHmac('sha256', material).update('instancekit').digest('hex')
    )
      return padded;
  }
  return createSecretKey(material) as never;
}

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
  sha256Hex,
  hmacHex,
  async prepareHmacKey(hash, raw) {
    return prepareHmacKey(hash, raw);
  },
  send: sendWithNode,
  credentialChain,
};
