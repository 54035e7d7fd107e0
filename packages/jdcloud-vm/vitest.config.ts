import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../tools/vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: '@instancekit/jdcloud-vm', include: ['test/**/*.test.ts'] },
});
