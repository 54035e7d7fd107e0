// npm run docs: one self-contained Redocly page per spec, the TypeScript API reference, the guides and an index,
// in docs/site/.
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDocs, DocsBuildError, REPO_ROOT } from './build';

const { values } = parseArgs({
  options: { out: { type: 'string' }, concurrency: { type: 'string' } },
  strict: true,
});

const rel = (path: string) => relative(REPO_ROOT, path) || '.';

try {
  const result = await buildDocs({
    outDir: values.out,
    concurrency: values.concurrency ? Number(values.concurrency) : undefined,
    onPage: (page) =>
      console.log(
        `built ${page.name} → ${rel(page.file)} (${page.operationIds.length} operations, ` +
          `${(page.bytes / 1024 / 1024).toFixed(1)} MB, ${(page.ms / 1000).toFixed(1)} s)`,
      ),
  });
  for (const api of result.skipped) console.log(`skipped ${api.name}: ${rel(api.root)} does not exist yet`);
  console.log(`guides: ${result.guides.map((g) => rel(g.file)).join(', ') || 'none'}`);
  const shown = result.provenance.filter((mark) => mark.places.length > 0).length;
  console.log(`provenance: ${result.provenance.length} marks, ${shown} shown in the reference`);
  const api = result.apiReference;
  if (api)
    console.log(
      `api → ${rel(`${result.outDir}/api/index.html`)} (${api.modules.length} entry points, ${api.pages} pages, ` +
        `${api.warnings} TypeDoc warnings, ${(api.ms / 1000).toFixed(1)} s)`,
    );
  console.log(`index → ${rel(`${result.outDir}/index.html`)} (${(result.ms / 1000).toFixed(1)} s in all)`);
} catch (error) {
  const message = error instanceof DocsBuildError ? error.message : String((error as Error)?.stack ?? error);
  console.error(`build-docs: ${message}`);
  process.exitCode = 1;
}
