/**
 * The lifecycle facts the facade runs on (kit.describe, stop and start, the jobs, resizeOptions), restated from a
 * spec's `x-instancekit` blocks into the generated facts table (`*OperationFacts`), so the facade never reads YAML
 * and never keeps its own list of what a provider's states mean or which state an action starts from. What the
 * document root says once (the neutral state of each provider state, the busy answer) is restated on the operations
 * that use it: a describe call carries the state map, a mutation its document's busy code.
 */

type Schema = Record<string, unknown>;

// Their TypeScript declarations are core's (packages/core/src/operation-facts.ts), which the generated tables import.

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
