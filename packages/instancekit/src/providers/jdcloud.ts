import type { FieldRules } from '@instancekit/core/internal';
import {
  createJdcloudVmClient,
  type JdcloudVmClient,
  vmOperationFacts,
  vmOperations,
} from '@instancekit/jdcloud-vm';
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
import { jdcloudLines } from '../quotes.js';
import { kitOptions } from '../schemas.js';
import type { InstanceKitOptions, OperationHandle, Quote, ReinstallInput, ResizeInput } from '../types.js';

const NAMES = {
  instanceId: 'instanceId',
  instanceType: 'instanceType',
  imageId: 'imageId',
  password: 'password',
  keyNames: 'keyIds',
  hostname: 'hostName',
  userdata: 'userData',
  'userdata.value': 'userData',
};

export const jdcloudKitOptions = kitOptions({
  region: true,
  billingEndpoint: true,
});

/** The describeInstance fields the waiter reads. */
const DESCRIBE_ANSWER: FieldRules = {
  type: 'object',
  properties: { instance: { type: ['object', 'null'], properties: { status: stringOrNull } } },
};

const rules = (action: keyof typeof vmOperations) => (vmOperations[action] as { input?: FieldRules }).input;

function resizeBody(input: ResizeInput) {
  if (input.forceStop !== undefined)
    refuseOption(
      'jdcloud',
      'resizeInstance',
      'forceStop',
      'resizeInstance needs a stopped instance; its `force` flag wipes local data disks instead',
    );
  return { instanceId: input.instanceId, instanceType: input.instanceType };
}

function reinstallBody(input: ReinstallInput) {
  if (input.systemDiskSizeGiB !== undefined)
    refuseOption(
      'jdcloud',
      'rebuildInstance',
      'systemDiskSizeGiB',
      'rebuildInstance cannot resize the system disk',
    );
  return {
    instanceId: input.instanceId,
    ...(input.imageId !== undefined ? { imageId: input.imageId } : {}),
    ...(input.password !== undefined ? { password: input.password } : {}),
    ...(input.keyIds !== undefined ? { keyNames: input.keyIds } : {}),
    ...(input.hostName !== undefined ? { hostname: input.hostName } : {}),
    ...(input.userData === undefined ? {} : { userdata: [{ key: 'launch-script', value: input.userData }] }),
  };
}

/**
 * JD Cloud VM: resize and reinstall; the resize price goes through billing's calculateTotalPrice, whose VM
 * service code and instance-type formula key are inferred, not documented — so the capability says so.
 */
export function jdcloudDriver(options: InstanceKitOptions): ProviderDriver {
  // createInstanceKit checked the options against jdcloudKitOptions: the region is there.
  const region = options.region!;
  const jdOptions = {
    region,
    ...clientOptions(options),
    ...(options.billingEndpoint !== undefined ? { billingEndpoint: options.billingEndpoint } : {}),
  } as Parameters<typeof createJdcloudVmClient>[0];
  const client = createJdcloudVmClient(jdOptions);
  const handle = (action: string, instanceId: string, result: unknown): OperationHandle => ({
    provider: 'jdcloud',
    action,
    instanceId,
    // A mutation's result is `{}`: the request id sits beside it, and core's $metadata carries it (the body's
    // requestId, else the x-jdcloud-request-id header).
    requestId: requestIdOf(result, 'requestId'),
    startedAt: Date.now(),
  });
  return {
    provider: 'jdcloud',
    minPollIntervalMs: intervalFor(undefined),
    capabilities: {
      resize: { supported: true, action: 'resizeInstance' },
      quoteResize: {
        supported: true,
        action: 'calculateTotalPrice',
        unconfirmed: true,
        note: 'billing serviceCode "vm" and the instance-type formula key are inferred, not documented',
      },
      reinstall: { supported: true, action: 'rebuildInstance' },
      quoteReinstall: { supported: false, note: 'JD Cloud has no price call for a rebuild' },
      waitFor: { supported: true, action: 'describeInstance' },
    },
    checkResize(input) {
      checkWithSpec('jdcloud', 'resizeInstance', rules('resizeInstance'), resizeBody(input), NAMES);
    },
    checkReinstall(input) {
      checkWithSpec('jdcloud', 'rebuildInstance', rules('rebuildInstance'), reinstallBody(input), NAMES);
    },
    async resize(input, callOptions) {
      const result = await client.resizeInstance(resizeBody(input), callOptions);
      return handle('resizeInstance', input.instanceId, result);
    },
    async quoteResize(input, callOptions): Promise<Quote> {
      const { forceStop: _ignored, ...priced } = input;
      const body = resizeBody(priced);
      // cmd 3 = change configuration; the body shape is inferred from the SDK and third-party use (billing.yaml).
      const result = await client.calculateTotalPrice(
        {
          cmd: 3,
          packageCount: 1,
          orderList: [
            {
              resourceId: body.instanceId,
              appCode: 'jcloud',
              serviceCode: 'vm',
              site: 0,
              region,
              billingType: 3,
              networkOperator: 0,
              count: 1,
              formula: [{ key: body.instanceType, value: 1 }],
            },
          ],
        },
        callOptions,
      );
      return {
        provider: 'jdcloud',
        action: 'calculateTotalPrice',
        currency: 'CNY',
        lines: jdcloudLines('calculateTotalPrice', result),
        unconfirmed: ['serviceCode "vm"', 'formula key = instance type', 'appCode "jcloud"', 'currency'],
        raw: result,
      };
    },
    async reinstall(input, callOptions) {
      const result = await client.rebuildInstance(
        reinstallBody(input) as Parameters<JdcloudVmClient['rebuildInstance']>[0],
        callOptions,
      );
      return handle('rebuildInstance', input.instanceId, result);
    },
    async poll(operation, callOptions): Promise<PollSnapshot> {
      const result = await client.describeInstance({ instanceId: operation.instanceId }, callOptions);
      const { instance } = readAnswer<{ instance?: { status?: string | null } | null }>(
        result,
        DESCRIBE_ANSWER,
        { provider: 'jdcloud', action: 'describeInstance', root: 'result' },
      );
      // JD answers an unknown id with a NotFound error; a result without the instance says the same.
      if (!instance) return { state: 'NOT_LISTED', phase: 'notListed' };
      const status = instance.status;
      if (!status) return { state: 'UNKNOWN', phase: 'pending' };
      return { state: status, phase: phaseOf(status, completionOf(vmOperationFacts, operation.action)) };
    },
  };
}
