// The client routes the legacy gateway with the generated `legacyRoutes` (API 3.0's rows with the legacy spec's
// method, path key and action parameter), so the generated `legacyOperations` (about 9 kB of data) stays out of
// bundles. This pins those routes to the table generated from specs/tencent-cvm/legacy.yaml itself: same actions,
// same routes, same kinds, same input rules.
import { expect, it } from 'vitest';
import { legacyOperations, legacyRoutes } from '../src/generated/operations.js';

it('the generated legacyRoutes match the generated legacyOperations on every field the invoker reads', () => {
  const routes: Record<string, (typeof legacyRoutes)[keyof typeof legacyRoutes]> = legacyRoutes;
  expect(Object.keys(routes).sort()).toEqual(Object.keys(legacyOperations).sort());
  for (const [operationId, generated] of Object.entries(legacyOperations)) {
    const row = routes[operationId]!;
    expect({
      id: operationId,
      method: row.method,
      path: row.path,
      action: row.action,
      kind: row.kind,
    }).toEqual({
      id: operationId,
      method: generated.method,
      path: generated.path,
      action: generated.action,
      kind: generated.kind,
    });
    expect(row.input, operationId).toEqual(generated.input);
  }
});
