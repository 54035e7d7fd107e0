// @instancekit/tencent-cvm (API 3.0) as a consumer compiles it from the packed .d.ts. Each `@ts-expect-error` must
// meet an error on its next line (tsc reports an unused one), and the test also compiles a copy without them and
// expects an error on exactly those lines, so none of them passes by accident.
import {
  ApiError,
  createTencentCvmClient,
  type ErrorCode,
  type TencentInput,
  type TencentResult,
  ValidationError,
} from '@instancekit/tencent-cvm';
import { expectTypeOf } from 'expect-type';

// A type test that passes with `any` tests nothing: the imports are real types, and expect-type sees `any`.
expectTypeOf(createTencentCvmClient).not.toBeAny();
expectTypeOf<TencentResult<'ResetInstancesType'>>().not.toBeAny();
// @ts-expect-error JSON.parse returns `any`, which expect-type refuses: the checks above can fail
expectTypeOf(JSON.parse('{}')).not.toBeAny();

const cvm = createTencentCvmClient({
  region: 'ap-guangzhou',
  credentials: { secretId: 'a', secretKey: 'b' },
});

export async function calls(): Promise<void> {
  const resized = await cvm.ResetInstancesType({ InstanceIds: ['ins-1'], InstanceType: 'S5.LARGE8' });
  expectTypeOf(resized).toEqualTypeOf<TencentResult<'ResetInstancesType'>>();
  expectTypeOf(resized.RequestId).toEqualTypeOf<string>();
  expectTypeOf<TencentInput<'ResetInstancesType'>['InstanceType']>().toEqualTypeOf<string>();

  // @ts-expect-error an unknown field
  await cvm.ResetInstancesType({ InstanceIds: ['ins-1'], InstanceType: 'S5.LARGE8', InstanceTypo: 'x' });
  // @ts-expect-error the required InstanceType left out
  await cvm.ResetInstancesType({ InstanceIds: ['ins-1'] });
  // @ts-expect-error a wrong type: InstanceIds is a list
  await cvm.ResetInstancesType({ InstanceIds: 'ins-1', InstanceType: 'S5.LARGE8' });
  // @ts-expect-error an action the spec does not have
  await cvm.ResizeInstance({ InstanceId: 'ins-1' });
}

// @ts-expect-error an unknown client option
createTencentCvmClient({ region: 'ap-guangzhou', regoin: 'x' });

export function errors(error: unknown): void {
  if (error instanceof ApiError) {
    expectTypeOf(error.code).toEqualTypeOf<ErrorCode>();
    expectTypeOf(error.providerCode).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.requestIds).toEqualTypeOf<string[]>();
  }
  if (error instanceof ValidationError) expectTypeOf(error.field).toEqualTypeOf<string>();
  // @ts-expect-error codes are a closed union
  const code: ErrorCode = 'SomethingElse';
  void code;
}
