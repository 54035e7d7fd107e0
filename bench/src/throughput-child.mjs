// One scenario's sequential throughput, in its own process:
//   node throughput-child.mjs <scenario.mjs> <endpoint> <node|global|undici|undici-request> <calls> <rounds> <warmup>
// node: our clients get no fetch (their default on Node: node:http), the raw baselines node:http too; global: Node's
// global fetch for both.
// Prints {"rates":[calls/s per round…]}.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [file, endpoint, transport, calls, rounds, warmup] = process.argv.slice(2);
const mod = await import(pathToFileURL(file).href);

let fetch;
if (transport === 'node') {
  if (mod.raw) fetch = (await import('./transports.mjs')).nodeHttpRawWith();
} else if (transport === 'global') {
  fetch = mod.raw ? undefined : (request) => globalThis.fetch(request);
} else if (transport === 'undici') {
  const { Agent, undiciFetch, undiciFetchWith } = await import('./transports.mjs');
  const agent = new Agent({ connections: 16, keepAliveTimeout: 30_000 });
  // Raw baselines call fetch(url, init); instancekit clients call fetch(request).
  fetch = mod.raw ? (url, init) => undiciFetch(url, { ...init, dispatcher: agent }) : undiciFetchWith(agent);
} else if (transport === 'undici-request') {
  const { undiciRequestFetchWith, undiciRequestRawWith } = await import('./transports.mjs');
  fetch = mod.raw ? undiciRequestRawWith() : undiciRequestFetchWith();
}
const call = mod.create({ endpoint, ...(fetch ? { fetch } : {}) });

for (let i = 0; i < Number(warmup); i++) await call();
const rates = [];
for (let r = 0; r < Number(rounds); r++) {
  const n = Number(calls);
  const started = performance.now();
  for (let i = 0; i < n; i++) await call();
  rates.push(n / ((performance.now() - started) / 1000));
}
process.stdout.write(`${JSON.stringify({ rates })}\n`);
process.exit(0);
