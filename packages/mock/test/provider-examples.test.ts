import { fileURLToPath } from 'node:url';
import { MOCK_SPECS, type MockName, type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './helpers';
import { readSpecOperations } from './spec-reader';
import { wireRequest } from './wire';

// The Zenlayer and JD Cloud specs on the real mock: every operation's wire request reaches its success example,
// and every named example is selected by name alone, whatever status it lives under (400, 403, 404, 429, 5xx).
// (Tencent has its own, deeper test: tencent-routing.test.ts.)

const NAMES: MockName[] = ['zenlayer-zec', 'jdcloud-vm', 'jdcloud-billing'];
const spec = (name: MockName) =>
  fileURLToPath(new URL(`../../../specs/${MOCK_SPECS[name]}`, import.meta.url));

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ providers: NAMES });
});
afterAll(() => mocks?.close());

describe.each(NAMES)('%s', (name) => {
  const operations = readSpecOperations(spec(name));

  it('has operations with a success example and error examples under non-200 statuses', () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) expect(op.examples[0]?.name, op.operationId).toBe('success');
    expect(operations.flatMap((op) => op.examples).some((ex) => ex.status >= 400)).toBe(true);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s reaches its success example',
    async (_id, op) => {
      const request = wireRequest(mocks.urls[name]!, op, spec(name));
      const answer = await call(request.url, request.init);
      expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(200);
      expect(answer.body).toEqual(op.examples[0]!.value);
    },
  );

  const colonVerbs = operations.filter((op) => /\}:[A-Za-z]+$/.test(op.path));
  it.each(colonVerbs.map((op) => [op.operationId, op] as const))(
    '%s reaches its success example with the colon sent as %3A (as JD signs it)',
    async (_id, op) => {
      const request = wireRequest(mocks.urls[name]!, op, spec(name));
      const encoded = request.url.replace(/:([A-Za-z]+)(\?|$)/, '%3A$1$2');
      expect(encoded).toContain('%3A');
      const answer = await call(encoded, request.init);
      expect(answer.status, JSON.stringify(answer.body).slice(0, 400)).toBe(200);
      expect(answer.body).toEqual(op.examples[0]!.value);
    },
  );

  const named = operations.flatMap((op) =>
    op.examples.slice(1).map((ex) => [op.operationId, ex.name, ex.status, op, ex] as const),
  );
  it.each(named)(
    '%s: Prefer: example=%s returns it with status %i',
    async (_id, exampleName, _status, op, ex) => {
      const request = wireRequest(mocks.urls[name]!, op, spec(name));
      const answer = await call(request.url, {
        ...request.init,
        headers: { ...request.init.headers, prefer: `example=${exampleName}` },
      });
      expect(answer.status).toBe(ex.status);
      expect(answer.body).toEqual(ex.value);
    },
  );
});
