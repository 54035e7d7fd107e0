import type { FieldRules } from '@instancekit/core/internal';
import {
  api3OperationFacts,
  api3Operations,
  createTencentCvmClient,
  type TencentCvmClient,
} from '@instancekit/tencent-cvm';
import { readAnswer, requestIdOf, stringOrNull } from '../answers.js';
import {
  checkWithSpec,
  clientOptions,
  completionOf,
  intervalFor,
  type PollSnapshot,
  type ProviderDriver,
  phaseOf,
} from '../driver.js';
import { tencentLines } from '../quotes.js';
import { kitOptions } from '../schemas.js';
import type { InstanceKitOptions, OperationHandle, Quote, ReinstallInput, ResizeInput } from '../types.js';

const NAMES = {
  InstanceIds: 'instanceId',
  InstanceId: 'instanceId',
  InstanceType: 'instanceType',
  ForceStop: 'forceStop',
  ImageId: 'imageId',
  'LoginSettings.Password': 'password',
  'LoginSettings.KeyIds': 'keyIds',
  HostName: 'hostName',
  UserData: 'userData',
  'SystemDisk.DiskSize': 'systemDiskSizeGiB',
};

export const tencentKitOptions = kitOptions({
  region: true,
  billingEndpoint: false,
});

/** The DescribeInstances fields the waiter reads (the set is open: Tencent sends many more). */
const DESCRIBE_ANSWER: FieldRules = {
  type: 'object',
  properties: {
    InstanceSet: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['InstanceId'],
        properties: {
          InstanceId: { type: 'string' },
          InstanceState: stringOrNull,
          LatestOperationState: stringOrNull,
          LatestOperationRequestId: stringOrNull,
          LatestOperationErrorMsg: stringOrNull,
        },
      },
    },
  },
};

interface ListedInstance {
  InstanceId: string;
  InstanceState?: string | null;
  LatestOperationState?: string | null;
  LatestOperationRequestId?: string | null;
  LatestOperationErrorMsg?: string | null;
}

const rules = (action: keyof typeof api3Operations) =>
  (api3Operations[action] as { input?: FieldRules }).input;

function resizeBody(input: ResizeInput) {
  return {
    InstanceIds: [input.instanceId],
    InstanceType: input.instanceType,
    ...(input.forceStop === undefined ? {} : { ForceStop: input.forceStop }),
  };
}

function reinstallBody(input: ReinstallInput, withHostName: boolean) {
  const login =
    input.password !== undefined
      ? { Password: input.password }
      : input.keyIds !== undefined
        ? { KeyIds: input.keyIds }
        : undefined;
  return {
    InstanceId: input.instanceId,
    ...(input.imageId !== undefined ? { ImageId: input.imageId } : {}),
    ...(input.systemDiskSizeGiB === undefined ? {} : { SystemDisk: { DiskSize: input.systemDiskSizeGiB } }),
    ...(login ? { LoginSettings: login } : {}),
    ...(withHostName && input.hostName !== undefined ? { HostName: input.hostName } : {}),
    ...(input.userData === undefined ? {} : { UserData: input.userData }),
  };
}

/** Tencent CVM: all four operations; completion via DescribeInstances' LatestOperation* fields. */
export function tencentDriver(options: InstanceKitOptions): ProviderDriver {
  // createInstanceKit checked the options against tencentKitOptions: the region is there.
  const client: TencentCvmClient = createTencentCvmClient({
    region: options.region!,
    ...clientOptions(options),
  });
  const handle = (action: string, instanceId: string, result: unknown): OperationHandle => ({
    provider: 'tencent',
    action,
    instanceId,
    requestId: requestIdOf(result, 'RequestId'),
    startedAt: Date.now(),
  });
  const quote = (action: string, raw: { Price?: unknown }): Quote => ({
    provider: 'tencent',
    action,
    currency: 'CNY',
    lines: tencentLines(action, raw),
    unconfirmed: [],
    raw,
  });
  return {
    provider: 'tencent',
    minPollIntervalMs: intervalFor(api3OperationFacts.DescribeInstances.rateLimitPerSecond),
    capabilities: {
      resize: { supported: true, action: 'ResetInstancesType' },
      quoteResize: { supported: true, action: 'InquiryPriceResetInstancesType' },
      reinstall: { supported: true, action: 'ResetInstance' },
      quoteReinstall: { supported: true, action: 'InquiryPriceResetInstance' },
      waitFor: { supported: true, action: 'DescribeInstances' },
    },
    checkResize(input) {
      checkWithSpec('tencent', 'ResetInstancesType', rules('ResetInstancesType'), resizeBody(input), NAMES);
    },
    checkReinstall(input) {
      checkWithSpec('tencent', 'ResetInstance', rules('ResetInstance'), reinstallBody(input, true), NAMES);
    },
    async resize(input, callOptions) {
      const result = await client.ResetInstancesType(resizeBody(input), callOptions);
      return handle('ResetInstancesType', input.instanceId, result);
    },
    async quoteResize(input, callOptions) {
      const { forceStop: _ignored, ...priced } = input;
      const result = await client.InquiryPriceResetInstancesType(resizeBody(priced), callOptions);
      return quote('InquiryPriceResetInstancesType', result);
    },
    async reinstall(input, callOptions) {
      const result = await client.ResetInstance(reinstallBody(input, true), callOptions);
      return handle('ResetInstance', input.instanceId, result);
    },
    async quoteReinstall(input, callOptions) {
      // The price does not depend on the host name, and InquiryPriceResetInstance has no such field.
      const result = await client.InquiryPriceResetInstance(reinstallBody(input, false), callOptions);
      return quote('InquiryPriceResetInstance', result);
    },
    async poll(operation, callOptions): Promise<PollSnapshot> {
      const result = await client.DescribeInstances({ InstanceIds: [operation.instanceId] }, callOptions);
      const { InstanceSet } = readAnswer<{ InstanceSet?: ListedInstance[] | null }>(result, DESCRIBE_ANSWER, {
        provider: 'tencent',
        action: 'DescribeInstances',
        root: 'Response',
      });
      const instance = InstanceSet?.find((listed) => listed.InstanceId === operation.instanceId);
      if (!instance) return { state: 'NOT_LISTED', phase: 'notListed' };
      // Only the LatestOperation of *this* request says anything about it; an older one says nothing.
      if (instance.LatestOperationRequestId !== operation.requestId || !instance.LatestOperationState) {
        return { state: instance.InstanceState ?? 'UNKNOWN', phase: 'pending' };
      }
      const state = instance.LatestOperationState;
      return {
        state,
        phase: phaseOf(state, completionOf(api3OperationFacts, operation.action)),
        matchesRequest: true,
        ...(instance.LatestOperationErrorMsg ? { message: instance.LatestOperationErrorMsg } : {}),
      };
    },
  };
}
