import type { ChainKit, CredentialResolver } from './credentials.js';
import type { RawAnswer, SendContext } from './fetch-transport.js';
import type { WireRequest } from './wire-request.js';

/**
 * A key a platform prepared once for many `hmac` calls (Web Crypto's `CryptoKey`, node:crypto's `KeyObject`),
 * opaque outside that platform. Not typed `CryptoKey`: that global comes from the DOM lib, and core's published
 * declarations must also compile in a Node project without it (`lib: ["ES2022"]`, `skipLibCheck: false`).
 */
export interface PreparedHmacKey {
  readonly type: string;
}

/** A key for `hmac`: raw bytes or a string (UTF-8), or a key a platform prepared once (`prepareHmacKey`). */
export type HmacKey = string | Uint8Array | PreparedHmacKey;

export type HashName = 'SHA-1' | 'SHA-256';

/**
 * What differs between runtimes. `platform-web.ts` (the `default` export condition: browsers, workers, edge) is
 * Web Crypto and `fetch`; `platform-node.ts` (the `node` condition: Node, Bun, Deno) is `node:crypto`, which
 * hashes synchronously instead of hopping through a thread pool, and `node:http(s)` with a keep-alive agent, so
 * the global `fetch` (about 170 ms to load the first time) is never touched unless the user passes one.
 */
export interface Platform {
  readonly name: 'web' | 'node';
  sha256(data: string | Uint8Array): Promise<Uint8Array>;
  /** Hex forms where the platform makes them natively (node:crypto's `digest('hex')`); else core encodes. */
  readonly sha256Hex?: (data: string | Uint8Array) => string;
  readonly hmacHex?: (hash: HashName, key: HmacKey, message: string | Uint8Array) => string;
  hmac(hash: HashName, key: HmacKey, message: string | Uint8Array): Promise<Uint8Array>;
  /** A key ready for many `hmac` calls (imported once on Web Crypto). */
  prepareHmacKey(hash: HashName, raw: string | Uint8Array): Promise<HmacKey>;
  /** Sends one signed attempt when the user passed no `fetch`; absent: the global `fetch` is used. */
  readonly send?: (wire: WireRequest, context: SendContext) => Promise<RawAnswer>;
  /** The credential chain past the environment: profile files and the metadata service (Node only). */
  readonly credentialChain?: (kit: ChainKit) => CredentialResolver;
}
