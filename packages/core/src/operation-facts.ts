/**
 * What a spec says of an operation beyond what a call needs — provenance, rate limit, completion, lifecycle,
 * options, describe and type-listing facts — as the generated `*OperationFacts` tables restate them (the facade
 * and the mock read them). One definition for every package's tables.
 */
/** A mutation's `x-instancekit.completion`: how to tell its asynchronous work is done. */
export interface CompletionFacts {
  /** The status call that shows the change. */
  readonly via: string;
  /** The answer field (of the instance) whose value is the change's state. */
  readonly field: string;
  /** The field that names the request the state belongs to. */
  readonly matchRequestId?: string;
  readonly inProgress?: readonly string[];
  readonly success?: readonly string[];
  readonly failure?: readonly string[];
}

/** What a spec says of an operation beyond what a call needs. */
export interface OperationFacts {
  readonly provenance: 'docs' | 'sdk-models' | 'unconfirmed';
  readonly mutating: boolean;
  /** The per-action limit (`x-instancekit.rateLimit.perSecond`): requests per second. */
  readonly rateLimitPerSecond?: number;
  /** No provider page states the figure: a conservative one (`rateLimit.x-provenance: unconfirmed`). */
  readonly rateLimitUnconfirmed?: boolean;
  readonly completion?: CompletionFacts;
  readonly lifecycle?: LifecycleFacts;
  readonly options?: { readonly [option: string]: OptionFacts };
  readonly describes?: DescribeFacts;
  readonly offers?: OfferFacts;
}

/** A mutation's `x-instancekit.lifecycle`, as the facade reads it. */
export interface LifecycleFacts {
  /** The request field naming the instance (a list of one where the spec types it as a list). */
  readonly instance: string;
  /** The neutral state of the instance while the mutation runs (kit.describe). */
  readonly neutral?: string;
  /** The document's busy answer (`lifecycle.errors.busy`): another operation runs, nothing was executed. */
  readonly busy?: string;
  /** The transitions that need no particular request value: the states each starts from, the state it ends in. */
  readonly transitions: readonly { readonly from: readonly string[]; readonly end: string }[];
}

/** A neutral option a mutation takes (`x-instancekit.options`): its request field and the value of each neutral value. */
export interface OptionFacts {
  readonly field: string;
  readonly values: { readonly [neutral: string]: string | boolean };
}

/** A read's `x-instancekit.describes`, with the document's neutral state of each provider state. */
export interface DescribeFacts {
  readonly ids?: string;
  readonly idsFilter?: string;
  readonly list?: string;
  readonly single?: string;
  /** Answer field (dotted, inside one entry) → instance attribute. */
  readonly fields: { readonly [field: string]: string };
  readonly neutral?: { readonly [state: string]: string };
}

/** A type listing's `x-instancekit.offers`. */
export interface OfferFacts {
  readonly ids?: string;
  readonly typesFilter?: string;
  readonly list: string;
  readonly fields: { readonly [field: string]: string };
  readonly onSale: { readonly [field: string]: unknown };
  readonly soldOut: { readonly [field: string]: unknown };
}

export type OperationFactsTable = { readonly [operationId: string]: OperationFacts };
