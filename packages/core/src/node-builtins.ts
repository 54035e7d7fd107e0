/**
 * Node's built-in modules for the `node` build, taken with `process.getBuiltinModule` (Node ≥ 20.16, so every
 * version `engines` allows; Bun and Deno have it too) instead of static `import`s. An ES module namespace of a
 * builtin is built export by export: importing node:crypto, node:http, node:https, node:fs and node:os that way
 * made a one-call process about 11 ms slower than taking the same module objects CommonJS code gets (a program
 * of just those imports against the same program with getBuiltinModule, medians of 15 runs: 101.8 vs 90.8 ms).
 * Only type imports name the modules here, so nothing loads before it is used.
 */
import type * as NodeCrypto from 'node:crypto';
import type * as NodeFs from 'node:fs';
import type * as NodeHttp from 'node:http';
import type * as NodeHttps from 'node:https';
import type * as NodeOs from 'node:os';

interface Builtins {
  'node:crypto': typeof NodeCrypto;
  'node:fs': typeof NodeFs;
  'node:http': typeof NodeHttp;
  'node:https': typeof NodeHttps;
  'node:os': typeof NodeOs;
}

/** The built-in module `id`; a runtime without `process.getBuiltinModule` is told which one it lacks. */
export function builtin<ID extends keyof Builtins>(id: ID): Builtins[ID] {
  const load = (globalThis.process as { getBuiltinModule?: (id: string) => unknown } | undefined)
    ?.getBuiltinModule;
  if (typeof load !== 'function')
    throw new Error(`instancekit's node build needs process.getBuiltinModule (Node ≥ 20.16) to load ${id}`);
  return load(id) as Builtins[ID];
}
