// The example of packages/tencent-cvm/README.md, runnable against the Prism mock of the API 3.0 spec:
//   npx tsx packages/tencent-cvm/examples/readme-example.ts
// test/readme-example.test.ts runs it too. Keep the README's code block identical to the part between the
// `readme:start` and `readme:end` markers.
import { AbortError, ApiError, InstanceKitError, RateLimitError, ValidationError } from '@instancekit/core';
import { startMocks } from '@instancekit/mock';
import { createTencentCvmClient, type TencentResult } from '@instancekit/tencent-cvm';

export async function main(log: (line: string) => void = console.log): Promise<void> {
  const mocks = await startMocks({ providers: ['tencent-cvm-api3'] });
  try {
    await example(mocks.urls['tencent-cvm-api3']!, log);
  } finally {
    await mocks.close();
  }
}

async function example(endpoint: string, log: (line: string) => void): Promise<void> {
  // readme:start
  const cvm = createTencentCvmClient({
    // Or leave credentials out and set TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (/ _SESSION_TOKEN).
    credentials: { secretId: 'AKIDexample', secretKey: 'example-secret-key' },
    region: 'ap-guangzhou',
    endpoint, // the mock; leave it out for https://cvm.tencentcloudapi.com
    timeoutMs: 10_000,
  });
  const InstanceIds = ['ins-r8hr2upy'];
  const controller = new AbortController(); // controller.abort() cancels every call given its signal
  const { signal } = controller;

  // 1. Price the new instance type, then change it (asynchronous: the answer means "accepted").
  const quote: TencentResult<'InquiryPriceResetInstancesType'> = await cvm.InquiryPriceResetInstancesType(
    { InstanceIds, InstanceType: 'S1.LARGE4' },
    { signal },
  );
  log(`resize costs ${quote.Price.InstancePrice?.DiscountPrice ?? quote.Price.InstancePrice?.UnitPrice} CNY`);
  const resize = await cvm.ResetInstancesType({ InstanceIds, InstanceType: 'S1.LARGE4' }, { signal });
  log(`resize accepted: ${resize.RequestId}`);

  // 2. Price a reinstall, then reinstall the OS with a new password and a bigger system disk.
  const reinstallQuote = await cvm.InquiryPriceResetInstance(
    { InstanceId: 'ins-r8hr2upy', ImageId: 'img-pmqg1cw7', SystemDisk: { DiskSize: 60 } },
    { signal },
  );
  log(`reinstall costs ${reinstallQuote.Price.InstancePrice?.DiscountPrice ?? 0} CNY`);
  const reinstall = await cvm.ResetInstance(
    {
      InstanceId: 'ins-r8hr2upy',
      ImageId: 'img-pmqg1cw7',
      SystemDisk: { DiskSize: 60 },
      LoginSettings: { Password: 'Qcloud@TestApi123++' },
      EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: true } },
    },
    { signal },
  );
  log(`reinstall accepted: ${reinstall.RequestId}`);

  // 3. Stop, then follow the state (DescribeInstances tells when an asynchronous operation is done).
  await cvm.StopInstances({ InstanceIds, StopType: 'SOFT_FIRST' }, { signal });
  const { InstanceStatusSet } = await cvm.DescribeInstancesStatus({ InstanceIds }, { signal });
  log(`state: ${InstanceStatusSet.map((s) => `${s.InstanceId}=${s.InstanceState}`).join(', ')}`);
  const { InstanceSet } = await cvm.DescribeInstances({ InstanceIds }, { signal });
  for (const instance of InstanceSet) {
    log(
      `${instance.InstanceId}: ${instance.InstanceType}, last operation ${instance.LatestOperation} ${instance.LatestOperationState}`,
    );
  }

  // 4. Typed errors.
  try {
    await cvm.ResetInstancesType({ InstanceIds: ['i-123'], InstanceType: 'S1.LARGE4' });
  } catch (error) {
    // Checked against the spec's rules before anything is sent.
    if (error instanceof ValidationError) log(`not sent: ${error.field} ${error.rule}`);
    else throw error;
  }
  const cancelled = new AbortController();
  cancelled.abort();
  try {
    await cvm.DescribeInstances({ InstanceIds }, { signal: cancelled.signal });
  } catch (error) {
    if (error instanceof AbortError) log(`cancelled: ${error.code}`);
    else throw error;
  }
  try {
    // The mock answers a documented error when asked to; a real account answers it by itself.
    const refusing = createTencentCvmClient({
      credentials: { secretId: 'AKIDexample', secretKey: 'example-secret-key' },
      region: 'ap-guangzhou',
      endpoint,
      fetch: (request) => {
        request.headers.set('Prefer', 'example=InvalidInstanceId.NotFound');
        return fetch(request);
      },
    });
    await refusing.ResetInstancesType({ InstanceIds, InstanceType: 'S1.LARGE4' });
    throw new Error('expected an ApiError');
  } catch (error) {
    if (error instanceof RateLimitError) log(`throttled, retry after ${error.retryAfterMs ?? '?'} ms`);
    else if (error instanceof ApiError)
      log(
        `refused: ${error.code} (${error.providerCode}), request ${error.requestId}, HTTP ${error.httpStatus}`,
      );
    else if (error instanceof InstanceKitError)
      log(`failed: ${error.code}`); // Timeout, Network, ResponseFormat…
    else throw error;
  }
  // readme:end
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
