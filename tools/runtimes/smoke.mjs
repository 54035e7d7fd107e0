// The runtime smoke program: plain ESM that Node, Bun and Deno run as it is, importing the packed packages the
// matrix installed beside it (so it sees what npm would publish, through each runtime's own resolution of the
// `node` export condition). Against the stateful mock: the facade's quoteResize → resize → waitFor → describe, one
// call on Tencent's legacy gateway and one call per provider client, all with explicit credentials; then the other
// roads those credentials take (a `fetch` option with a session token, the one-provider entries, the CJS builds).
//
//   <runtime> smoke.mjs '<json: { urls, fixture }>'
//
// One line per step (`ok <step> …` or `FAIL <step> …`), exit code 1 when any step failed. The first line names the
// runtime and its version, so the runner can check which one ran.
import { createRequire } from 'node:module';
import process from 'node:process';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { createInstanceKit } from 'instancekit';

const { urls, fixture } = JSON.parse(process.argv[2] ?? '{}');
const keys = fixture.credentials;
const instanceOf = (provider) => fixture.instances.find((instance) => instance.provider === provider);

function runtime() {
  if (globalThis.Deno) return `deno ${globalThis.Deno.version.deno}`;
  if (process.versions.bun) return `bun ${process.versions.bun}`;
  return `node ${process.versions.node}`;
}

let failed = 0;
/** Runs one step; a failure is printed with the error's class and message (never a secret: the errors scrub). */
async function step(name, run) {
  const started = performance.now();
  try {
    const detail = await run();
    console.log(`ok   ${name}: ${detail} (${Math.round(performance.now() - started)} ms)`);
    return true;
  } catch (error) {
    failed += 1;
    console.log(`FAIL ${name}: ${error?.name ?? 'Error'}: ${error?.message ?? String(error)}`);
    return false;
  }
}

function expectEqual(actual, expected, what) {
  if (actual !== expected)
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  return actual;
}

console.log(`runtime ${runtime()}`);

// The facade on one provider: price the change, make it, wait for the mock's transition, see the new type.
const { provider, instanceType: target, mock } = fixture.resize;
const resized = instanceOf(provider);
const kit = createInstanceKit({
  provider,
  ...(resized.region ? { region: resized.region } : {}),
  credentials: keys[provider],
  endpoint: urls[mock],
});
const request = { instanceId: resized.instanceId, instanceType: target };
let handle;
if (
  await step(`facade ${provider} quoteResize`, async () => {
    const quote = await kit.quoteResize(request);
    if (quote.lines.length === 0) throw new Error('the quote has no priced line');
    return `${quote.lines.length} line(s) in ${quote.currency}, ${quote.availability}`;
  })
)
  await step(`facade ${provider} resize`, async () => {
    handle = await kit.resize(request);
    return `${handle.action} requestId ${handle.requestId}`;
  });
if (
  handle &&
  (await step(`facade ${provider} waitFor`, async () => {
    const done = await kit.waitFor(handle, { intervalMs: 100, maxIntervalMs: 500, timeoutMs: 20_000 });
    return `${done.state} after ${done.polls} poll(s)`;
  }))
)
  await step(`facade ${provider} describe`, async () => {
    const described = await kit.describe(resized.instanceId);
    return `instanceType ${expectEqual(described.instanceType, target, 'instanceType after the resize')}`;
  });

// Tencent's legacy gateway (v1 signature, GET with the input flattened into the query).
const tencent = instanceOf('tencent');
await step('tencent-cvm/legacy DescribeInstances', async () => {
  const legacy = createTencentCvmLegacyClient({
    region: tencent.region,
    credentials: keys.tencent,
    endpoint: urls['tencent-cvm-legacy'],
  });
  const answer = await legacy.DescribeInstances({ InstanceIds: [tencent.instanceId] });
  return `InstanceId ${expectEqual(answer.InstanceSet?.[0]?.InstanceId, tencent.instanceId, 'InstanceSet[0].InstanceId')}`;
});

// One call per provider client (TC3, ZC2 and JDCLOUD2 signatures, each verified by the mock).
await step('tencent-cvm DescribeInstances', async () => {
  const client = createTencentCvmClient({
    region: tencent.region,
    credentials: keys.tencent,
    endpoint: urls['tencent-cvm-api3'],
  });
  const answer = await client.DescribeInstances({ InstanceIds: [tencent.instanceId] });
  return `InstanceId ${expectEqual(answer.InstanceSet?.[0]?.InstanceId, tencent.instanceId, 'InstanceSet[0].InstanceId')}`;
});

const zenlayer = instanceOf('zenlayer');
await step('zenlayer-zec DescribeInstances', async () => {
  const client = createZenlayerZecClient({ credentials: keys.zenlayer, endpoint: urls['zenlayer-zec'] });
  const answer = await client.DescribeInstances({ instanceIds: [zenlayer.instanceId] });
  return `instanceId ${expectEqual(answer.dataSet?.[0]?.instanceId, zenlayer.instanceId, 'dataSet[0].instanceId')}`;
});

const jdcloud = instanceOf('jdcloud');
await step('jdcloud-vm describeInstance', async () => {
  const client = createJdcloudVmClient({
    region: jdcloud.region,
    credentials: keys.jdcloud,
    endpoint: urls['jdcloud-vm'],
  });
  const answer = await client.describeInstance({ instanceId: jdcloud.instanceId });
  return `instanceId ${expectEqual(answer.instance?.instanceId, jdcloud.instanceId, 'instance.instanceId')}`;
});

// The other roads explicit keys take, so that none of them reads the environment on any runtime either (module
// load included): the runtime's own fetch (the `fetch` option) with an explicit session token, the facade's
// one-provider entries, and the CJS builds. Each entry is imported inside its step: a load failure is a FAIL line.
await step('tencent-cvm DescribeInstances with fetch and a session token', async () => {
  const client = createTencentCvmClient({
    region: tencent.region,
    credentials: { ...keys.tencent, token: 'runtime-smoke-session-token' },
    endpoint: urls['tencent-cvm-api3'],
    fetch: (request) => fetch(request),
  });
  const answer = await client.DescribeInstances({ InstanceIds: [tencent.instanceId] });
  return `InstanceId ${expectEqual(answer.InstanceSet?.[0]?.InstanceId, tencent.instanceId, 'InstanceSet[0].InstanceId')}`;
});

const MOCK_OF = { tencent: 'tencent-cvm-api3', zenlayer: 'zenlayer-zec', jdcloud: 'jdcloud-vm' };
for (const [provider, mockName] of Object.entries(MOCK_OF)) {
  await step(`instancekit/${provider} describe`, async () => {
    const entry = await import(`instancekit/${provider}`);
    const instance = instanceOf(provider);
    const one = entry.createInstanceKit({
      ...(instance.region ? { region: instance.region } : {}),
      credentials: keys[provider],
      endpoint: urls[mockName],
    });
    const described = await one.describe(instance.instanceId);
    return `${expectEqual(described.instanceId, instance.instanceId, 'instanceId')} ${described.state}`;
  });
}

await step('CJS builds', async () => {
  const require = createRequire(import.meta.url);
  // Every published entry's `require` build (core's node one under the `node` condition), and what it exports.
  const entries = {
    '@instancekit/core': 'ValidationError',
    '@instancekit/tencent-cvm': 'createTencentCvmClient',
    '@instancekit/tencent-cvm/legacy': 'createTencentCvmLegacyClient',
    '@instancekit/zenlayer-zec': 'createZenlayerZecClient',
    '@instancekit/jdcloud-vm': 'createJdcloudVmClient',
    instancekit: 'createInstanceKit',
    'instancekit/tencent': 'createInstanceKit',
    'instancekit/zenlayer': 'createInstanceKit',
    'instancekit/jdcloud': 'createInstanceKit',
  };
  for (const [id, name] of Object.entries(entries))
    expectEqual(typeof require(id)[name], 'function', `require('${id}').${name}`);
  const client = require('@instancekit/jdcloud-vm').createJdcloudVmClient({
    region: jdcloud.region,
    credentials: keys.jdcloud,
    endpoint: urls['jdcloud-vm'],
  });
  const answer = await client.describeInstance({ instanceId: jdcloud.instanceId });
  expectEqual(answer.instance?.instanceId, jdcloud.instanceId, 'instance.instanceId (from the CJS client)');
  return `${Object.keys(entries).length} entries loaded, one call from the CJS client`;
});

// No credentials at all: the environment is the answer, and a missing (or, on Deno, unreadable) variable is a typed
// error naming the field before anything is sent, never the runtime's own exception.
await step('zenlayer-zec without credentials', async () => {
  try {
    createZenlayerZecClient({ endpoint: urls['zenlayer-zec'] });
  } catch (error) {
    if (error?.name !== 'CredentialsError' || error.field !== 'accessKeyId')
      throw new Error(
        `expected a CredentialsError naming accessKeyId, got ${error?.name}: ${error?.message}`,
      );
    return `CredentialsError: ${error.message}`;
  }
  throw new Error('a client was made without credentials');
});

console.log(failed === 0 ? 'smoke passed' : `smoke failed: ${failed} step(s)`);
process.exitCode = failed === 0 ? 0 : 1;
