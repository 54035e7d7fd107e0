// The client derives its legacy operations table from API 3.0's (to keep the second generated table out of
// bundles). This pins that derivation to the generated table from specs/tencent-cvm/legacy.yaml: same actions,
// same routes, same kinds, same input rules.
import { expect, it } from 'vitest';
import { legacyRoutes } from '../src/client.js';
import { legacyOperations } from '../src/generated/operations.js';

it('legacyRoutes() matches the generated legacyOperations on every field the invoker reads', () => {
  const derived = legacyRoutes();
  expect(Object.keys(derived).sort()).toEqual(Object.keys(legacyOperations).sort());
  for (const [operationId, generated] of Object.entries(legacyOperations)) {
    const row = derived[operationId]!;
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
