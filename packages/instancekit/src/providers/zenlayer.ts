import type { FieldRules } from '@instancekit/core/internal';
import { createZenlayerZecClient, zecOperationFacts, zecOperations } from '@instancekit/zenlayer-zec';
import { readAnswer, requestIdOf, stringOrNull } from '../answers.js';
import {
  checkWithSpec,
  clientOptions,
  completionOf,
  intervalFor,
  type PollSnapshot,
  type ProviderDriver,
  phaseOf,
  refuseOption,
} from '../driver.js';
import { zenlayerLines } from '../quotes.js';
import { kitOptions } from '../schemas.js';
import type { InstanceKitOptions, Quote, ReinstallInput, ResizeInput } from '../types.js';

const NAMES = {
  instanceId: 'instanceId',
  instanceType: 'instanceType',
  imageId: 'imageId',
  password: 'password',
  keyId: 'keyIds',
  userData: 'userData',
};

export const zenlayerKitOptions = kitOptions({
  region: false,
  billingEndpoint: false,
});

/** The DescribeInstancesStatus fields the waiter reads. */
const STATUS_ANSWER: FieldRules = {
  type: 'object',
  properties: {
    dataSet: {
      type: ['array', 'null'],
      items: {
        type: 'object',
        required: ['instanceId'],
        properties: { instanceId: { type: 'string' }, instanceStatus: stringOrNull },
      },
    },
  },
};

const rules = (action: keyof typeof zecOperations) => (zecOperations[action] as { input?: FieldRules }).input;

function resizeBody(input: ResizeInput) {
  if (input.forceStop !== undefined)
    refuseOption(
      'zenlayer',
      'ModifyInstanceType',
      'forceStop',
      'ModifyInstanceType requires a STOPPED instance and has no force option',
    );
  return { instanceId: input.instanceId, instanceType: input.instanceType };
}

function reinstallBody(input: ReinstallInput) {
  if (input.hostName !== undefined)
    refuseOption('zenlayer', 'ResetInstance', 'hostName', 'ResetInstance has no host name field');
  if (input.systemDiskSizeGiB !== undefined)
    refuseOption(
      'zenlayer',
      'ResetInstance',
      'systemDiskSizeGiB',
      'ResetInstance cannot resize the system disk',
    );
  if (input.keyIds && input.keyIds.length > 1)
    refuseOption('zenlayer', 'ResetInstance', 'keyIds', 'ResetInstance takes one key pair (keyId)');
  return {
    instanceId: input.instanceId,
    ...(input.imageId !== undefined ? { imageId: input.imageId } : {}),
    ...(input.password !== undefined ? { password: input.password } : {}),
    ...(input.keyIds !== undefined ? { keyId: input.keyIds[0] } : {}),
    ...(input.userData === undefined ? {} : { userData: input.userData }),
  };
}

/** Zenlayer ZEC: resize, its price and reinstall; no reinstall price. Completion via DescribeInstancesStatus. */
export function zenlayerDriver(options: InstanceKitOptions): ProviderDriver {
  const client = createZenlayerZecClient({
    ...clientOptions(options),
  } as Parameters<typeof createZenlayerZecClient>[0]);
  return {
    provider: 'zenlayer',
    minPollIntervalMs: intervalFor(undefined),
    capabilities: {
      resize: { supported: true, action: 'ModifyInstanceType' },
      quoteResize: {
        supported: true,
        action: 'InquiryPriceModifyInstanceType',
        note: 'found in the official SDK models only',
      },
      reinstall: { supported: true, action: 'ResetInstance' },
      quoteReinstall: { supported: false, note: 'Zenlayer has no price call for a reinstall' },
      waitFor: { supported: true, action: 'DescribeInstancesStatus' },
    },
    checkResize(input) {
      checkWithSpec('zenlayer', 'ModifyInstanceType', rules('ModifyInstanceType'), resizeBody(input), NAMES);
    },
    checkReinstall(input) {
      checkWithSpec('zenlayer', 'ResetInstance', rules('ResetInstance'), reinstallBody(input), NAMES);
    },
    async resize(input, callOptions) {
      const result = await client.ModifyInstanceType(resizeBody(input), callOptions);
      return {
        provider: 'zenlayer',
        action: 'ModifyInstanceType',
        instanceId: input.instanceId,
        requestId: requestIdOf(result, 'requestId'),
        startedAt: Date.now(),
      };
    },
    async quoteResize(input, callOptions): Promise<Quote> {
      const { forceStop: _ignored, ...priced } = input;
      const result = await client.InquiryPriceModifyInstanceType(resizeBody(priced), callOptions);
      return {
        provider: 'zenlayer',
        action: 'InquiryPriceModifyInstanceType',
        currency: 'USD',
        lines: zenlayerLines('InquiryPriceModifyInstanceType', result),
        unconfirmed: [
          'currency (no Zenlayer document names it; the console bills in USD)',
          'InquiryPriceModifyInstanceType is in the SDK models only',
        ],
        raw: result,
      };
    },
    async reinstall(input, callOptions) {
      const result = await client.ResetInstance(reinstallBody(input), callOptions);
      return {
        provider: 'zenlayer',
        action: 'ResetInstance',
        instanceId: input.instanceId,
        requestId: requestIdOf(result, 'requestId'),
        startedAt: Date.now(),
      };
    },
    async poll(operation, callOptions): Promise<PollSnapshot> {
      const result = await client.DescribeInstancesStatus(
        { instanceIds: [operation.instanceId] },
        callOptions,
      );
      const { dataSet } = readAnswer<{
        dataSet?: Array<{ instanceId: string; instanceStatus?: string | null }> | null;
      }>(result, STATUS_ANSWER, {
        provider: 'zenlayer',
        action: 'DescribeInstancesStatus',
        root: 'response',
      });
      const entry = dataSet?.find((listed) => listed.instanceId === operation.instanceId);
      if (!entry) return { state: 'NOT_LISTED', phase: 'notListed' };
      const status = entry.instanceStatus;
      if (!status) return { state: 'UNKNOWN', phase: 'pending' };
      return { state: status, phase: phaseOf(status, completionOf(zecOperationFacts, operation.action)) };
    },
  };
}
