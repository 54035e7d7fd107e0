import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Tests import workspace packages from their sources, so `npm test` never runs against a stale dist/. */
export const workspaceAliases = [
  { find: /^@instancekit\/core\/internal$/, replacement: `${root}packages/core/src/internal.ts` },
  {
    find: /^@instancekit\/(core|tencent-cvm|zenlayer-zec|jdcloud-vm|mock)$/,
    replacement: `${root}packages/$1/src/index.ts`,
  },
  { find: /^instancekit$/, replacement: `${root}packages/instancekit/src/index.ts` },
];
