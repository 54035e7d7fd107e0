// @instancekit/jdcloud-vm (VM and billing) as a consumer compiles it from the packed .d.ts.
import {
  createJdcloudVmClient,
  type JdcloudInput,
  type JdcloudResult,
  RateLimitError,
} from '@instancekit/jdcloud-vm';
import { expectTypeOf } from 'expect-type';

expectTypeOf(createJdcloudVmClient).not.toBeAny();
expectTypeOf<JdcloudResult<'resizeInstance'>>().not.toBeAny();

const jd = createJdcloudVmClient({ region: 'cn-north-1', credentials: { accessKey: 'a', secretKey: 'b' } });

export async function calls(): Promise<void> {
  const resized = await jd.resizeInstance({ instanceId: 'i-1', instanceType: 'g.n2.large' });
  expectTypeOf(resized).toEqualTypeOf<JdcloudResult<'resizeInstance'>>();
  const price = await jd.calculateTotalPrice({ cmd: 3, packageCount: 1 });
  expectTypeOf(price).toEqualTypeOf<JdcloudResult<'calculateTotalPrice'>>();
  expectTypeOf<JdcloudInput<'calculateTotalPrice'>['cmd']>().not.toBeAny();

  // @ts-expect-error an unknown field
  await jd.resizeInstance({ instanceId: 'i-1', instanceType: 'g.n2.large', instanceTypo: 'x' });
  // @ts-expect-error the required instanceType left out
  await jd.resizeInstance({ instanceId: 'i-1' });
  // @ts-expect-error a wrong type: cmd is a number
  await jd.calculateTotalPrice({ cmd: '3', packageCount: 1 });
}

// @ts-expect-error the region is required
createJdcloudVmClient({ credentials: { accessKey: 'a', secretKey: 'b' } });

export function errors(error: unknown): void {
  if (error instanceof RateLimitError) expectTypeOf(error.retryAfterMs).toEqualTypeOf<number | undefined>();
}
