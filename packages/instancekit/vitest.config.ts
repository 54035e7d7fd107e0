import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../tools/vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: 'instancekit', include: ['test/**/*.test.ts'] },
});
