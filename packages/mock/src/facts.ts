import { readFileSync } from 'node:fs';
import type { IHttpOperation } from '@stoplight/types';
import { parse } from 'yaml';

/**
 * The lifecycle and signature facts a spec states in its `x-instancekit` blocks (docs/spec-conventions.md), as the
 * mock reads them. Nothing here is provider-specific: which states an action starts from, which error answers a
 * refusal, where the instance id sits in a request — all of it comes from the spec.
 */

/** The names of the documented error examples a document uses for the answers every action shares. */
export interface DocumentErrors {
  notFound?: string;
  /** Answered to a mutation while another operation runs on the instance; absent: the action's `refused`. */
  busy?: string;
  soldOut?: string;
  throttled?: string;
  serverError?: string;
}

export interface SignatureFacts {
  /** `TC3-HMAC-SHA256`, `v1`, `ZC2-HMAC-SHA256` or `JDCLOUD2-HMAC-SHA256`. */
  scheme: string;
  /** The service of the credential scope (TC3, JDCLOUD2). */
  service?: string;
  skewSeconds: number;
  errors: { malformed: string; failure: string; expired: string; unknownKey: string };
}

export interface DocumentFacts {
  /** The provider name fixtures use (`tencent`, `zenlayer`, `jdcloud`); specs of one provider share a fleet. */
  provider?: string;
  states: string[];
  /** The parameter that carries the region (`X-TC-Region`, `Region`, `regionId`). */
  region?: string;
  errors: DocumentErrors;
  signature?: SignatureFacts;
}

export interface Transition {
  from: string[];
  /** Request fields that must have these values for this transition (Tencent's `ForceStop: true`). */
  when?: Record<string, unknown>;
  /** States the instance passes through, in order, while the operation runs. */
  during: string[];
  end: string;
}

export interface LifecycleFacts {
  /** The request field (body, query or path) naming the instance or instances. */
  instance: string;
  /** The request field holding the new instance type (resize). */
  newInstanceType?: string;
  /** The request field holding the new image (reinstall). */
  newImage?: string;
  /** The error example answered when no transition starts from the instance's state: by state, or `default`. */
  refused: string | Record<string, string>;
  transitions: Transition[];
}

export interface DescribeFacts {
  /** The request field (body, query or path) holding the ids asked for; none: every instance. */
  ids?: string;
  /** JD's `filters.N.name=<idsFilter>&filters.N.values.M=…` form instead of `ids`. */
  idsFilter?: string;
  /** Dotted path of the list in the success example (its first entry is the template of every entry). */
  list?: string;
  /** Dotted path of the one described instance (a single-instance read; an unknown id is `notFound`). */
  single?: string;
  total?: string;
  /** Answer field (dotted, inside one entry) → instance attribute. */
  fields: Record<string, string>;
}

/**
 * A listing of instance types (Tencent's `DescribeInstancesModification`, JD's `describeInstanceTypes`) answered
 * from the fixture's types: one copy of the success example's first entry per type, with `fields` set from the
 * type and `onSale` / `soldOut` set by its sale status.
 */
export interface OfferFacts {
  /** The request field naming the instances asked about (an unknown id is `notFound`); none: a region's list. */
  ids?: string;
  /** JD's `filters.N.name=<typesFilter>&filters.N.values.M=…`: only these types. */
  typesFilter?: string;
  /** Dotted path of the list in the success example. */
  list: string;
  total?: string;
  /** Answer field (dotted, inside one entry) → type attribute (`instanceType`). */
  fields: Record<string, string>;
  /** Answer fields (dotted; `a[].b` sets `b` in every entry of the list `a`) → value, for a type on sale. */
  onSale: Record<string, unknown>;
  /** The same for a sold-out type. */
  soldOut: Record<string, unknown>;
}

export interface CompletionFacts {
  field: string;
  matchRequestId?: string;
  inProgress: string[];
  success: string[];
}

export interface OperationFacts {
  operationId: string;
  kind: string;
  lifecycle?: LifecycleFacts;
  describes?: DescribeFacts;
  offers?: OfferFacts;
  completion?: CompletionFacts;
}

/** The root `x-instancekit` block of a spec file (the mock reads YAML only for this; Prism loads the rest). */
export function readDocumentFacts(specPath: string): DocumentFacts {
  const doc = parse(readFileSync(specPath, 'utf8')) as { 'x-instancekit'?: Record<string, unknown> } | null;
  const root = doc?.['x-instancekit'] ?? {};
  const lifecycle = (root.lifecycle as Record<string, unknown> | undefined) ?? {};
  return {
    provider: root.provider as string | undefined,
    states: (lifecycle.states as string[] | undefined) ?? [],
    region: lifecycle.region as string | undefined,
    errors: (lifecycle.errors as DocumentErrors | undefined) ?? {},
    signature: root.signature as SignatureFacts | undefined,
  };
}

/** The `x-instancekit` block of one operation Prism loaded. */
export function operationFacts(operation: IHttpOperation): OperationFacts {
  const meta = (operation.extensions?.['x-instancekit'] as Record<string, unknown> | undefined) ?? {};
  return {
    operationId: String(operation.iid ?? operation.id),
    kind: typeof meta.kind === 'string' ? meta.kind : 'read',
    lifecycle: meta.lifecycle as LifecycleFacts | undefined,
    describes: meta.describes as DescribeFacts | undefined,
    offers: meta.offers as OfferFacts | undefined,
    completion: meta.completion as CompletionFacts | undefined,
  };
}

/** The refusal example for an instance in `state`. */
export function refusalFor(lifecycle: LifecycleFacts, state: string): string {
  const { refused } = lifecycle;
  if (typeof refused === 'string') return refused;
  return refused[state] ?? refused.default ?? Object.values(refused)[0]!;
}
