import type { OrderMode } from '../schemas/common';
import type { Store } from '../schemas/store';
import type { Product } from '../schemas/product';
import type { UserCoupon } from '../schemas/coupon';
import type { Breakdown, PriceLine } from '../schemas/order';

export interface CartItem { productId: string; quantity: number; specs?: Record<string, string> }

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
  lines: PriceLine[];
}

export type Calculator = (ctx: PriceContext) => void;

/** What is left of the goods amount after the discounts so far: no discount may take it below zero. */
export const remainingGoodsFen = (ctx: PriceContext) => ctx.itemsFen - ctx.discounts.reduce((a, d) => a + d.amountFen, 0);
