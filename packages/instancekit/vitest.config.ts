import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../tools/vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: 'instancekit',
    include: ['test/**/*.test.ts'],
    // Type-level tests of the facade and of the three clients (test/*.test-d.ts): one tsc run, a few seconds.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
