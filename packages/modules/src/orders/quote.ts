import { distanceM, priceOrder, type Address, type Breakdown, type OrderMode, type Product, type Store, type UserCoupon } from '@daojia/domain';
import { productsByIds } from '../catalog';
import { storeForOrder } from '../stores';
import { couponForCart } from '../marketing';
import { deliveryAddress } from '../accounts';
import { hasPaidOrder } from './repository';

/** Waits for all; a refusal is the first one in list order (the coupon's before the address's), whichever came first. */
async function inOrder<T extends readonly unknown[]>(work: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(work);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}

export interface QuoteRequest {
  storeId: string;
  mode: OrderMode;
  items: { productId: string; skuId?: string; quantity: number; specs?: Record<string, string> }[];
  couponId?: string;
  addressId?: string;
}

export interface Quote {
  store: Store;
  products: Record<string, Product>;
  breakdown: Breakdown;
  address?: Address;
  coupon?: UserCoupon;
}

/**
 * Prices a cart from the database's copy of everything: store rules, products, the user's coupon and address. The
 * reads do not depend on each other past the store check, so they go out together: one round trip's wait, not four.
 */
export async function quote(req: QuoteRequest, userKey: string): Promise<Quote> {
  const store = await storeForOrder(req.storeId, req.mode);
  const ids = [...new Set(req.items.map((i) => i.productId))];
  const [found, coupon, address, paidBefore] = await inOrder([
    productsByIds(ids),
    req.couponId ? couponForCart(req.couponId, userKey) : undefined,
    req.mode === 'delivery' ? deliveryAddress(userKey, req.addressId) : undefined,
    hasPaidOrder(userKey),
  ] as const);
  const products = Object.fromEntries(found.map((p) => [p._id, p]));
  const breakdown = priceOrder({
    store,
    products,
    items: req.items,
    mode: req.mode,
    distanceM: address ? distanceM(address.location, store.location) : undefined,
    coupon,
    isNewUser: !paidBefore,
    now: new Date().toISOString(),
  });
  return { store, products, breakdown, address, coupon };
}
