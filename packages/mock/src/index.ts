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
// The Prism components of routing.ts are not exported: their types are Prism's, whose declarations import pino 6
// (untyped), so a consumer compiling with `skipLibCheck: false` would fail on this package's .d.ts (TS7016).
export {
  type MockOptions,
  type RunningMock,
  type RunningMocks,
  type StartMocksOptions,
  startMock,
  startMocks,
} from './server';
