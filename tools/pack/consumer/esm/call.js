// An ESM project using the packed packages as installed from their tarballs: a quote through the facade's Tencent
// entry, one call per Tencent road (API 3.0, legacy gateway), a provider error and a refused input, all against the
// mock whose URLs the test passes in CONSUMER_MOCK. Prints what came back as JSON for the test to check.
import { ApiError, createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createInstanceKit, ValidationError } from 'instancekit/tencent';

const { urls, errorExample } = JSON.parse(process.env.CONSUMER_MOCK ?? '{}');
const options = {
  region: 'ap-guangzhou',
  credentials: { secretId: 'AKIDconsumeresm0001', secretKey: 'consumer-esm-secret-key' },
  retry: false,
};

const kit = createInstanceKit({ ...options, endpoint: urls['tencent-cvm-api3'] });
const quote = await kit.quoteResize({ instanceId: 'ins-r8hr2upy', instanceType: 'S5.LARGE8' });

const api3 = createTencentCvmClient({ ...options, endpoint: urls['tencent-cvm-api3'] });
const legacy = createTencentCvmLegacyClient({ ...options, endpoint: urls['tencent-cvm-legacy'] });
const status = { InstanceIds: ['ins-r8hr2upy'] };

// The mock answers with the spec's named example the `Prefer` header asks for: here one of its error answers.
const failing = createTencentCvmClient({
  ...options,
  endpoint: urls['tencent-cvm-api3'],
  fetch: (request) => {
    request.headers.set('Prefer', `example=${errorExample}`);
    return fetch(request);
  },
});
const apiError = await failing.DescribeInstancesStatus(status).catch((error) => error);
const refused = await api3
  .ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8', InstanceTypo: 'x' })
  .catch((error) => error);

console.log(
  JSON.stringify({
    quote,
    api3: await api3.DescribeInstancesStatus(status),
    legacy: await legacy.DescribeInstancesStatus(status),
    apiError: { isApiError: apiError instanceof ApiError, providerCode: apiError.providerCode },
    refused: { isValidationError: refused instanceof ValidationError, field: refused.field },
  }),
);
