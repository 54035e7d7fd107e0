import { api3OperationFacts, api3Operations, createTencentCvmClient } from '@instancekit/tencent-cvm';
import { clientOptions, defineDriver } from '../driver.js';
import { tencentLines } from '../quotes.js';
import type { ReinstallInput, ResizeInput } from '../types.js';

// Undefined fields are left out of the JSON body; nested objects are only made when they have a value.
const resizeBody = (input: ResizeInput) => ({
  InstanceIds: [input.instanceId],
  InstanceType: input.instanceType,
  ForceStop: input.forceStop,
});

function reinstallBody(input: ReinstallInput) {
  const { password: Password, keyIds: KeyIds, systemDiskSizeGiB: DiskSize } = input;
  return {
    InstanceId: input.instanceId,
    ImageId: input.imageId,
    SystemDisk: DiskSize === undefined ? undefined : { DiskSize },
    // One login method (the neutral rules refuse both): LoginSettings takes one field.
    LoginSettings: Password !== undefined ? { Password } : KeyIds !== undefined ? { KeyIds } : undefined,
    HostName: input.hostName,
    UserData: input.userData,
  };
}

/** Tencent CVM: all four operations; completion via DescribeInstances' LatestOperation* fields. */
// Pure: an entry that does not use this driver lets a bundler drop it, and with it this provider's client.
export const tencent = /* @__PURE__ */ defineDriver({
  provider: 'tencent',
  kitOptions: { region: true, billingEndpoint: false },
  // createInstanceKit checked the options against the kit options: the region is there.
  client: (options) => createTencentCvmClient({ region: options.region!, ...clientOptions(options) }),
  rules: api3Operations,
  facts: api3OperationFacts,
  requestId: 'RequestId',
  resize: {
    action: 'ResetInstancesType',
    fields: { instanceId: 'InstanceIds', instanceType: 'InstanceType', forceStop: 'ForceStop' },
    send: (client, input, call) => client.ResetInstancesType(resizeBody(input), call),
  },
  quoteResize: {
    action: 'InquiryPriceResetInstancesType',
    // The price does not depend on how the instance is stopped; the quote has no ForceStop.
    send: (client, { forceStop: _, ...input }, call) =>
      client.InquiryPriceResetInstancesType(resizeBody(input), call),
    currency: 'CNY',
    lines: tencentLines,
  },
  reinstall: {
    action: 'ResetInstance',
    fields: {
      instanceId: 'InstanceId',
      imageId: 'ImageId',
      systemDiskSizeGiB: 'SystemDisk.DiskSize',
      password: 'LoginSettings.Password',
      keyIds: 'LoginSettings.KeyIds',
      hostName: 'HostName',
      userData: 'UserData',
    },
    send: (client, input, call) => client.ResetInstance(reinstallBody(input), call),
  },
  quoteReinstall: {
    action: 'InquiryPriceResetInstance',
    // The price does not depend on the host name, and InquiryPriceResetInstance has no such field.
    send: (client, { hostName: _, ...input }, call) =>
      client.InquiryPriceResetInstance(reinstallBody(input), call),
    currency: 'CNY',
    lines: tencentLines,
  },
  // The spec's `describes` of DescribeInstances; LatestOperationErrorMsg says why a change failed.
  status: {
    send: (client, instanceId, call) => client.DescribeInstances({ InstanceIds: [instanceId] }, call),
    list: 'Response.InstanceSet',
    id: 'InstanceId',
    state: 'InstanceState',
    message: 'LatestOperationErrorMsg',
  },
  lifecycle: {
    describe: 'DescribeInstances',
    stop: 'StopInstances',
    start: 'StartInstances',
    resizeOptions: { action: 'DescribeInstancesModification' },
  },
});
