// @instancekit/zenlayer-zec as a consumer compiles it from the packed .d.ts.
import { ApiError, createZenlayerZecClient, type ZecInput, type ZecResult } from '@instancekit/zenlayer-zec';
import { expectTypeOf } from 'expect-type';

expectTypeOf(createZenlayerZecClient).not.toBeAny();
expectTypeOf<ZecResult<'ModifyInstanceType'>>().not.toBeAny();

const zec = createZenlayerZecClient({ credentials: { accessKeyId: 'a', accessKeyPassword: 'b' } });

export async function calls(): Promise<void> {
  const modified = await zec.ModifyInstanceType({ instanceId: '1', instanceType: 'z2a.cpu.4' });
  expectTypeOf(modified).toEqualTypeOf<ZecResult<'ModifyInstanceType'>>();
  expectTypeOf<ZecInput<'ModifyInstanceType'>['instanceType']>().toEqualTypeOf<string>();

  // @ts-expect-error an unknown field
  await zec.ModifyInstanceType({ instanceId: '1', instanceType: 'z2a.cpu.4', instanceTypo: 'x' });
  // @ts-expect-error the required instanceType left out
  await zec.ModifyInstanceType({ instanceId: '1' });
  // @ts-expect-error a wrong type: instanceIds is a list
  await zec.DescribeInstancesStatus({ instanceIds: '1' });
}

// @ts-expect-error Zenlayer's credentials are accessKeyId and accessKeyPassword
createZenlayerZecClient({ credentials: { secretId: 'a', secretKey: 'b' } });

export function errors(error: unknown): void {
  if (error instanceof ApiError) expectTypeOf(error.httpStatus).toEqualTypeOf<number | undefined>();
}
