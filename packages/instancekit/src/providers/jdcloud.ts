import * as jd from '@instancekit/jdcloud-vm';
import { clientOptions, defineDriver } from '../driver.js';
import { jdcloudChangeOrder, jdcloudLines } from '../quotes.js';

/**
 * JD Cloud VM: resize and reinstall; the resize price goes through billing's calculateTotalPrice, whose VM
 * service code and instance-type formula key are inferred, not documented — so the capability says so.
 */
// Pure: an entry that does not use this driver lets a bundler drop it, and with it this provider's client.
export const jdcloud = /* @__PURE__ */ defineDriver({
  provider: 'jdcloud',
  kitOptions: { region: true, billingEndpoint: true },
  // createInstanceKit checked the options against the kit options: the region is there.
  client: (options) => jd.createJdcloudVmClient({ region: options.region!, ...clientOptions(options) }),
  rules: jd.vmOperations,
  facts: [jd.vmOperationFacts, jd.billingOperationFacts],
  // A mutation's result is `{}`: core's $metadata carries the id (the body's requestId, else the header).
  requestId: 'requestId',
  resize: {
    action: 'resizeInstance',
    fields: { instanceId: 'instanceId', instanceType: 'instanceType' },
    refuse: {
      forceStop: 'resizeInstance needs a stopped instance; its `force` flag wipes local data disks instead',
    },
    send: (client, input, call) =>
      client.resizeInstance({ instanceId: input.instanceId, instanceType: input.instanceType }, call),
  },
  quoteResize: {
    action: 'calculateTotalPrice',
    inferred: 'billing serviceCode "vm" and the instance-type formula key are inferred, not documented',
    send: (client, input, call, kit) =>
      client.calculateTotalPrice(jdcloudChangeOrder(input, kit.region!), call),
    currency: 'CNY',
    lines: jdcloudLines,
    unconfirmed: ['serviceCode "vm"', 'formula key = instance type', 'appCode "jcloud"', 'currency'],
  },
  reinstall: {
    action: 'rebuildInstance',
    fields: {
      instanceId: 'instanceId',
      imageId: 'imageId',
      password: 'password',
      keyIds: 'keyNames',
      hostName: 'hostname',
      userData: 'userdata.value',
    },
    refuse: { systemDiskSizeGiB: 'rebuildInstance cannot resize the system disk' },
    send: (client, { userData, ...input }, call) =>
      client.rebuildInstance(
        {
          instanceId: input.instanceId,
          imageId: input.imageId,
          password: input.password,
          keyNames: input.keyIds,
          hostname: input.hostName,
          userdata: userData === undefined ? undefined : [{ key: 'launch-script', value: userData }],
        },
        call,
      ),
  },
  quoteReinstall: 'JD Cloud has no price call for a rebuild',
  // The spec's `describes` of describeInstance: JD answers an unknown id with NotFound, or without `instance`.
  status: {
    send: (client, instanceId, call) => client.describeInstance({ instanceId }, call),
    single: 'result.instance',
    state: 'status',
  },
  lifecycle: {
    describe: 'describeInstance',
    stop: 'stopInstance',
    start: 'startInstance',
    resizeOptions: { action: 'describeInstanceTypes' },
  },
});
