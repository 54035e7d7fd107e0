#!/usr/bin/env node
// The CLI lives in src/cli.ts; this file only loads the built bundle (npm run build).
let cli;
try {
  cli = await import('../dist/cli.js');
} catch (error) {
  const reason =
    error?.code === 'ERR_MODULE_NOT_FOUND' ? 'not built yet; run `npm run build`' : error?.message;
  process.stderr.write(`instancekit: cannot load the CLI (${String(reason).split('\n')[0]})\n`);
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
