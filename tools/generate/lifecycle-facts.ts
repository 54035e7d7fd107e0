/**
 * The lifecycle facts the facade runs on (kit.describe, stop and start, the jobs, resizeOptions), restated from a
 * spec's `x-instancekit` blocks into the generated facts table (`*OperationFacts`), so the facade never reads YAML
 * and never keeps its own list of what a provider's states mean or which state an action starts from. What the
 * document root says once (the neutral state of each provider state, the busy answer) is restated on the operations
 * that use it: a describe call carries the state map, a mutation its document's busy code.
 */

type Schema = Record<string, unknown>;

/** The TypeScript declarations of these facts, part of the head of every generated operations.ts. */
export const LIFECYCLE_FACT_TYPES = `
/** A mutation's \`x-instancekit.lifecycle\`, as the facade reads it. */
export interface LifecycleFacts {
  /** The request field naming the instance (a list of one where the spec types it as a list). */
  readonly instance: string;
  /** The neutral state of the instance while the mutation runs (kit.describe). */
  readonly neutral?: string;
  /** The document's busy answer (\`lifecycle.errors.busy\`): another operation runs, nothing was executed. */
  readonly busy?: string;
  /** The transitions that need no particular request value: the states each starts from, the state it ends in. */
  readonly transitions: readonly { readonly from: readonly string[]; readonly end: string }[];
}

/** A neutral option a mutation takes (\`x-instancekit.options\`): its request field and the value of each neutral value. */
export interface OptionFacts {
  readonly field: string;
  readonly values: { readonly [neutral: string]: string | boolean };
}

/** A read's \`x-instancekit.describes\`, with the document's neutral state of each provider state. */
export interface DescribeFacts {
  readonly ids?: string;
  readonly idsFilter?: string;
  readonly list?: string;
  readonly single?: string;
  /** Answer field (dotted, inside one entry) → instance attribute. */
  readonly fields: { readonly [field: string]: string };
  readonly neutral?: { readonly [state: string]: string };
}

/** A type listing's \`x-instancekit.offers\`. */
export interface OfferFacts {
  readonly ids?: string;
  readonly typesFilter?: string;
  readonly list: string;
  readonly fields: { readonly [field: string]: string };
  readonly onSale: { readonly [field: string]: unknown };
  readonly soldOut: { readonly [field: string]: unknown };
}
`;

/** The members these facts add to the generated \`OperationFacts\` interface. */
export const LIFECYCLE_FACT_MEMBERS = `  readonly lifecycle?: LifecycleFacts;
  readonly options?: { readonly [option: string]: OptionFacts };
  readonly describes?: DescribeFacts;
  readonly offers?: OfferFacts;
`;

const pick = (from: Schema, keys: readonly string[]): Schema =>
  Object.fromEntries(keys.filter((key) => from[key] !== undefined).map((key) => [key, from[key]]));

/** The lifecycle facts of one operation (`meta` is its `x-instancekit`, `root` the document's), `{}` when none. */
export function lifecycleFactsOf(meta: Schema, root: Schema): Schema {
  const documentLifecycle = (root.lifecycle as Schema | undefined) ?? {};
  const facts: Schema = {};
  const lifecycle = meta.lifecycle as Schema | undefined;
  if (lifecycle) {
    const transitions = (lifecycle.transitions as Schema[] | undefined) ?? [];
    const busy = (documentLifecycle.errors as Schema | undefined)?.busy;
    facts.lifecycle = {
      ...pick(lifecycle, ['instance', 'neutral']),
      ...(typeof busy === 'string' ? { busy } : {}),
      // A transition with `when` needs request values (Tencent's ForceStop) that the facade's jobs never send.
      transitions: transitions
        .filter((transition) => transition.when === undefined)
        .map((transition) => ({ from: transition.from, end: transition.end })),
    };
  }
  if (meta.options) facts.options = meta.options;
  const describes = meta.describes as Schema | undefined;
  if (describes)
    facts.describes = {
      ...pick(describes, ['ids', 'idsFilter', 'list', 'single', 'fields']),
      ...(documentLifecycle.neutral ? { neutral: documentLifecycle.neutral } : {}),
    };
  const offers = meta.offers as Schema | undefined;
  if (offers) facts.offers = pick(offers, ['ids', 'typesFilter', 'list', 'fields', 'onSale', 'soldOut']);
  return facts;
}
