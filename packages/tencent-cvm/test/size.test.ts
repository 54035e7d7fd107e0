// Bundle size of a program that builds an API 3.0 client and makes one call (tools/size/check.ts: esbuild
// --bundle --minify --format=esm from the sources, with @instancekit/core and openapi-fetch, gzip -9).
//
// The budget is 8192 B gzip, and `npx tsx tools/size/check.ts tencent-cvm` fails above it. This client
// is not within it yet (9850 B on 2026-11-23): @instancekit/core and openapi-fetch alone take 5865 B. Until
// that is settled this test is a ratchet: it fails when the bundle grows past CEILING, so nothing makes it
// worse; lower CEILING whenever the bundle shrinks, and replace it with BUDGET_BYTES once under budget.
import { expect, it } from 'vitest';
import { BUDGET_BYTES, measure } from '../../../tools/size/check.js';

const CEILING = 10_000;

it(`tencent-cvm's one-call bundle does not grow past ${CEILING} B gzip (budget ${BUDGET_BYTES} B)`, async () => {
  const report = await measure('tencent-cvm');
  expect(report.gzipBytes).toBeGreaterThan(1000); // the bundle really holds the client
  expect(report.gzipBytes).toBeLessThanOrEqual(CEILING);
}, 15_000);
