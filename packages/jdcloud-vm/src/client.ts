import {
  type ClientDeclaration,
  createProviderClient,
  type TransportOptions,
} from '@instancekit/core/internal';
import type { operations as BillingSchema } from './generated/billing-schema.js';
import type {
  BillingInput,
  BillingMethods,
  BillingOperationId,
  BillingResult,
  VmInput,
  VmMethods,
  VmOperationId,
  VmResult,
} from './generated/methods.js';
import { billingOperations, billingSignature, vmOperations, vmSignature } from './generated/operations.js';
import { type Credentials, defaultEndpoints, providerFacts } from './generated/provider.js';
import type { operations as VmSchema } from './generated/vm-schema.js';
import { jdcloudAdapter } from './transport.js';

type Schema = VmSchema & BillingSchema;
export type JdcloudVmOperationName = VmOperationId;
export type JdcloudBillingOperationName = BillingOperationId;
export type JdcloudOperationName = JdcloudVmOperationName | JdcloudBillingOperationName;
export type JdcloudCredentials = Credentials;

/** A JD filter: sent as `filters.N.name`, `filters.N.values.M` and (optionally) `filters.N.operator`. */
export interface JdcloudFilter<Name extends string = string> {
  name: Name;
  values: string[];
  /** JD documents only `eq`, the server's default when omitted. */
  operator?: string;
}

type Query<A extends JdcloudOperationName> = Schema[A] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never;

/** The `filters.N.*` query family as one `filters` array, where the operation takes filters. */
type FilterInput<A extends JdcloudOperationName> = 'filters.1.name' extends keyof Query<A>
  ? { filters?: JdcloudFilter<Extract<NonNullable<Query<A>['filters.1.name']>, string>>[] }
  : {};

/**
 * The typed input of an operation: one flat object holding its path parameters but `regionId`, its query
 * parameters (with `filters` as an array) and its JSON body fields, e.g. `{ instanceId, instanceType }`.
 */
export type JdcloudInput<A extends JdcloudOperationName> = (A extends VmOperationId
  ? VmInput<A>
  : A extends BillingOperationId
    ? BillingInput<A>
    : never) &
  FilterInput<A>;

/** The envelope's `result` on success (errors become thrown `@instancekit/core` errors). */
export type JdcloudResult<A extends JdcloudOperationName> = A extends VmOperationId
  ? VmResult<A>
  : A extends BillingOperationId
    ? BillingResult<A>
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

type Fields = { readonly provider: 'jdcloud'; readonly region: string };
export type JdcloudVmClient = JdcloudVmMethods & Fields;

/** The specs' servers (`servers[0].url`). */
export const DEFAULT_VM_ENDPOINT = defaultEndpoints.vm;
export const DEFAULT_BILLING_ENDPOINT = defaultEndpoints.billing;

const DECLARATION: ClientDeclaration = {
  ...providerFacts,
  options: { endpoints: ['billingEndpoint'], properties: { nonce: { type: 'function' } } },
};

/**
 * A typed, signed JD Cloud client for the VM and billing operations of the specs, e.g.
 * `client.resizeInstance({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' }, { signal })`,
 * `client.describeInstanceStatus({ filters: [{ name: 'instanceId', values: ['i-6za0ovr24v'] }] })`,
 * `client.calculateTotalPrice({ cmd: 3, packageCount: 1, orderList: [...] })`.
 */
export function createJdcloudVmClient(given: JdcloudVmClientOptions): JdcloudVmClient {
  return createProviderClient<JdcloudVmMethods, Fields, JdcloudVmClientOptions, JdcloudCredentials>(
    DECLARATION,
    given,
    (options) => {
      const { region, endpoint = DEFAULT_VM_ENDPOINT, billingEndpoint = DEFAULT_BILLING_ENDPOINT } = options;
      const adapter = (service: string) => jdcloudAdapter(options, service);
      return {
        services: [
          { adapter: adapter(vmSignature.service), operations: vmOperations, endpoint },
          {
            adapter: adapter(billingSignature.service),
            operations: billingOperations,
            endpoint: billingEndpoint,
          },
        ],
        fields: { provider: 'jdcloud', region },
        summary: { kind: 'JdcloudVmClient', region, endpoint, billingEndpoint },
      };
    },
  );
}
