import type { Breakdown } from '../schemas/order';
import type { Calculator, PriceContext, PricingInput } from './context';
import { itemsCalculator } from './items';
import { deliveryCalculator, packagingCalculator } from './fees';
import { couponCalculator, fullReductionCalculator, newUserCalculator } from './discounts';

export type { PricingInput, CartItem } from './context';
export { MAX_QUANTITY } from './items';
export * from './lines';
export * from './choice';

/** The fixed order prices are built in; a new promotion type is a new calculator in this list. */
export const CALCULATORS: Calculator[] = [itemsCalculator, packagingCalculator, deliveryCalculator, fullReductionCalculator, couponCalculator, newUserCalculator];

/**
 * The itemised breakdown the apps show as-is; totalFen is what the customer pays: the lines' payable amounts (each
 * line's subtotal minus its share of every discount) plus the order-level fees.
 */
export function priceOrder(input: PricingInput): Breakdown {
  const ctx: PriceContext = { input, lines: [], itemsFen: 0, packagingFen: 0, deliveryFen: 0, discounts: [] };
  for (const calc of CALCULATORS) calc(ctx);
  const discountFen = ctx.discounts.reduce((a, d) => a + d.amountFen, 0);
  const { input: _input, ...rest } = ctx;
  return { ...rest, totalFen: ctx.itemsFen + ctx.packagingFen + ctx.deliveryFen - discountFen };
}
