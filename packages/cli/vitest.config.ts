import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../tools/vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: '@instancekit/cli',
    include: ['test/**/*.test.ts'],
    // The tests run the built CLI and the mock as real processes (Prism loads in about 1.5 s).
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
