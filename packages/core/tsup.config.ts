import { defineConfig, type Options } from 'tsup';
import library from '../../tsup.library';

// Two entries; split so the ESM and CJS builds of both share one copy of each module (one set of error
// classes for `instanceof`, whichever entry a package imports them from).
export default defineConfig({
  ...(library as Options),
  entry: ['src/index.ts', 'src/internal.ts'],
  splitting: true,
});
