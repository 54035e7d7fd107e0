// instancekit (the facade: its root and a one-provider entry) as a consumer compiles it from the packed .d.ts.

import { expectTypeOf } from 'expect-type';
import {
  type ApiError,
  createInstanceKit,
  type InstanceKitError,
  type JobResult,
  JobTimeoutError,
  type Quote,
  type TimeoutError,
  ValidationError,
} from 'instancekit';
import { createInstanceKit as createTencentKit } from 'instancekit/tencent';

expectTypeOf(createInstanceKit).not.toBeAny();
expectTypeOf(createTencentKit).not.toBeAny();
expectTypeOf<Quote>().not.toBeAny();

const kit = createInstanceKit({ provider: 'tencent', region: 'ap-guangzhou' });

export async function calls(): Promise<void> {
  const quote = await kit.quoteResize({ instanceId: 'ins-1', instanceType: 'S5.LARGE8' });
  expectTypeOf(quote).toEqualTypeOf<Quote>();
  expectTypeOf<Quote['lines'][number]['discountedAmount']>().toEqualTypeOf<number | null>();
  const job = await kit.changeInstanceType({
    instanceId: 'ins-1',
    instanceType: 'S5.LARGE8',
    whenRunning: 'stopAndRestart',
  });
  expectTypeOf(job).toEqualTypeOf<JobResult>();

  // @ts-expect-error an unknown field
  await kit.quoteResize({ instanceId: 'ins-1', instanceType: 'S5.LARGE8', instanceTypo: 'x' });
  // @ts-expect-error the required instanceType left out
  await kit.changeInstanceType({ instanceId: 'ins-1' });
  // @ts-expect-error whenRunning is one of the documented choices
  await kit.changeInstanceType({ instanceId: 'ins-1', instanceType: 'S5.LARGE8', whenRunning: 'sometimes' });
}

// @ts-expect-error a provider the facade has no driver for
createInstanceKit({ provider: 'aws', region: 'us-east-1' });
expectTypeOf(createTencentKit({ region: 'ap-guangzhou' }).quoteResize).toEqualTypeOf(kit.quoteResize);

export function errors(error: unknown): void {
  if (error instanceof ValidationError) expectTypeOf(error.field).toEqualTypeOf<string>();
  if (error instanceof JobTimeoutError) {
    expectTypeOf(error).toMatchTypeOf<TimeoutError>();
    expectTypeOf(error.stateLeft).not.toBeAny();
  }
  expectTypeOf<ApiError>().toMatchTypeOf<InstanceKitError>();
}
