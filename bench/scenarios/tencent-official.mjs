import { Agent } from 'node:http';
import { cvm } from 'tencentcloud-sdk-nodejs-cvm';
import { TENCENT } from './_fixtures.mjs';

/**
 * The official SDK as its README shows it. node-fetch@2 (its transport) sends `Connection: close` unless an
 * agent is given, so a keep-alive http.Agent is passed through httpProfile.agent — what a user tuning it would do.
 */
export function create({ endpoint }) {
  const url = new URL(endpoint);
  const CvmClient = cvm.v20170312.Client;
  const client = new CvmClient({
    credential: TENCENT.credentials,
    region: TENCENT.region,
    profile: {
      httpProfile: {
        endpoint: url.host,
        protocol: `${url.protocol}//`,
        agent: new Agent({ keepAlive: true }),
      },
    },
  });
  return () =>
    client.ResetInstancesType({ InstanceIds: [TENCENT.instanceId], InstanceType: TENCENT.instanceType });
}
