// Kits for the three providers against one @instancekit/mock in stateful mode, with signature verification on:
// real signed HTTP to the real mock server, and the mock's control endpoints to see what reached it.
import type { RunningMocks } from '@instancekit/mock';
import { createInstanceKit, type InstanceKit, type ProviderName } from 'instancekit';

export const KEYS = {
  tencent: { secretId: 'AKIDstatefuljobs0001', secretKey: 'tencent-jobs-secret' },
  zenlayer: { accessKeyId: 'zl-stateful-jobs', accessKeyPassword: 'zenlayer-jobs-secret' },
  jdcloud: { accessKey: 'JDSTATEFULJOBS0001', secretKey: 'jdcloud-jobs-secret' },
};

export const MOCK_OF: Record<ProviderName, string> = {
  tencent: 'tencent-cvm-api3',
  zenlayer: 'zenlayer-zec',
  jdcloud: 'jdcloud-vm',
};

export const REGION_OF: Record<ProviderName, string | undefined> = {
  tencent: 'ap-guangzhou',
  zenlayer: undefined,
  jdcloud: 'cn-north-1',
};

export function kitFor(mocks: RunningMocks, provider: ProviderName): InstanceKit {
  const url = mocks.urls[MOCK_OF[provider]]!;
  const region = REGION_OF[provider];
  return createInstanceKit({
    provider,
    ...(region ? { region } : {}),
    credentials: KEYS[provider],
    endpoint: url,
  });
}

export interface LogEntry {
  action: string;
  instanceIds: string[];
  outcome: string;
  error?: string;
  requestId: string | null;
}

/** Every mutation the mock received for this instance, oldest first. */
export async function mutationsOf(mocks: RunningMocks, provider: ProviderName, instanceId: string) {
  const response = await fetch(`${mocks.urls[MOCK_OF[provider]]}/__instancekit/log`);
  const { entries } = (await response.json()) as { entries: LogEntry[] };
  return entries.filter((entry) => entry.instanceIds.includes(instanceId));
}

export async function mockInstance(mocks: RunningMocks, provider: ProviderName, instanceId: string) {
  const response = await fetch(`${mocks.urls[MOCK_OF[provider]]}/__instancekit/instances`);
  const { instances } = (await response.json()) as {
    instances: Array<{
      instanceId: string;
      state: string;
      instanceType: string;
      imageId?: string;
      busy: boolean;
    }>;
  };
  return instances.find((instance) => instance.instanceId === instanceId)!;
}

/** The next `times` mutations of the instance get the provider's busy answer and are not executed. */
export async function holdBusy(
  mocks: RunningMocks,
  provider: ProviderName,
  instanceId: string,
  times: number,
) {
  const url = `${mocks.urls[MOCK_OF[provider]]}/__instancekit/busy?instanceId=${instanceId}&times=${times}`;
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`holdBusy: ${response.status} ${await response.text()}`);
}

/** The type is sold out (or back on sale) on the provider's mock from now on, until a reset. */
export async function setStock(
  mocks: RunningMocks,
  provider: ProviderName,
  instanceType: string,
  soldOut: boolean,
) {
  const url = `${mocks.urls[MOCK_OF[provider]]}/__instancekit/stock?instanceType=${instanceType}&soldOut=${soldOut}`;
  const response = await fetch(url, { method: 'POST' });
  if (!response.ok) throw new Error(`setStock: ${response.status} ${await response.text()}`);
}
