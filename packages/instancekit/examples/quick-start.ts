import { createInstanceKit, InstanceKitError } from 'instancekit';

const kit = createInstanceKit({
  provider: 'tencent',
  region: 'ap-guangzhou',
  // Leave out `endpoint` for Tencent Cloud itself, and `credentials` to read TENCENTCLOUD_SECRET_ID and
  // TENCENTCLOUD_SECRET_KEY. The mock (`npm run mock -- --stateful …`, below) accepts any key.
  endpoint: process.env.TENCENT_ENDPOINT ?? 'http://127.0.0.1:4010',
  credentials: { secretId: 'AKIDexample', secretKey: 'example-secret-key' },
});

try {
  const quote = await kit.quoteResize({ instanceId: 'ins-r8hr2upy', instanceType: 'S5.LARGE8' });
  for (const line of quote.lines)
    console.log(`price: ${line.discountedAmount} ${quote.currency}/${line.billing}`);

  // Stops the instance if the provider needs it, resizes, waits, starts it again and checks the new type.
  // Run twice, the second run sends nothing: the instance already has the type.
  const job = await kit.changeInstanceType({
    instanceId: 'ins-r8hr2upy',
    instanceType: 'S5.LARGE8',
    whenRunning: 'stopAndRestart',
    onProgress: ({ step, phase, state }) => console.log(`  ${step} ${phase}${state ? ` (${state})` : ''}`),
  });
  console.log(job.message);
} catch (error) {
  // Typed errors: JobError and TargetUnavailableError say which step failed and the state left behind.
  if (error instanceof InstanceKitError) console.error(`${error.name} ${error.code}: ${error.message}`);
  process.exitCode = 1;
}
