import { ApiError, createZenlayerZecClient, zecOperationFacts } from '@instancekit/zenlayer-zec';

const zec = createZenlayerZecClient({
  // Leave out `endpoint` for https://console.zenlayer.com; the mock: `npm run mock -- --providers zenlayer-zec`.
  endpoint: process.env.ZENLAYER_ENDPOINT ?? 'http://127.0.0.1:4010',
  // Leave out `credentials` to use ZENLAYER_ACCESS_KEY_ID / ZENLAYER_ACCESS_KEY_PASSWORD. The mock accepts any.
  credentials: { accessKeyId: 'ZLEXAMPLEKEYID0001', accessKeyPassword: 'example-password' },
});

// A resize takes minutes; the mock's status answer never changes, so shorten both for a demo.
const timeoutMs = Number(process.env.ZEC_WAIT_MS ?? 20 * 60_000);
const intervalMs = Number(process.env.ZEC_POLL_MS ?? 5_000);

/**
 * Polls DescribeInstancesStatus until the instance reaches a success state of `action` (from the spec, via
 * zecOperationFacts), throws on a failure state, and gives up at the deadline.
 */
async function waitFor(action: 'ModifyInstanceType' | 'ResetInstance', instanceId: string): Promise<string> {
  const { success, failure }: { success: readonly string[]; failure: readonly string[] } =
    zecOperationFacts[action].completion;
  const deadline = Date.now() + timeoutMs;
  let status = 'UNKNOWN';
  // Wait before the first poll: right after the call the instance may still show its old state.
  while (Date.now() + intervalMs <= deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const { dataSet = [] } = await zec.DescribeInstancesStatus({ instanceIds: [instanceId] });
    status = dataSet.find((item) => item.instanceId === instanceId)?.instanceStatus ?? 'UNKNOWN';
    console.log(`  ${instanceId}: ${status}`);
    if (success.includes(status)) return status;
    if (failure.includes(status)) throw new Error(`${action} of ${instanceId} failed: ${status}`);
  }
  throw new Error(`${action} of ${instanceId}: still ${status} after ${timeoutMs} ms`);
}

// 1. Price a resize of a stopped instance, then resize it (the instance must be STOPPED).
const web = '1660545330971680835';
const quote = await zec.InquiryPriceModifyInstanceType({ instanceId: web, instanceType: 'z2a.cpu.4' });
const spec = quote.specPrice;
console.log(
  `z2a.cpu.4 costs ${spec?.discountUnitPrice ?? spec?.discountPrice} per ${spec?.chargeUnit ?? 'period'}`,
);

const resize = await zec.ModifyInstanceType({ instanceId: web, instanceType: 'z2a.cpu.4' });
console.log(`resize accepted (request ${resize.requestId}); waiting for STOPPED`);
try {
  console.log(`resized: ${await waitFor('ModifyInstanceType', web)}`);
} catch (error) {
  // Against the mock this instance stays RESIZING, so the wait ends at its deadline.
  console.log(`gave up: ${(error as Error).message}`);
}

// 2. Reinstall another stopped instance from an image, with an SSH key, and wait until it runs.
const db = '1478001766933994003';
try {
  const reset = await zec.ResetInstance({
    instanceId: db,
    imageId: 'ubuntu2404_20240712',
    keyId: 'key-YWD2QFOl',
  });
  console.log(`reinstall accepted (request ${reset.requestId}); waiting for RUNNING`);
  console.log(`reinstalled: ${await waitFor('ResetInstance', db)}`);
} catch (error) {
  // Typed errors carry the neutral code, Zenlayer's code, the request id and the HTTP status.
  if (!(error instanceof ApiError)) throw error;
  console.log(`${error.code} (${error.providerCode}, HTTP ${error.httpStatus}, request ${error.requestId})`);
}
