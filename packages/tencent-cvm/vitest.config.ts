import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../tools/vitest-aliases';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: { name: '@instancekit/tencent-cvm', include: ['test/**/*.test.ts'] },
});
