// @instancekit/mock as a consumer compiles it: its declarations stand alone (no Prism or pino types behind them).
import { MockError, type MockName, mockNames, type RunningMocks, startMocks } from '@instancekit/mock';
import { expectTypeOf } from 'expect-type';

expectTypeOf(startMocks).not.toBeAny();
expectTypeOf<RunningMocks>().not.toBeAny();
expectTypeOf(mockNames).not.toBeAny();

export async function serve(): Promise<void> {
  const mocks = await startMocks({ providers: ['tencent-cvm-api3'], stateful: { instances: [] } });
  expectTypeOf(mocks.urls).toEqualTypeOf<Record<string, string>>();
  expectTypeOf(mocks.close).returns.toEqualTypeOf<Promise<void>>();
  // @ts-expect-error an unknown option
  await startMocks({ providers: ['tencent-cvm-api3'], prot: 4010 });
  // @ts-expect-error chaos needs its seed
  await startMocks({ chaos: { throttle: 0.1 } });
  await mocks.close();
}

export function errors(error: unknown, name: MockName): void {
  expectTypeOf(name).not.toBeAny();
  if (error instanceof MockError) expectTypeOf(error.message).toEqualTypeOf<string>();
}
