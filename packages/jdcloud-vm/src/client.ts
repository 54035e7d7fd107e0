import {
  type ClientDeclaration,
  finishClient,
  startClient,
  type TransportOptions,
} from '@instancekit/core/internal';
import type { operations as BillingSchema } from './generated/billing-schema.js';
import type { BillingMethods, VmMethods } from './generated/methods.js';
import {
  billingOperations,
  billingSignature,
  regionPattern,
  vmOperations,
  vmSignature,
} from './generated/operations.js';
import { credentialFields, defaultEndpoints } from './generated/provider.js';
import type { operations as VmSchema } from './generated/vm-schema.js';
import { jdcloudAdapter } from './transport.js';

type Schema = VmSchema & BillingSchema;
export type JdcloudVmOperationName = keyof typeof vmOperations & keyof VmSchema;
export type JdcloudBillingOperationName = keyof typeof billingOperations & keyof BillingSchema;
export type JdcloudOperationName = JdcloudVmOperationName | JdcloudBillingOperationName;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type Empty = {};

type Parameters_<A extends JdcloudOperationName> = Schema[A]['parameters'];

/** Path parameters the caller gives (`instanceId`); `regionId` comes from the client. */
type PathInput<A extends JdcloudOperationName> =
  Parameters_<A> extends { path: infer P } ? Omit<P, 'regionId'> : Empty;

type QueryOf<A extends JdcloudOperationName> =
  Parameters_<A> extends { query?: infer Q } ? NonNullable<Q> : never;

/** A JD filter: sent as `filters.N.name`, `filters.N.values.M` and (optionally) `filters.N.operator`. */
export interface JdcloudFilter<Name extends string = string> {
  name: Name;
  values: string[];
  /** JD documents only `eq`, the server's default when omitted. */
  operator?: string;
}

type FilterInput<Q> = 'filters.1.name' extends keyof Q
  ? { filters?: JdcloudFilter<Extract<NonNullable<Q['filters.1.name']>, string>>[] }
  : Empty;

/** Query parameters by name, except the `filters.N.*` family, which becomes one `filters` array. */
type QueryInput<A extends JdcloudOperationName> = [QueryOf<A>] extends [never]
  ? Empty
  : { [K in keyof QueryOf<A> as K extends `filters.${string}` ? never : K]?: QueryOf<A>[K] } & FilterInput<
      QueryOf<A>
    >;

type BodyInput<A extends JdcloudOperationName> = [NonNullable<Schema[A]['requestBody']>] extends [never]
  ? Empty
  : NonNullable<Schema[A]['requestBody']> extends { content: { 'application/json': infer Body } }
    ? Body
    : Empty;

/**
 * The typed input of an operation: one flat object holding its path parameters but `regionId`, its query
 * parameters (with `filters` as an array) and its JSON body fields, e.g. `{ instanceId, instanceType }`.
 */
export type JdcloudInput<A extends JdcloudOperationName> = Simplify<
  PathInput<A> & QueryInput<A> & BodyInput<A>
>;

/** The envelope's `result` on success (errors become thrown `@instancekit/core` errors). */
export type JdcloudResult<A extends JdcloudOperationName> = Schema[A]['responses'][200] extends {
  content: { 'application/json': { result?: infer R } };
}
  ? NonNullable<R>
  : never;

/** One documented method per operation (the generated interfaces carry each spec's summary and links). */
export type JdcloudVmMethods = VmMethods<
  { [A in JdcloudVmOperationName]: JdcloudInput<A> },
  { [A in JdcloudVmOperationName]: JdcloudResult<A> }
> &
  BillingMethods<
    { [A in JdcloudBillingOperationName]: JdcloudInput<A> },
    { [A in JdcloudBillingOperationName]: JdcloudResult<A> }
  >;

export interface JdcloudCredentials {
  accessKey: string;
  secretKey: string;
}

export interface JdcloudVmClientOptions extends TransportOptions {
  /** Falls back to JDCLOUD_ACCESS_KEY and JDCLOUD_SECRET_KEY. */
  credentials?: Partial<JdcloudCredentials>;
  /** e.g. `cn-north-1`: the `regionId` of every path and the region of the signature scope. */
  region: string;
  /** VM API base URL; default https://vm.jdcloud-api.com (the paths carry `/v1`). */
  endpoint?: string;
  /** Billing API base URL (calculateTotalPrice); default https://billing.jdcloud-api.com. */
  billingEndpoint?: string;
  /** Clock in milliseconds, read on every attempt; inject to pin x-jdcloud-date in tests. */
  now?: () => number;
  /** x-jdcloud-nonce source, called on every attempt; default a UUID v4 as the official SDKs send. */
  nonce?: () => string;
}

export type JdcloudVmClient = JdcloudVmMethods & {
  readonly provider: 'jdcloud';
  readonly region: string;
};

/** The specs' servers (`servers[0].url`). */
export const DEFAULT_VM_ENDPOINT = defaultEndpoints.vm;
export const DEFAULT_BILLING_ENDPOINT = defaultEndpoints.billing;

const randomNonce = () => crypto.randomUUID();

/**
 * A typed, signed JD Cloud client for the VM and billing operations of the specs, e.g.
 * `client.resizeInstance({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' }, { signal })`,
 * `client.describeInstanceStatus({ filters: [{ name: 'instanceId', values: ['i-6za0ovr24v'] }] })`,
 * `client.calculateTotalPrice({ cmd: 3, packageCount: 1, orderList: [...] })`.
 */
const DECLARATION: ClientDeclaration = {
  provider: 'jdcloud',
  label: 'JD Cloud',
  credentials: credentialFields,
  regionPattern,
  options: {
    required: ['region'],
    properties: {
      credentials: { type: 'object' },
      region: { type: 'string', minLength: 1 },
      billingEndpoint: { type: 'string', minLength: 1 },
      nonce: { type: 'function' },
    },
  },
};

export function createJdcloudVmClient(given: JdcloudVmClientOptions): JdcloudVmClient {
  const { options, credentials } = startClient<JdcloudVmClientOptions, JdcloudCredentials>(
    DECLARATION,
    given,
  );
  const { region, now = Date.now, nonce = randomNonce } = options;
  const endpoint = options.endpoint ?? DEFAULT_VM_ENDPOINT;
  const billingEndpoint = options.billingEndpoint ?? DEFAULT_BILLING_ENDPOINT;
  const adapter = (service: string) => jdcloudAdapter({ credentials, region, service, now, nonce });
  return finishClient<JdcloudVmMethods, { provider: 'jdcloud'; region: string }>(
    [
      { adapter: adapter(vmSignature.service), operations: vmOperations, endpoint },
      {
        adapter: adapter(billingSignature.service),
        operations: billingOperations,
        endpoint: billingEndpoint,
      },
    ],
    options,
    { provider: 'jdcloud', region },
    { kind: 'JdcloudVmClient', region, endpoint, billingEndpoint },
  );
}
