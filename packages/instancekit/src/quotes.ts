import type { FieldRules } from '@instancekit/core/internal';
import type { JdcloudInput } from '@instancekit/jdcloud-vm';
import { numberOrNull, readAnswer, stringOrNull } from './answers.js';
import type { PricedLine, ResizeInput } from './types.js';

// Amounts are numbers or null (absent); a price as a string ("120.5") is another shape, not a missing price.
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const positive = (value: unknown): boolean => (num(value) ?? 0) > 0;

/** Tencent ItemPrice (open: Tencent adds tiers such as UnitPriceSecondStep). */
const TENCENT_ITEM_PRICE: FieldRules = {
  type: ['object', 'null'],
  properties: {
    OriginalPrice: numberOrNull,
    DiscountPrice: numberOrNull,
    UnitPrice: numberOrNull,
    UnitPriceDiscount: numberOrNull,
    Discount: numberOrNull,
    ChargeUnit: stringOrNull,
  },
};

/** Tencent ItemPrice: prepaid totals (OriginalPrice/DiscountPrice) or postpaid unit prices; Discount 20 = pay 20 %. */
export function tencentLines(action: string, answer: unknown): PricedLine[] {
  const where = { provider: 'tencent' as const, action };
  // A quote without a Price object is no quote.
  const { Price: price } = readAnswer<{ Price: Record<string, unknown> }>(
    answer,
    { type: 'object', required: ['Price'], properties: { Price: { type: 'object' } } },
    { ...where, root: 'Response' },
  );
  const lines: PricedLine[] = [];
  for (const [key, value] of Object.entries(price)) {
    const item = readAnswer<Record<string, unknown> | null>(value, TENCENT_ITEM_PRICE, {
      ...where,
      root: `Price.${key}`,
    });
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

const ZENLAYER_PRICE_ITEM: FieldRules = {
  type: ['object', 'null'],
  properties: {
    originalPrice: numberOrNull,
    discountPrice: numberOrNull,
    unitPrice: numberOrNull,
    discountUnitPrice: numberOrNull,
    discount: numberOrNull,
    chargeUnit: stringOrNull,
  },
};

const ZENLAYER_QUOTE: FieldRules = {
  type: 'object',
  properties: {
    specPrice: ZENLAYER_PRICE_ITEM,
    gpuPrice: ZENLAYER_PRICE_ITEM,
    systemDiskPrice: ZENLAYER_PRICE_ITEM,
  },
};

/** Zenlayer PriceItem: originalPrice/discountPrice when prepaid, unitPrice/discountUnitPrice per chargeUnit when not. */
export function zenlayerLines(action: string, answer: unknown): PricedLine[] {
  const response = readAnswer<Record<string, Record<string, unknown> | null | undefined>>(
    answer,
    ZENLAYER_QUOTE,
    { provider: 'zenlayer', action, root: 'response' },
  );
  const lines: PricedLine[] = [];
  for (const key of ['specPrice', 'gpuPrice', 'systemDiskPrice']) {
    const item = response[key];
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

const JDCLOUD_QUOTE: FieldRules = {
  type: 'object',
  required: ['list'],
  properties: {
    list: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          originalPrice: numberOrNull,
          price: numberOrNull,
          discountedPrice: numberOrNull,
          afterFavorablePrice: numberOrNull,
          serviceCode: stringOrNull,
          billingType: { type: ['integer', 'null'] },
        },
      },
    },
  },
};

/** JD billing list[]: billingType 3 is monthly/yearly (prepaid); the others are usage-based. */
export function jdcloudLines(action: string, answer: unknown): PricedLine[] {
  const result = readAnswer<{ list: Array<Record<string, unknown>> }>(answer, JDCLOUD_QUOTE, {
    provider: 'jdcloud',
    action,
    root: 'result',
  });
  return result.list.map((entry) => {
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

/**
 * JD's billing body for the price of a change of type: cmd 3 = change configuration, the instance type as the
 * formula key. The shape is inferred from the SDK and third-party use (billing.yaml), hence the quote's `unconfirmed`.
 */
export function jdcloudChangeOrder(input: ResizeInput, region: string): JdcloudInput<'calculateTotalPrice'> {
  return {
    cmd: 3,
    packageCount: 1,
    orderList: [
      {
        resourceId: input.instanceId,
        appCode: 'jcloud',
        serviceCode: 'vm',
        site: 0,
        region,
        billingType: 3,
        networkOperator: 0,
        count: 1,
        formula: [{ key: input.instanceType, value: 1 }],
      },
    ],
  };
}
