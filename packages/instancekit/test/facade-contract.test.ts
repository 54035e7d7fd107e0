// Every facade method for every provider against @instancekit/mock (Prism over real HTTP, signed requests):
// handles carry the spec example's request id, quotes are priced lines with a currency, unsupported
// operations name provider and operation, and a dry run never sends the mutation (a recording fetch sees
// every action that left).
import { fileURLToPath } from 'node:url';
import { type RunningMocks, startMocks } from '@instancekit/mock';
import {
  createInstanceKit,
  type InstanceKit,
  type ProviderName,
  TargetUnavailableError,
  TimeoutError,
  UnsupportedOperationError,
} from 'instancekit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDereferenced } from '../../../tools/generate/load-spec.js';
import { actionOf } from './support/fault-server.js';
import { jdcloud, type ProviderFixture, tencent, zenlayer } from './support/providers.js';

/** The request id of the `success` example of `operationId`'s 200 answer in `spec`. */
function exampleRequestId(spec: string, operationId: string): string {
  const doc = loadDereferenced(fileURLToPath(new URL(`../../../specs/${spec}`, import.meta.url))) as {
    paths: Record<
      string,
      Record<
        string,
        {
          operationId?: string;
          responses?: Record<
            string,
            {
              content: Record<
                string,
                {
                  examples: Record<
                    string,
                    { value: { Response?: { RequestId?: string }; requestId?: string } }
                  >;
                }
              >;
            }
          >;
        }
      >
    >;
  };
  for (const item of Object.values(doc.paths))
    for (const op of Object.values(item)) {
      if (op?.operationId !== operationId) continue;
      const value = op.responses?.['200']?.content['application/json']?.examples.success?.value;
      const requestId = value?.Response?.RequestId ?? value?.requestId;
      if (typeof requestId === 'string') return requestId;
      throw new Error(`${operationId} has no success example with a request id`);
    }
  throw new Error(`${operationId} not in ${spec}`);
}

interface Case {
  fx: ProviderFixture;
  spec: string;
  supported: Record<'resize' | 'quoteResize' | 'reinstall' | 'quoteReinstall', boolean>;
  /** Inputs the mock accepts (the specs' request examples). */
  resize: { instanceId: string; instanceType: string };
  reinstall: { instanceId: string; imageId?: string; password?: string };
}

const CASES: Case[] = [
  {
    fx: tencent,
    spec: 'tencent-cvm/api3.yaml',
    supported: { resize: true, quoteResize: true, reinstall: true, quoteReinstall: true },
    // The type DescribeInstancesModification's example shows on sale (a quote asks the listing first).
    resize: { instanceId: 'ins-r8hr2upy', instanceType: 'S5.LARGE8' },
    reinstall: { instanceId: 'ins-r8hr2upy', imageId: 'img-pmqg1cw7', password: 'Qcloud@TestApi123++' },
  },
  {
    fx: zenlayer,
    spec: 'zenlayer-zec/zec.yaml',
    supported: { resize: true, quoteResize: true, reinstall: true, quoteReinstall: false },
    resize: { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' },
    reinstall: { instanceId: '1660545330971680835', imageId: 'ubuntu2404_20240712', password: 'Example+123' },
  },
  {
    fx: jdcloud,
    spec: 'jdcloud-vm/vm.yaml',
    supported: { resize: true, quoteResize: true, reinstall: true, quoteReinstall: false },
    resize: { instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' },
    reinstall: { instanceId: 'i-6za0ovr24v', password: 'Ab3$kq9!Zt' },
  },
];

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({
    providers: ['tencent-cvm-api3', 'zenlayer-zec', 'jdcloud-vm', 'jdcloud-billing'],
  });
}, 60_000);
afterAll(() => mocks?.close());

/** A kit on the mock whose fetch records the action of every request (header action, else JD's path). */
function recordingKit(provider: ProviderName, fx: ProviderFixture): { kit: InstanceKit; sent: string[] } {
  const sent: string[] = [];
  const endpoint = {
    tencent: mocks.urls['tencent-cvm-api3'],
    zenlayer: mocks.urls['zenlayer-zec'],
    jdcloud: mocks.urls['jdcloud-vm'],
  }[provider]!;
  const kit = createInstanceKit({
    provider,
    ...(fx.region ? { region: fx.region } : {}),
    credentials: fx.credentials,
    endpoint,
    ...(provider === 'jdcloud' ? { billingEndpoint: mocks.urls['jdcloud-billing']! } : {}),
    retry: false,
    fetch: async (request) => {
      const url = new URL(request.url);
      sent.push(actionOf(url.pathname + url.search, Object.fromEntries(request.headers)));
      return fetch(request);
    },
  });
  return { kit, sent };
}

describe.each(CASES)('$fx.name', ({ fx, spec, supported, resize, reinstall }) => {
  it('capabilities match the issue', () => {
    const { kit } = recordingKit(fx.name, fx);
    expect(kit.provider).toBe(fx.name);
    for (const [operation, yes] of Object.entries(supported))
      expect(kit.capabilities[operation as keyof typeof supported].supported, operation).toBe(yes);
    expect(kit.capabilities.waitFor.supported).toBe(true);
    expect(Boolean(kit.capabilities.quoteResize.unconfirmed)).toBe(fx.name === 'jdcloud');
    expect(kit.capabilities.resize.action).toBe(fx.actions.resize);
    expect(kit.capabilities.reinstall.action).toBe(fx.actions.reinstall);
  });

  it('resize → a handle with the example request id', async () => {
    const { kit, sent } = recordingKit(fx.name, fx);
    const handle = await kit.resize(resize);
    expect(handle).toMatchObject({
      provider: fx.name,
      action: fx.actions.resize,
      instanceId: resize.instanceId,
      requestId: exampleRequestId(spec, fx.actions.resize),
    });
    expect(handle.startedAt).toBeGreaterThan(0);
    expect(sent).toEqual([fx.actions.resize]);
  });

  it('quoteResize → the listing shows the target on sale, then priced lines with numbers and a currency', async () => {
    const { kit, sent } = recordingKit(fx.name, fx);
    const quote = await kit.quoteResize(resize);
    expect(quote.availability).toBe('available');
    expect(quote.provider).toBe(fx.name);
    expect(quote.action).toBe(fx.actions.quoteResize);
    expect(quote.currency).toMatch(/^[A-Z]{3}$/);
    expect(quote.lines.length).toBeGreaterThan(0);
    for (const line of quote.lines) {
      expect(typeof line.item).toBe('string');
      expect(['prepaid', 'postpaid']).toContain(line.billing);
      expect(
        [line.originalAmount, line.discountedAmount].some((n) => typeof n === 'number' && Number.isFinite(n)),
      ).toBe(true);
    }
    expect(quote.raw).toBeTruthy();
    if (fx.name === 'jdcloud') expect(quote.unconfirmed.length).toBeGreaterThan(0);
    expect(sent).toEqual([fx.actions.listing, fx.actions.quoteResize]);
  });

  it('quoteResize of a target the listing does not show → TargetUnavailableError, no price asked', async () => {
    const { kit, sent } = recordingKit(fx.name, fx);
    const error = await kit.quoteResize({ ...resize, instanceType: 'x9.notlisted' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetUnavailableError);
    expect(error).toMatchObject({
      provider: fx.name,
      action: fx.actions.listing,
      availability: 'notOffered',
      instanceType: 'x9.notlisted',
    });
    expect(sent).toEqual([fx.actions.listing]);
  });

  it('reinstall → a handle with the example request id', async () => {
    const { kit, sent } = recordingKit(fx.name, fx);
    const handle = await kit.reinstall(reinstall);
    expect(handle).toMatchObject({
      provider: fx.name,
      action: fx.actions.reinstall,
      instanceId: reinstall.instanceId,
      requestId: exampleRequestId(spec, fx.actions.reinstall),
    });
    expect(sent).toEqual([fx.actions.reinstall]);
  });

  if (supported.quoteReinstall) {
    it('quoteReinstall → priced lines', async () => {
      const { kit, sent } = recordingKit(fx.name, fx);
      const quote = await kit.quoteReinstall({
        instanceId: reinstall.instanceId,
        imageId: reinstall.imageId!,
      });
      expect(quote.currency).toMatch(/^[A-Z]{3}$/);
      expect(quote.lines.length).toBeGreaterThan(0);
      expect(quote.lines[0]!.discountedAmount).toEqual(expect.any(Number));
      expect(sent).toEqual(['InquiryPriceResetInstance']);
    });
  } else {
    it('quoteReinstall → UnsupportedOperationError naming provider and operation, nothing sent', async () => {
      const { kit, sent } = recordingKit(fx.name, fx);
      const error = await kit.quoteReinstall(reinstall).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(UnsupportedOperationError);
      const unsupported = error as UnsupportedOperationError;
      expect(unsupported.provider).toBe(fx.name);
      expect(unsupported.operation).toBe('quoteReinstall');
      expect(unsupported.code).toBe('Unsupported');
      expect(unsupported.message).toContain(fx.name);
      expect(unsupported.message).toContain('quoteReinstall');
      expect(sent).toEqual([]);
    });
  }

  it('resize({ dryRun: true }) validates and prices, and never sends the mutation', async () => {
    const { kit, sent } = recordingKit(fx.name, fx);
    const result = await kit.resize({ ...resize, dryRun: true });
    expect(result).toMatchObject({ dryRun: true, provider: fx.name, action: fx.actions.resize });
    expect(sent).not.toContain(fx.actions.resize);
    // A dry run asks the listing first (every provider here has one): the target is on sale in the examples.
    expect(kit.capabilities.resizeOptions).toMatchObject({ supported: true, action: fx.actions.listing });
    expect(result.availability).toBe('available');
    if (fx.name === 'jdcloud') {
      // JD's price rests on an inferred billing body: a dry run validates only.
      expect(result.quote).toBeNull();
      expect(sent).toEqual([fx.actions.listing]);
    } else {
      expect(result.quote?.lines.length).toBeGreaterThan(0);
      expect(sent).toEqual([fx.actions.listing, fx.actions.quoteResize]);
    }
  });

  it('reinstall({ dryRun: true }) never sends the mutation', async () => {
    const { kit, sent } = recordingKit(fx.name, fx);
    const result = await kit.reinstall({ ...reinstall, dryRun: true });
    expect(result).toMatchObject({ dryRun: true, provider: fx.name, action: fx.actions.reinstall });
    expect(sent).not.toContain(fx.actions.reinstall);
    expect(result.quote === null).toBe(!supported.quoteReinstall);
  });

  it('waitFor polls the status call on the mock', async () => {
    const { kit, sent } = recordingKit(fx.name, fx);
    const handle = await kit.resize(resize);
    if (fx.name === 'zenlayer') {
      // The mock's DescribeInstancesStatus example always says RESIZING: the deadline ends the wait.
      const error = await kit.waitFor(handle, { intervalMs: 10, timeoutMs: 1_500 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toContain('RESIZING');
    } else {
      const result = await kit.waitFor(handle, { intervalMs: 10, timeoutMs: 15_000 });
      expect(result).toMatchObject({ provider: fx.name, requestId: handle.requestId });
      expect(result.polls).toBeGreaterThan(0);
    }
    expect(sent.filter((action) => action === fx.actions.poll).length).toBeGreaterThan(0);
    expect(sent.filter((action) => action === fx.actions.resize)).toHaveLength(1);
    expect(sent.filter((action) => action !== fx.actions.resize).every((a) => a === fx.actions.poll)).toBe(
      true,
    );
  }, 20_000);
});
