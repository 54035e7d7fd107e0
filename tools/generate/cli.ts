// `npm run generate` (via turbo, one package at a time) or `tsx tools/generate/cli.ts [package…]`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { generateAll, ROOT } from './emit.js';

const packages = process.argv.slice(2);
try {
  const files = await generateAll(packages.length ? packages : undefined);
  let written = 0;
  for (const [path, content] of files) {
    const absolute = ROOT + path;
    let current: string | undefined;
    try {
      current = readFileSync(absolute, 'utf8');
    } catch {}
    // Write only what changed, so an unchanged spec leaves files (and their mtimes) alone.
    if (current === content) continue;
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, content);
    written++;
    console.log(`wrote ${path}`);
  }
  console.log(`generate: ${files.size} files, ${written} changed`);
} catch (error) {
  console.error(`generate: ${(error as Error).message}`);
  process.exit(1);
}
