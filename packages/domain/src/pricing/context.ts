import type { OrderMode } from '../schemas/common';
import type { Store } from '../schemas/store';
import type { Product } from '../schemas/product';
import type { UserCoupon } from '../schemas/coupon';
import type { Breakdown, DiscountLine } from '../schemas/order';
import { spreadDiscount, type PricedLine } from './lines';

export interface CartItem {
  productId: string;
  /** Required when the product has SKUs, refused when it has none (pricing/choice.ts). */
  skuId?: string;
  quantity: number;
  specs?: Record<string, string>;
}

export interface PricingInput {
  store: Store;
  products: Record<string, Product>;
  items: CartItem[];
  mode: OrderMode;
  /** Metres from the store to the delivery address; required for delivery. */
  distanceM?: number;
  coupon?: UserCoupon | null;
  isNewUser: boolean;
  now: string;
}

/** The running price, passed through each calculator in turn. */
export interface PriceContext extends Omit<Breakdown, 'totalFen'> {
  input: PricingInput;
  lines: PricedLine[];
}

export type Calculator = (ctx: PriceContext) => void;

/** What is left of the goods amount after the discounts so far: no discount may take it below zero. */
export const remainingGoodsFen = (ctx: PriceContext) => ctx.itemsFen - ctx.discounts.reduce((a, d) => a + d.amountFen, 0);

/** Every discount goes through here: the order-level entry, and each line's share of it (pricing/lines.ts). */
export function applyDiscount(ctx: PriceContext, discount: DiscountLine): void {
  ctx.discounts.push(discount);
  spreadDiscount(ctx.lines, discount);
}
