import { createZenlayerZecClient, zecOperationFacts, zecOperations } from '@instancekit/zenlayer-zec';
import { clientOptions, defineDriver } from '../driver.js';
import { zenlayerLines } from '../quotes.js';
import type { ResizeInput } from '../types.js';

const resizeBody = (input: ResizeInput) => ({
  instanceId: input.instanceId,
  instanceType: input.instanceType,
});

/** Zenlayer ZEC: resize, its price and reinstall; no reinstall price. Completion via DescribeInstancesStatus. */
// Pure: an entry that does not use this driver lets a bundler drop it, and with it this provider's client.
export const zenlayer = /* @__PURE__ */ defineDriver({
  provider: 'zenlayer',
  kitOptions: { region: false, billingEndpoint: false },
  client: (options) => createZenlayerZecClient(clientOptions(options)),
  rules: zecOperations,
  facts: zecOperationFacts,
  requestId: 'requestId',
  resize: {
    action: 'ModifyInstanceType',
    fields: { instanceId: 'instanceId', instanceType: 'instanceType' },
    refuse: { forceStop: 'ModifyInstanceType requires a STOPPED instance and has no force option' },
    send: (client, input, call) => client.ModifyInstanceType(resizeBody(input), call),
  },
  quoteResize: {
    action: 'InquiryPriceModifyInstanceType',
    send: (client, input, call) => client.InquiryPriceModifyInstanceType(resizeBody(input), call),
    currency: 'USD',
    lines: zenlayerLines,
    unconfirmed: ['currency (no Zenlayer document names it; the console bills in USD)'],
  },
  reinstall: {
    action: 'ResetInstance',
    // keyIds → keyId: a single field, so at most one key pair (the derived rules say so).
    fields: {
      instanceId: 'instanceId',
      imageId: 'imageId',
      password: 'password',
      keyIds: 'keyId',
      userData: 'userData',
    },
    refuse: {
      hostName: 'ResetInstance has no host name field',
      systemDiskSizeGiB: 'ResetInstance cannot resize the system disk',
    },
    send: (client, input, call) =>
      client.ResetInstance(
        {
          instanceId: input.instanceId,
          imageId: input.imageId,
          password: input.password,
          keyId: input.keyIds?.[0],
          userData: input.userData,
        },
        call,
      ),
  },
  quoteReinstall: 'Zenlayer has no price call for a reinstall',
  // The spec's `describes` of DescribeInstancesStatus.
  status: {
    send: (client, instanceId, call) => client.DescribeInstancesStatus({ instanceIds: [instanceId] }, call),
    list: 'response.dataSet',
    id: 'instanceId',
    state: 'instanceStatus',
  },
  // DescribeInstances shows the type and image; DescribeInstancesStatus (above) only the status.
  lifecycle: {
    describe: 'DescribeInstances',
    stop: 'StopInstances',
    start: 'StartInstances',
    resizeOptions: { action: 'DescribeZoneInstanceConfigInfos' },
  },
});
