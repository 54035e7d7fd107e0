// `npm run example`: resize an instance on the Tencent CVM mock, price it first, and wait for it to finish.
// Against the real cloud, drop `endpoint` and `startMocks` and pass real credentials (or set the env vars).
import { startMocks } from '@instancekit/mock';
import { createInstanceKit, InstanceKitError } from 'instancekit';

const mocks = await startMocks({ providers: ['tencent-cvm-api3'] });
try {
  const kit = createInstanceKit({
    provider: 'tencent',
    region: 'ap-guangzhou',
    credentials: { secretId: 'AKIDexample', secretKey: 'mock-secret-key' },
    endpoint: mocks.urls['tencent-cvm-api3'],
  });
  console.log(
    'capabilities:',
    Object.entries(kit.capabilities)
      .map(([op, c]) => `${op}=${c.supported}`)
      .join(' '),
  );

  const change = { instanceId: 'ins-r8hr2upy', instanceType: 'S1.LARGE4' };
  const dryRun = await kit.resize({ ...change, dryRun: true });
  for (const line of dryRun.quote?.lines ?? []) {
    console.log(
      `price: ${line.item} ${line.billing} ${line.discountedAmount} ${dryRun.quote?.currency} (was ${line.originalAmount})`,
    );
  }

  const operation = await kit.resize(change);
  console.log(`resize accepted: ${operation.action} requestId=${operation.requestId}`);

  const done = await kit.waitFor(operation, {
    intervalMs: 200,
    timeoutMs: 30_000,
    onProgress: ({ state, polls }) => console.log(`  poll ${polls}: ${state}`),
  });
  console.log(`done: ${done.state} after ${done.polls} poll(s)`);
} catch (error) {
  if (error instanceof InstanceKitError)
    console.error(`${error.name} ${error.code} (${error.providerCode}) requestId=${error.requestId}`);
  throw error;
} finally {
  await mocks.close();
}
