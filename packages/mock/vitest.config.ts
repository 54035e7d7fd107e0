import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../tools/vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: '@instancekit/mock',
    include: ['test/**/*.test.ts'],
    // Loading Prism takes about 1.5 s once per test file; the CLI tests start real processes.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
