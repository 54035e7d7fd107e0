// Type-level tests (vitest's typecheck mode, `tsc` over this file): the typed inputs are the packages' headline, so
// an unknown field and a missing required one must not compile, and results and errors have the documented types.
// Each `@ts-expect-error` fails the run when its line compiles.
import { createJdcloudVmClient, type JdcloudResult } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient, type TencentResult } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
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
import { describe, expectTypeOf, it } from 'vitest';

const tencent = createTencentCvmClient({
  region: 'ap-guangzhou',
  credentials: { secretId: 'a', secretKey: 'b' },
});
const zenlayer = createZenlayerZecClient({ credentials: { accessKeyId: 'a', accessKeyPassword: 'b' } });
const jdcloud = createJdcloudVmClient({
  region: 'cn-north-1',
  credentials: { accessKey: 'a', secretKey: 'b' },
});
const kit = createInstanceKit({ provider: 'tencent', region: 'ap-guangzhou' });

describe('@instancekit/tencent-cvm', () => {
  it('ResetInstancesType: typed input, typed result', () => {
    expectTypeOf(
      tencent.ResetInstancesType({ InstanceIds: ['ins-1'], InstanceType: 'S5.LARGE8' }),
    ).resolves.toEqualTypeOf<TencentResult<'ResetInstancesType'>>();
    expectTypeOf<TencentResult<'ResetInstancesType'>>().toHaveProperty('RequestId');
    // @ts-expect-error an unknown field
    void tencent.ResetInstancesType({ InstanceIds: ['ins-1'], InstanceType: 'S5.LARGE8', InstanceTypo: 'x' });
    // @ts-expect-error the required InstanceType left out
    void tencent.ResetInstancesType({ InstanceIds: ['ins-1'] });
    // @ts-expect-error a wrong type
    void tencent.ResetInstancesType({ InstanceIds: 'ins-1', InstanceType: 'S5.LARGE8' });
  });
  it('client options are closed', () => {
    // @ts-expect-error an unknown option
    createTencentCvmClient({ region: 'ap-guangzhou', regoin: 'x' });
  });
});

describe('@instancekit/tencent-cvm/legacy', () => {
  const legacy = createTencentCvmLegacyClient({ region: 'ap-guangzhou', signatureMethod: 'HmacSHA1' });
  it('the same typed inputs and results as API 3.0, its own closed options', () => {
    expectTypeOf(legacy.DescribeInstancesStatus({ InstanceIds: ['ins-1'] })).resolves.toEqualTypeOf<
      TencentResult<'DescribeInstancesStatus'>
    >();
    // @ts-expect-error an unknown field
    void legacy.DescribeInstancesStatus({ InstanceIds: ['ins-1'], InstanceIdz: ['ins-2'] });
    // @ts-expect-error the required InstanceIds left out
    void legacy.ResetInstancesType({ InstanceType: 'S5.LARGE8' });
    // @ts-expect-error the v1 signature is HmacSHA256 or HmacSHA1
    createTencentCvmLegacyClient({ region: 'ap-guangzhou', signatureMethod: 'MD5' });
  });
});

describe('@instancekit/zenlayer-zec', () => {
  it('ModifyInstanceType: typed input, typed result', () => {
    expectTypeOf(
      zenlayer.ModifyInstanceType({ instanceId: '1', instanceType: 'z2a.cpu.4' }),
    ).resolves.toHaveProperty('requestId');
    // @ts-expect-error an unknown field
    void zenlayer.ModifyInstanceType({ instanceId: '1', instanceType: 'z2a.cpu.4', instanceTypo: 'x' });
    // @ts-expect-error the required instanceType left out
    void zenlayer.ModifyInstanceType({ instanceId: '1' });
  });
});

describe('@instancekit/jdcloud-vm', () => {
  it('resizeInstance: typed input, typed result', () => {
    expectTypeOf(
      jdcloud.resizeInstance({ instanceId: 'i-1', instanceType: 'g.n2.large' }),
    ).resolves.toEqualTypeOf<JdcloudResult<'resizeInstance'>>();
    // @ts-expect-error an unknown field
    void jdcloud.resizeInstance({ instanceId: 'i-1', instanceType: 'g.n2.large', instanceTypo: 'x' });
    // @ts-expect-error the required instanceType left out
    void jdcloud.resizeInstance({ instanceId: 'i-1' });
  });
});

describe('instancekit (the facade)', () => {
  it('changeInstanceType and quoteResize: typed inputs, typed results', () => {
    expectTypeOf(
      kit.quoteResize({ instanceId: 'ins-1', instanceType: 'S5.LARGE8' }),
    ).resolves.toEqualTypeOf<Quote>();
    expectTypeOf(
      kit.changeInstanceType({
        instanceId: 'ins-1',
        instanceType: 'S5.LARGE8',
        whenRunning: 'stopAndRestart',
      }),
    ).resolves.toEqualTypeOf<JobResult>();
    // @ts-expect-error an unknown field
    void kit.quoteResize({ instanceId: 'ins-1', instanceType: 'S5.LARGE8', instanceTypo: 'x' });
    // @ts-expect-error the required instanceType left out
    void kit.changeInstanceType({ instanceId: 'ins-1' });
    // @ts-expect-error whenRunning is one of the documented choices
    void kit.changeInstanceType({ instanceId: 'ins-1', instanceType: 'S5.LARGE8', whenRunning: 'sometimes' });
  });
  it('createInstanceKit: the provider is one the facade knows; the one-provider entry needs none', () => {
    // @ts-expect-error an unknown provider
    createInstanceKit({ provider: 'aws', region: 'us-east-1' });
    expectTypeOf(createTencentKit({ region: 'ap-guangzhou' }).changeInstanceType).toEqualTypeOf(
      kit.changeInstanceType,
    );
  });
  it('errors narrow with instanceof and keep their hierarchy', () => {
    const error: unknown = new Error('x');
    if (error instanceof ValidationError) expectTypeOf(error.field).toEqualTypeOf<string>();
    if (error instanceof JobTimeoutError) {
      expectTypeOf(error).toMatchTypeOf<TimeoutError>();
      expectTypeOf(error.stateLeft).not.toBeAny();
    }
    expectTypeOf<ApiError>().toMatchTypeOf<InstanceKitError>();
    expectTypeOf<ApiError['code']>().toEqualTypeOf<InstanceKitError['code']>();
  });
});
