import { defineConfig, type Options } from 'tsup';
import library from '../../tsup.library';

// Two entries, split so the ESM and CJS builds of both share one copy of each module (one set of error
// classes for `instanceof`, whichever entry a package imports them from). Two builds: the default one (Web
// Crypto + fetch; `#platform` resolves to platform-web.ts) with the .d.ts files, and dist/node/ for the `node`
// export condition (`#platform` → platform-node.ts: node:crypto and node:http).
const shared = {
  ...(library as Options),
  entry: ['src/index.ts', 'src/internal.ts'],
  splitting: true,
  // The two builds run side by side: `npm run build` empties dist/ first instead.
  clean: false,
};

export default defineConfig([
  shared,
  {
    ...shared,
    platform: 'node',
    target: 'node20',
    removeNodeProtocol: false,
    outDir: 'dist/node',
    dts: false,
  },
]);
