export { createPrismLogger, type PrismLogger } from './logger';
export {
  defaultSpecsDir,
  MOCK_SPECS,
  MockError,
  type MockName,
  mockNames,
  type SelectSpecsOptions,
  type SpecSelection,
  selectSpecs,
} from './registry';
export { actionRoute, decodeEncodedColons, findExampleStatus, instancekitMock, readAction } from './routing';
export {
  type MockOptions,
  type RunningMock,
  type RunningMocks,
  type StartMocksOptions,
  startMock,
  startMocks,
} from './server';
