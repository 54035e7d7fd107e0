import type { PricedLine } from './types.js';

const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const positive = (value: unknown): boolean => (num(value) ?? 0) > 0;

/** Tencent ItemPrice: prepaid totals (OriginalPrice/DiscountPrice) or postpaid unit prices; Discount 20 = pay 20 %. */
export function tencentLines(
  price: Record<string, Record<string, unknown> | null | undefined> | undefined,
): PricedLine[] {
  const lines: PricedLine[] = [];
  for (const [key, item] of Object.entries(price ?? {})) {
    if (!item) continue;
    const name = key.replace(/Price$/, '').replace(/^./, (c) => c.toLowerCase());
    const postpaid = positive(item.UnitPrice) || positive(item.UnitPriceDiscount);
    lines.push(
      postpaid
        ? {
            item: name,
            billing: 'postpaid',
            originalAmount: num(item.UnitPrice),
            discountedAmount: num(item.UnitPriceDiscount),
            unit: typeof item.ChargeUnit === 'string' ? item.ChargeUnit : null,
            percentPaid: num(item.Discount),
          }
        : {
            item: name,
            billing: 'prepaid',
            originalAmount: num(item.OriginalPrice),
            discountedAmount: num(item.DiscountPrice),
            unit: null,
            percentPaid: num(item.Discount),
          },
    );
  }
  return lines;
}

/** Zenlayer PriceItem: originalPrice/discountPrice when prepaid, unitPrice/discountUnitPrice per chargeUnit when not. */
export function zenlayerLines(response: Record<string, unknown>): PricedLine[] {
  const lines: PricedLine[] = [];
  for (const key of ['specPrice', 'gpuPrice', 'systemDiskPrice']) {
    const item = response[key] as Record<string, unknown> | null | undefined;
    if (!item) continue;
    const prepaid = num(item.originalPrice) !== null;
    lines.push({
      item: key.replace(/Price$/, ''),
      billing: prepaid ? 'prepaid' : 'postpaid',
      originalAmount: prepaid ? num(item.originalPrice) : num(item.unitPrice),
      discountedAmount: prepaid ? num(item.discountPrice) : num(item.discountUnitPrice),
      unit: prepaid ? null : typeof item.chargeUnit === 'string' ? item.chargeUnit : null,
      percentPaid: num(item.discount),
    });
  }
  return lines;
}

/** JD billing list[]: billingType 3 is monthly/yearly (prepaid); the others are usage-based. */
export function jdcloudLines(result: Record<string, unknown>): PricedLine[] {
  const list = Array.isArray(result.list) ? (result.list as Array<Record<string, unknown>>) : [];
  return list.map((entry) => {
    const original = num(entry.originalPrice) ?? num(entry.price);
    const discounted = num(entry.discountedPrice) ?? num(entry.afterFavorablePrice);
    return {
      item: typeof entry.serviceCode === 'string' ? entry.serviceCode : 'vm',
      billing: entry.billingType === 3 ? 'prepaid' : 'postpaid',
      originalAmount: original,
      discountedAmount: discounted,
      unit: null,
      percentPaid:
        original && discounted !== null ? Math.round((discounted / original) * 10_000) / 100 : null,
    };
  });
}
