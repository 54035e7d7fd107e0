import { defineConfig, type Options } from 'tsup';
import library from '../../tsup.library';

// The root (every provider) and one entry per provider (`instancekit/tencent`, …: src/entries/*.ts, exported as
// `./*`), split so they share one copy of the facade and a one-provider bundle holds one driver and one client.
export default defineConfig({
  ...(library as Options),
  entry: ['src/index.ts', 'src/entries/*.ts'],
  splitting: true,
  // instancekit/fleet-node imports node:fs: left to the runtime, with its protocol (Deno and Bun resolve it so).
  removeNodeProtocol: false,
  external: [/^node:/],
});
