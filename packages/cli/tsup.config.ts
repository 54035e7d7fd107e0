import { defineConfig } from 'tsup';

// A command, not a library: one ESM bundle for Node; its dependencies (commander, log-update, yaml, instancekit)
// stay in node_modules.
export default defineConfig({
  entry: ['src/cli.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  target: 'node20',
  platform: 'node',
  sourcemap: true,
});
