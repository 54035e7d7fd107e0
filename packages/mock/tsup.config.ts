import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'tsup';

const repoSpecs = fileURLToPath(new URL('../../specs/', import.meta.url));
const distSpecs = fileURLToPath(new URL('./dist/specs/', import.meta.url));

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: ['esm', 'cjs'],
  // Types come from the built .d.ts of sibling packages, not from their sources (see tsconfig.base.json paths).
  dts: { entry: 'src/index.ts', compilerOptions: { paths: {} } },
  clean: true,
  target: 'es2022',
  platform: 'node',
  // import.meta.url in the CJS build (the specs are found next to the bundle).
  shims: true,
  // Shipped beside the bundles (sources embedded), so a stack trace or a debugger points into src/.
  sourcemap: true,
  // The package reads the specs at run time: ship a copy of the repo's specs/ tree (relative $refs intact).
  async onSuccess() {
    rmSync(distSpecs, { recursive: true, force: true });
    if (!existsSync(repoSpecs)) return;
    cpSync(repoSpecs, distSpecs, {
      recursive: true,
      filter: (source) => statSync(source).isDirectory() || /\.(ya?ml|json)$/.test(source),
    });
  },
});
