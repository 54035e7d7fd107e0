// The types an instance can change to, with their availability, from the provider's type listing read through the
// spec's `x-instancekit.offers` facts (Tencent DescribeInstancesModification, JD describeInstanceTypes): where the
// list is, which field holds the type, and which values mean on sale and sold out. `a[].b` means `b` of the entries
// of the list `a` (JD's per-zone `state[].inStock`): sold out when every zone says so, on sale when one does. A
// listing with one entry per zone and type (Zenlayer's DescribeZoneInstanceConfigInfos) is read the same way: the
// entries of one type are merged. A `null` in the facts is what the mock writes where the spec states no value (JD's
// `availableCount` of a type on sale): it says nothing, so it is not compared.
import type { CallOptions, FieldRules } from '@instancekit/core/internal';
import { readAnswer } from './answers.js';
import { own } from './check.js';
import { TargetUnavailableError } from './errors.js';
import { type ActionFacts, type Invoke, instanceValue, type OfferFacts, pathOf, text } from './lifecycle.js';
import type { Availability, ProviderName, ResizeOption, ResizeOptions } from './types.js';

function matches(entry: unknown, facts: { readonly [field: string]: unknown }, every: boolean): boolean {
  return Object.entries(facts).every(([field, expected]) => {
    if (expected === null) return true;
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
    // One option per type: on sale when one entry says so, sold out when every entry does (entries per zone).
    const seen = new Map<string, Availability[]>();
    for (const entry of entries) {
      const instanceType = text(pathOf(entry, typeField));
      if (instanceType)
        seen.set(instanceType, [...(seen.get(instanceType) ?? []), availabilityOf(entry, offers)]);
    }
    const options: ResizeOption[] = [...seen].map(([instanceType, all]) => ({
      instanceType,
      availability: all.includes('available')
        ? 'available'
        : all.every((one) => one === 'soldOut')
          ? 'soldOut'
          : 'unavailable',
    }));
    return { provider, action, instanceId, options, raw };
  };
}

/** What the listing says of a resize target; `unknown` where the provider has no listing. */
export type TargetAvailability = Availability | 'notOffered' | 'unknown';

/** The listing of one instance, as a driver reads it (`only`: the one type asked about, where it can filter). */
type Listing = (instanceId: string, call?: CallOptions, only?: string) => Promise<ResizeOptions>;

/** The target's availability by the listing: `notOffered` when the listing does not show it, `unknown` without one. */
export async function targetAvailability(
  listing: Listing | undefined,
  instanceId: string,
  instanceType: string,
  call?: CallOptions,
): Promise<{ availability: TargetAvailability; action?: string }> {
  if (!listing) return { availability: 'unknown' };
  const listed = await listing(instanceId, call, instanceType);
  const found = listed.options.find((option) => option.instanceType === instanceType);
  return { availability: found?.availability ?? 'notOffered', action: listed.action };
}

/**
 * The target can be bought, or its availability is unknown (no listing): else a TargetUnavailableError naming why,
 * and nothing more is asked or sent (a price of a sold-out type could never be paid).
 */
export async function buyableTarget(
  provider: ProviderName,
  listing: Listing | undefined,
  instanceId: string,
  instanceType: string,
  call?: CallOptions,
  /** What the error adds (default: nothing was sent), and its cause (the refusal that made the job ask again). */
  after: { note?: string; cause?: unknown } = {},
): Promise<{ availability: 'available' | 'unknown'; action?: string }> {
  const { availability, action } = await targetAvailability(listing, instanceId, instanceType, call);
  if (availability === 'available' || availability === 'unknown')
    return { availability, ...(action ? { action } : {}) };
  const shown = availability === 'notOffered' ? `not offered to ${instanceId}` : availability;
  throw new TargetUnavailableError(
    `${instanceType} is ${shown} (${action}); ${after.note ?? 'nothing was sent'}`,
    {
      provider,
      action,
      instanceType,
      availability,
      ...(after.cause === undefined ? {} : { cause: after.cause }),
    },
  );
}
