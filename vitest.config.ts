import { defineConfig } from 'vitest/config';

// One project per workspace package; each package keeps its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*', 'tools'],
  },
});
