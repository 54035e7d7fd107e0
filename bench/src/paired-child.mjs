// Sequential throughput of several scenarios in ONE process, measured in alternating blocks:
//   node paired-child.mjs <endpoint> <calls per block> <blocks> <warmup> <scenario.mjs>...
// Every scenario runs on Node's default road (ours: no fetch passed; raw baselines: node:http with a keep-alive
// agent; the official SDKs: their own). Blocks rotate through the scenarios, so whatever the machine does to this
// process (which core it runs on, its clock, other load) hits each of them alike; that is what a ratio between
// them needs, and what separate processes per subject cannot give.
// Prints {"rates":{"<scenario file>":[calls/s per block…]}}.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const [endpoint, callsText, blocksText, warmupText, ...files] = process.argv.slice(2);
const calls = Number(callsText);
const subjects = [];
for (const file of files) {
  const mod = await import(pathToFileURL(file).href);
  const fetch = mod.raw ? (await import('./transports.mjs')).nodeHttpRawWith() : undefined;
  subjects.push({ file, call: mod.create({ endpoint, ...(fetch ? { fetch } : {}) }), rates: [] });
}
for (const subject of subjects) for (let i = 0; i < Number(warmupText); i++) await subject.call();
for (let block = 0; block < Number(blocksText); block++) {
  // Rotations alternate forward and backward (and start at a different subject each time), so each subject follows
  // every other one equally often: whatever one leaves behind (garbage, pooled sockets) lands on each of the others.
  const order = subjects.map((_, k) => subjects[(block + k) % subjects.length]);
  if (block % 2 === 1) order.reverse();
  for (const subject of order) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) await subject.call();
    subject.rates.push(calls / ((performance.now() - started) / 1000));
  }
}
process.stdout.write(
  `${JSON.stringify({ rates: Object.fromEntries(subjects.map((s) => [s.file, s.rates])) })}\n`,
);
process.exit(0);
