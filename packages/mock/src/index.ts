export type { ChaosOptions } from './chaos';
export type { MockCredentials } from './credentials';
export type { FixtureInstance, InstanceView, StatefulOptions } from './fleet';
export { createPrismLogger, type PrismLogger } from './logger';
export type { LogEntry } from './mutation-log';
export {
  defaultSpecsDir,
  discoverMockSpecs,
  MOCK_SPECS,
  MockError,
  type MockName,
  mockNames,
  type SelectSpecsOptions,
  type SpecSelection,
  selectSpecs,
} from './registry';
export {
  actionParameters,
  actionRoute,
  decodeEncodedColons,
  findExampleStatus,
  instancekitMock,
  readAction,
} from './routing';
export {
  type MockOptions,
  type RunningMock,
  type RunningMocks,
  type StartMocksOptions,
  startMock,
  startMocks,
} from './server';
