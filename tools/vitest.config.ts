import { defineProject } from 'vitest/config';
import { workspaceAliases } from './vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'tools', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 60_000 },
});
