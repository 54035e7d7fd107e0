// @instancekit/tencent-cvm/legacy (the v1-signed gateway, a subpath entry) as a consumer compiles it.
import type { TencentResult } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient, signV1 } from '@instancekit/tencent-cvm/legacy';
import { expectTypeOf } from 'expect-type';

expectTypeOf(createTencentCvmLegacyClient).not.toBeAny();
expectTypeOf(signV1).not.toBeAny();

const legacy = createTencentCvmLegacyClient({ region: 'ap-guangzhou', signatureMethod: 'HmacSHA1' });

export async function calls(): Promise<void> {
  const status = await legacy.DescribeInstancesStatus({ InstanceIds: ['ins-1'] });
  expectTypeOf(status).toEqualTypeOf<TencentResult<'DescribeInstancesStatus'>>();

  // @ts-expect-error an unknown field
  await legacy.DescribeInstancesStatus({ InstanceIds: ['ins-1'], InstanceIdz: ['ins-2'] });
  // @ts-expect-error the required InstanceIds left out
  await legacy.ResetInstancesType({ InstanceType: 'S5.LARGE8' });
}

// @ts-expect-error the v1 signature is HmacSHA256 or HmacSHA1
createTencentCvmLegacyClient({ region: 'ap-guangzhou', signatureMethod: 'MD5' });
// @ts-expect-error API 3.0's transport option is not the legacy client's
createTencentCvmLegacyClient({ region: 'ap-guangzhou', transport: 'api3' });
