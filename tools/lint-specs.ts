// `npm run lint:specs`: `redocly lint` over every spec root of specs/ (tools/spec-manifest.ts), with the rules of
// redocly.yaml, which lists no APIs — so a new spec is linted without being registered anywhere.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT, specRoots } from './spec-manifest.js';

const files = specRoots().map((root) => root.file);
const run = spawnSync(
  `${REPO_ROOT}node_modules/.bin/redocly`,
  ['lint', '--format=stylish', ...files, ...process.argv.slice(2)],
  {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  },
);
process.exit(run.status ?? 1);
