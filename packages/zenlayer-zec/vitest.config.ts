import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../tools/vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: '@instancekit/zenlayer-zec', include: ['test/**/*.test.ts'] },
});
