import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Tests import workspace packages from their sources, so `npm test` never runs against a stale dist/. Every
 * `@instancekit/<dir>` is `packages/<dir>/src/index.ts` (each package's name is its folder's), so a new provider
 * package needs no entry here. A second entry point `@instancekit/<dir>/<entry>` is `packages/<dir>/src/<entry>.ts`
 * (core's `internal`, Tencent's `legacy`).
 */
export const workspaceAliases = [
  { find: /^@instancekit\/([^/]+)\/([a-z-]+)$/, replacement: `${root}packages/$1/src/$2.ts` },
  { find: /^@instancekit\/([^/]+)$/, replacement: `${root}packages/$1/src/index.ts` },
  { find: /^instancekit$/, replacement: `${root}packages/instancekit/src/index.ts` },
  // The facade's one-provider entries: `instancekit/tencent` is packages/instancekit/src/entries/tencent.ts.
  { find: /^instancekit\/([a-z-]+)$/, replacement: `${root}packages/instancekit/src/entries/$1.ts` },
];
