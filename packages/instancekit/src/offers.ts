// The types an instance can change to, with their availability, from the provider's type listing read through the
// spec's `x-instancekit.offers` facts (Tencent DescribeInstancesModification, JD describeInstanceTypes): where the
// list is, which field holds the type, and which values mean on sale and sold out. `a[].b` means `b` of the entries
// of the list `a` (JD's per-zone `state[].inStock`): sold out when every zone says so, on sale when one does.
import type { CallOptions, FieldRules } from '@instancekit/core/internal';
import { readAnswer } from './answers.js';
import { own } from './check.js';
import { type ActionFacts, type Invoke, instanceValue, type OfferFacts, pathOf, text } from './lifecycle.js';
import type { Availability, ProviderName, ResizeOption, ResizeOptions } from './types.js';

function matches(entry: unknown, facts: { readonly [field: string]: unknown }, every: boolean): boolean {
  return Object.entries(facts).every(([field, expected]) => {
    const at = field.indexOf('[].');
    if (at < 0) return pathOf(entry, field) === expected;
    const list = pathOf(entry, field.slice(0, at));
    if (!Array.isArray(list) || list.length === 0) return false;
    const test = (item: unknown) => matches(item, { [field.slice(at + 3)]: expected }, every);
    return every ? list.every(test) : list.some(test);
  });
}

function availabilityOf(entry: unknown, offers: OfferFacts): Availability {
  if (matches(entry, offers.soldOut, true)) return 'soldOut';
  return matches(entry, offers.onSale, false) ? 'available' : 'unavailable';
}

/** resizeOptions of one provider; `only` asks the listing for one type where it can filter by type. */
export function offerReader(
  provider: ProviderName,
  action: string,
  facts: { readonly [action: string]: ActionFacts },
  input: FieldRules | undefined,
  invoke: Invoke,
) {
  const offers = own(facts, action)?.offers;
  if (!offers) throw new Error(`${provider}: ${action} has no offers facts`);
  const [root = '', ...rest] = offers.list.split('.');
  let shape: FieldRules = { type: 'array', items: { type: 'object' } };
  for (const segment of [...rest].reverse()) shape = { type: 'object', properties: { [segment]: shape } };
  const typeField = Object.entries(offers.fields).find(([, name]) => name === 'instanceType')?.[0] ?? '';

  return async (instanceId: string, call?: CallOptions, only?: string): Promise<ResizeOptions> => {
    const request: Record<string, unknown> = {
      ...(offers.ids ? { [offers.ids]: instanceValue(input, offers.ids, instanceId) } : {}),
      ...(only && offers.typesFilter ? { filters: [{ name: offers.typesFilter, values: [only] }] } : {}),
    };
    const raw = readAnswer(await invoke(action, request, call), shape, { provider, action, root });
    const entries = pathOf(raw, rest.join('.')) as unknown[];
    const options: ResizeOption[] = [];
    for (const entry of entries) {
      const instanceType = text(pathOf(entry, typeField));
      if (instanceType) options.push({ instanceType, availability: availabilityOf(entry, offers) });
    }
    return { provider, action, instanceId, options, raw };
  };
}
