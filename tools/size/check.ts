/**
 * Size budget of a provider client: bundles a tiny program that creates the client and makes one call
 * (esbuild: --bundle --minify --format=esm --platform=neutral, from the package's sources with
 * @instancekit/core and every runtime dependency inlined), gzips it and compares it with the budget.
 *
 *   npx tsx tools/size/check.ts zenlayer-zec        # prints the size; exits 1 above the budget
 */

import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { loadDereferenced } from '../generate/load-spec.js';
import { packageSpecs, REPO_ROOT, type SpecRoot } from '../spec-manifest.js';

// biome-ignore lint/suspicious/noExplicitAny: a walk over parsed YAML
type Json = Record<string, any>;

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Budget in bytes of gzip output, the same for every client. Issues 3–5 set 8 kB; issue 10's promises (closed
 * options and credentials, redirect refusal, capped and abort-raced body reads, scrubbing by value, the
 * documented rules of every field) cost about 2.5 kB per client, the lifecycle actions (issue 13) and the
 * generated error-code tables (issue 11) about 0.5 kB more, and reading input once as plain data, one-pass
 * scrubbing of every echo form and capped provider messages (the review of issue 10) about 1 kB more; issue 12
 * moved Tencent's legacy gateway to its own entry (tencent-cvm 12.1 → 11.6 kB); issue 17's credential resolver
 * (the chain, refresh shared by concurrent callers, rotated secrets scrubbed; its file and metadata sources are
 * Node-only and not in this build) added about 0.7 kB. Issue 12's per-call work added about 120 B (each transport
 * keeps its own attempt deadline, a client's headers are checked once and kept, JD's date is formatted once per
 * second and its URL composed without setters), which browsers' calls gain from too. Its second round added about
 * 800 B (the request's headers over the client's instead of a copy, compiled validation rules, remembered field
 * names, the signing key and JD's canonical URL kept between calls: CPU each call saves in browsers as on Node). The
 * budget is today's largest client (jdcloud-vm, 14,400 B from sources) plus about 0.4 %. This is the default
 * (browser) build: the `node` build swaps Web Crypto + fetch for node:crypto + node:http and is not what a browser
 * bundles.
 */
export const BUDGET_BYTES = 14_464;

/** Only for the check's own test, which proves the CLI fails above a budget. */
const budgetBytes = Number(process.env.INSTANCEKIT_SIZE_BUDGET) || BUDGET_BYTES;

/** `tencent-cvm` → `createTencentCvmClient`: every client package names its factory after itself. */
const factoryName = (pkg: string) =>
  `create${pkg.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase())}Client`;

/** The first `kind: mutation` operation of the package's specs (in path order), and its first request example. */
function firstMutation(roots: SpecRoot[]): { operationId: string; input: unknown } {
  for (const root of roots) {
    const spec = loadDereferenced(`${REPO_ROOT}${root.file}`) as Json;
    for (const item of Object.values((spec.paths ?? {}) as Record<string, Json>))
      for (const operation of Object.values(item) as Json[]) {
        if (operation?.['x-instancekit']?.kind !== 'mutation') continue;
        const media = operation.requestBody?.content?.['application/json'] ?? {};
        const [named] = Object.values(media.examples ?? {}) as Json[];
        return {
          operationId: operation.operationId,
          input: named?.value ?? media.schema?.examples?.[0] ?? {},
        };
      }
  }
  throw new Error(`no spec of ${roots[0]?.package} has a kind: mutation operation to measure`);
}

/**
 * Per package: the program to measure, importing from `ENTRY` (the package's src/index.ts), derived from its specs:
 * the factory, the declared credentials (`x-instancekit.credentials`, placeholder values) and one realistic call,
 * the first mutation with its request example, so the signer, the envelope reader and the operations table are
 * all included. Nothing per provider is listed here.
 */
export const PROGRAMS: Record<string, string> = Object.fromEntries(
  [...packageSpecs()].map(([pkg, roots]) => {
    const credentials = Object.fromEntries(
      roots
        .flatMap((root) => root.credentials)
        .filter((c) => !c.optional)
        .map((c) => [c.name, c.name.toLowerCase()]),
    );
    const call = firstMutation(roots);
    // A region only for providers whose specs have one (`x-instancekit.regionPattern`).
    const region = roots.some((root) => root.regionPattern) ? "region: 'region-1', " : '';
    return [
      pkg,
      `import { ${factoryName(pkg)} } from 'ENTRY';
const c = ${factoryName(pkg)}({ ${region}credentials: ${JSON.stringify(credentials)} });
await c.${call.operationId}(${JSON.stringify(call.input)});`,
    ];
  }),
);

export interface SizeReport {
  name: string;
  minifiedBytes: number;
  gzipBytes: number;
  budgetBytes: number;
  ok: boolean;
}

export async function measure(name: string): Promise<SizeReport> {
  const program = PROGRAMS[name];
  if (!program) throw new Error(`no size program for "${name}"; known: ${Object.keys(PROGRAMS).join(', ')}`);
  const result = await build({
    stdin: {
      contents: program.replace('ENTRY', `${root}packages/${name}/src/index.ts`),
      resolveDir: root,
      sourcefile: `size-${name}.ts`,
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    // Workspace packages from their sources, as the tests use them (their dist/ may not be built).
    alias: {
      '@instancekit/core/internal': `${root}packages/core/src/internal.ts`,
      '@instancekit/core': `${root}packages/core/src/index.ts`,
    },
    // platform=neutral sets no main fields; dependencies without an exports map still need one.
    mainFields: ['module', 'main'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  return {
    name,
    minifiedBytes: code.length,
    gzipBytes,
    budgetBytes,
    ok: gzipBytes <= budgetBytes,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    console.error(
      `usage: tsx tools/size/check.ts <package>...  (known: ${Object.keys(PROGRAMS).join(', ')})`,
    );
    process.exit(2);
  }
  let failed = false;
  for (const name of names) {
    const report = await measure(name);
    console.log(
      `${name}: ${report.gzipBytes} B gzip (${report.minifiedBytes} B minified), budget ${report.budgetBytes} B: ${report.ok ? 'ok' : 'OVER'}`,
    );
    failed ||= !report.ok;
  }
  process.exit(failed ? 1 : 0);
}
