// The per-action rate limits the generator copies from `x-instancekit.rateLimit` into every facts table: every
// operation has one (the lint rule instancekit/rate-limit), and a figure no provider page states says so.
import { describe, expect, it } from 'vitest';
import {
  billingOperationFacts,
  vmOperationFacts,
} from '../../packages/jdcloud-vm/src/generated/operations.js';
import {
  api3OperationFacts,
  legacyOperationFacts,
} from '../../packages/tencent-cvm/src/generated/operations.js';
import { zecOperationFacts } from '../../packages/zenlayer-zec/src/generated/operations.js';

const TABLES = {
  api3: api3OperationFacts,
  legacy: legacyOperationFacts,
  zec: zecOperationFacts,
  vm: vmOperationFacts,
  billing: billingOperationFacts,
};

describe('rate-limit facts', () => {
  it.each(Object.entries(TABLES))('every %s operation has a positive per-second limit', (_name, table) => {
    for (const [action, facts] of Object.entries(table))
      expect(facts.rateLimitPerSecond, action).toBeGreaterThan(0);
  });

  it("Tencent's documented figures are confirmed (10/s changes and quotes, 40/s status); the others are not", () => {
    expect(api3OperationFacts.ResetInstancesType).toMatchObject({ rateLimitPerSecond: 10 });
    expect(api3OperationFacts.ResetInstancesType).not.toHaveProperty('rateLimitUnconfirmed');
    expect(api3OperationFacts.DescribeInstances).toMatchObject({ rateLimitPerSecond: 40 });
    expect(api3OperationFacts.DescribeInstancesModification).toMatchObject({ rateLimitUnconfirmed: true });
    expect(zecOperationFacts.ModifyInstanceType).toMatchObject({
      rateLimitPerSecond: 10,
      rateLimitUnconfirmed: true,
    });
    expect(vmOperationFacts.resizeInstance).toMatchObject({
      rateLimitPerSecond: 10,
      rateLimitUnconfirmed: true,
    });
  });
});
