// Class 8 (its "malformed status and quote answers" part) and class 10 of issue 10 for the facade. An answer
// whose envelope is fine but whose contents have another shape — Zenlayer `dataSet: {}`, JD `list: [null]`,
// Tencent `InstanceSet: [null]`, `Price: null`, a price as a string — is a ResponseFormatError, never a raw
// TypeError or a silently empty quote; the waiter stops on it at once. Handles carry the provider's request
// id: the outer Zenlayer id when the inner one is missing (once the string "undefined"), a numeric JD id in
// its string form (once '').
import fc from 'fast-check';
import { InstanceKitError, ResponseFormatError } from 'instancekit';
import { afterEach, describe, expect, it } from 'vitest';
import { type Behaviour, type FaultServer, startFaultServer } from '../support/fault-server.js';
import { FIXTURES, jdcloud, kitFor, type ProviderFixture, tencent, zenlayer } from '../support/providers.js';
import { rejectionOf } from './facade-kits.js';

let server: FaultServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const json = (body: unknown): Behaviour => ({ kind: 'json', body });

/** A kit whose server answers `action` with `answer` and everything else with the fixture's success. */
async function kitAnswering(fx: ProviderFixture, action: string, answer: () => Behaviour) {
  server = await startFaultServer((req, i) =>
    req.action === action ? answer() : fx.success(req.action, `rid-${i}`),
  );
  return { kit: kitFor(fx, server.url), server };
}

/** Wraps `contents` in the provider's success envelope. */
const ENVELOPE: Record<string, (contents: unknown) => Behaviour> = {
  tencent: (contents) => json({ Response: { ...(contents as object), RequestId: 'rid-x' } }),
  zenlayer: (contents) => json({ requestId: 'rid-x', response: contents }),
  jdcloud: (contents) => json({ requestId: 'rid-x', result: contents }),
};

/** Status answers of another shape, per provider. */
const BAD_STATUS: Record<string, unknown[]> = {
  tencent: [
    { InstanceSet: [null] },
    { InstanceSet: {} },
    { InstanceSet: 'ins-r8hr2upy' },
    { InstanceSet: [{ InstanceId: 42 }] },
    { InstanceSet: [{ InstanceId: tencent.resizeInput.instanceId, LatestOperationState: 7 }] },
    { InstanceSet: [{ InstanceId: tencent.resizeInput.instanceId, InstanceState: ['RUNNING'] }] },
  ],
  zenlayer: [
    { dataSet: {} },
    { dataSet: [null] },
    { dataSet: 'x' },
    { dataSet: [{ instanceId: 1660545 }] },
    { dataSet: [{ instanceId: zenlayer.resizeInput.instanceId, instanceStatus: 3 }] },
  ],
  jdcloud: [
    { instance: 'i-6za0ovr24v' },
    { instance: [] },
    { instance: { status: 5 } },
    { instance: { status: {} } },
  ],
};

/** Quote answers of another shape, per provider. */
const BAD_QUOTES: Record<string, unknown[]> = {
  tencent: [
    { Price: null },
    {},
    { Price: 'free' },
    { Price: { InstancePrice: 'x' } },
    { Price: { InstancePrice: { OriginalPrice: '120.5', DiscountPrice: 96.4 } } },
    { Price: { InstancePrice: { UnitPrice: true } } },
    { Price: { InstancePrice: { OriginalPrice: 1, ChargeUnit: 5 } } },
  ],
  zenlayer: [
    { specPrice: 'x' },
    { specPrice: { originalPrice: '50', discountPrice: 45 } },
    { specPrice: [] },
    { gpuPrice: { unitPrice: {} } },
  ],
  jdcloud: [
    { list: [null] },
    { list: {} },
    {},
    { list: [{ originalPrice: '120.5' }] },
    { list: [{ price: 1, billingType: '3' }] },
    { list: ['vm'] },
  ],
};

describe.each(FIXTURES)('$name', (fx) => {
  it.each(BAD_STATUS[fx.name]!.map((contents) => [JSON.stringify(contents), contents]))(
    'status answer %s → ResponseFormatError after one poll (waiting does not fix it)',
    async (_shown, contents) => {
      const { kit, server } = await kitAnswering(fx, fx.actions.poll, () => ENVELOPE[fx.name]!(contents));
      const handle = await kit.resize(fx.resizeInput);
      const error = await rejectionOf(() => kit.waitFor(handle, { intervalMs: 0, timeoutMs: 30_000 }));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect((error as ResponseFormatError).provider).toBe(fx.name);
      expect((error as ResponseFormatError).action).toBe(fx.actions.poll);
      expect(server.countOf(fx.actions.poll)).toBe(1);
    },
  );

  it.each(BAD_QUOTES[fx.name]!.map((contents) => [JSON.stringify(contents), contents]))(
    'quote answer %s → ResponseFormatError',
    async (_shown, contents) => {
      const { kit } = await kitAnswering(fx, fx.actions.quoteResize, () => ENVELOPE[fx.name]!(contents));
      const error = await rejectionOf(() => kit.quoteResize(fx.resizeInput));
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect((error as ResponseFormatError).provider).toBe(fx.name);
    },
  );

  it('any JSON value where a price amount belongs → a quote of numbers or nulls, or a ResponseFormatError', async () => {
    const place: Record<string, (value: unknown) => unknown> = {
      tencent: (value) => ({ Price: { InstancePrice: { OriginalPrice: value, DiscountPrice: 1 } } }),
      zenlayer: (value) => ({ specPrice: { originalPrice: value, discountPrice: 1 } }),
      jdcloud: (value) => ({ list: [{ serviceCode: 'vm', billingType: 3, originalPrice: value }] }),
    };
    let answer: unknown;
    const { kit } = await kitAnswering(fx, fx.actions.quoteResize, () => ENVELOPE[fx.name]!(answer));
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (value) => {
        answer = place[fx.name]!(value);
        try {
          const quote = await kit.quoteResize(fx.resizeInput);
          expect(typeof value === 'number' || value === null).toBe(true);
          for (const line of quote.lines)
            expect(line.originalAmount === null || typeof line.originalAmount === 'number').toBe(true);
        } catch (error) {
          expect(error).toBeInstanceOf(ResponseFormatError);
          expect(typeof value === 'number' || value === null).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('any JSON value as the whole status contents → a typed outcome, never a TypeError', async () => {
    let answer: unknown;
    const { kit } = await kitAnswering(fx, fx.actions.poll, () => ENVELOPE[fx.name]!(answer));
    const handle = await kit.resize(fx.resizeInput);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.jsonValue().map((v) => ({ InstanceSet: v, dataSet: v, instance: v })),
          fc.jsonValue().map((v) => ({ InstanceSet: [v], dataSet: [v] })),
        ),
        async (contents) => {
          answer = contents;
          // A short wait: contents that happen to be valid (an empty list) just time out or are not found.
          const error = await kit.waitFor(handle, { timeoutMs: 50 }).then(
            () => undefined,
            (e: unknown) => e,
          );
          if (error !== undefined) expect(error).toBeInstanceOf(InstanceKitError);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('request ids on handles', () => {
  it("Zenlayer: the outer requestId when the inner one is missing, never the string 'undefined'", async () => {
    server = await startFaultServer(() => json({ requestId: 'outer-id-1', response: {} }));
    const kit = kitFor(zenlayer, server.url);
    expect((await kit.resize(zenlayer.resizeInput)).requestId).toBe('outer-id-1');
    expect((await kit.reinstall(zenlayer.reinstallInput)).requestId).toBe('outer-id-1');
  });

  it("Zenlayer: no id anywhere → '' (not 'undefined')", async () => {
    server = await startFaultServer(() => json({ response: {} }));
    const kit = kitFor(zenlayer, server.url);
    const handle = await kit.resize(zenlayer.resizeInput).catch((e: unknown) => e);
    // Either a typed refusal of an id-less envelope, or a handle whose id is honestly empty.
    if (handle instanceof Error) expect(handle).toBeInstanceOf(InstanceKitError);
    else expect((handle as { requestId: string }).requestId).not.toBe('undefined');
  });

  it('JD Cloud: a numeric requestId is kept in its string form', async () => {
    server = await startFaultServer(() => json({ requestId: 123456789, result: {} }));
    const kit = kitFor(jdcloud, server.url);
    expect((await kit.resize(jdcloud.resizeInput)).requestId).toBe('123456789');
    expect((await kit.reinstall(jdcloud.reinstallInput)).requestId).toBe('123456789');
  });

  it('JD Cloud: the x-jdcloud-request-id header when the body has none; the mutation is sent once', async () => {
    server = await startFaultServer(() => ({
      kind: 'json',
      body: { result: {} },
      headers: { 'x-jdcloud-request-id': 'hdr-id-7' },
    }));
    const kit = kitFor(jdcloud, server.url);
    expect((await kit.resize(jdcloud.resizeInput)).requestId).toBe('hdr-id-7');
    expect(server.countOf('resizeInstance')).toBe(1);
  });

  it('Tencent: the RequestId of the answer', async () => {
    server = await startFaultServer(() => json({ Response: { RequestId: 'tc-rid-1' } }));
    const kit = kitFor(tencent, server.url);
    expect((await kit.resize(tencent.resizeInput)).requestId).toBe('tc-rid-1');
  });
});
