import { defineConfig, type Options } from 'tsup';
import library from '../../tsup.library';

// Two entries: API 3.0 (the root) and the legacy gateway (`./legacy`), split so they share one copy of the
// client code and an API 3.0 user's bundle holds none of the legacy flattening and v1 signing.
export default defineConfig({
  ...(library as Options),
  entry: ['src/index.ts', 'src/legacy.ts'],
  splitting: true,
});
