import { defineConfig } from 'tsup';

/** The build of every library package (ESM + CJS + .d.ts, neutral platform); each tsup.config.ts re-exports it. */
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // Types come from the built .d.ts of sibling packages, not from their sources (see tsconfig.base.json paths).
  dts: { compilerOptions: { paths: {} } },
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // Shipped beside the bundles (sources embedded), so a stack trace or a debugger points into src/.
  sourcemap: true,
});
