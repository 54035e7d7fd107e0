// A CommonJS project using the packed packages as installed from their tarballs: a JD Cloud quote through the
// facade's root entry, a Zenlayer and a JD Cloud client call, a provider error and a refused input, all against the
// mock whose URLs the test passes in CONSUMER_MOCK. Prints what came back as JSON for the test to check.
const { createInstanceKit, ValidationError } = require('instancekit');
const { createZenlayerZecClient } = require('@instancekit/zenlayer-zec');
const { ApiError, createJdcloudVmClient } = require('@instancekit/jdcloud-vm');

async function main() {
  const { urls, errorExample } = JSON.parse(process.env.CONSUMER_MOCK ?? '{}');
  const jdcloud = {
    region: 'cn-north-1',
    credentials: { accessKey: 'JDCconsumercjs0001', secretKey: 'consumer-cjs-secret-key' },
    retry: false,
  };

  const kit = createInstanceKit({
    ...jdcloud,
    provider: 'jdcloud',
    endpoint: urls['jdcloud-vm'],
    billingEndpoint: urls['jdcloud-billing'],
  });
  const quote = await kit.quoteResize({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' });

  const zenlayer = createZenlayerZecClient({
    credentials: { accessKeyId: 'ZLconsumercjs0001', accessKeyPassword: 'consumer-cjs-password' },
    endpoint: urls['zenlayer-zec'],
    retry: false,
  });
  const vm = createJdcloudVmClient({ ...jdcloud, endpoint: urls['jdcloud-vm'] });
  // The mock answers with the spec's named example the `Prefer` header asks for: here one of its error answers.
  const failing = createJdcloudVmClient({
    ...jdcloud,
    endpoint: urls['jdcloud-vm'],
    fetch: (request) => {
      request.headers.set('Prefer', `example=${errorExample}`);
      return fetch(request);
    },
  });
  const apiError = await failing.describeInstance({ instanceId: 'i-6za0ovr24v' }).catch((error) => error);
  const refused = await kit
    .quoteResize({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium', instanceTypo: 'x' })
    .catch((error) => error);

  console.log(
    JSON.stringify({
      quote,
      zenlayer: await zenlayer.DescribeInstancesStatus({ instanceIds: ['1660545330971680835'] }),
      jdcloud: await vm.describeInstance({ instanceId: 'i-6za0ovr24v' }),
      apiError: { isApiError: apiError instanceof ApiError, providerCode: apiError.providerCode },
      refused: { isValidationError: refused instanceof ValidationError, field: refused.field },
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
