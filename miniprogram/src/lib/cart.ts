import { z } from 'zod';
import { MAX_QUANTITY } from '@daojia/domain';

/** The cart of one store, kept as a reducer so the store page and checkout agree on its rules. */
const cartLineSchema = z.object({
  productId: z.string().min(1),
  name: z.string(),
  unitPriceFen: z.number().int().nonnegative(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});
export type CartLine = z.infer<typeof cartLineSchema>;
export interface Cart {
  storeId: string;
  lines: CartLine[];
}

/** What the store currently sells: product id → stock. Lines for anything else cannot be ordered. */
export type Availability = Record<string, number>;

export type CartAction =
  | { type: 'add'; product: { _id: string; name: string; priceFen: number; stock?: number } }
  | { type: 'remove'; productId: string }
  | { type: 'prune'; available: Availability }
  | { type: 'replace'; cart: Cart }
  | { type: 'clear' };

export function emptyCart(storeId: string): Cart {
  return { storeId, lines: [] };
}

/** The most of one product a cart may hold: the order limit, and never more than is in stock. */
export function maxQuantity(stock?: number): number {
  return stock === undefined ? MAX_QUANTITY : Math.min(stock, MAX_QUANTITY);
}

/**
 * A cart read back from storage is untrusted (an old build, a hand-edited H5 localStorage): lines that break the
 * cart's rules are dropped rather than sent to checkout.
 */
export function parseCart(saved: unknown, storeId: string): Cart {
  const parsed = z.object({ storeId: z.literal(storeId), lines: z.array(z.unknown()) }).safeParse(saved);
  if (!parsed.success) return emptyCart(storeId);
  const lines = parsed.data.lines.flatMap((l) => {
    const line = cartLineSchema.safeParse(l);
    return line.success ? [line.data] : [];
  });
  return { storeId, lines: lines.filter((l, i) => lines.findIndex((x) => x.productId === l.productId) === i) };
}

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      const { product } = action;
      const existing = cart.lines.find((l) => l.productId === product._id);
      const quantity = (existing?.quantity ?? 0) + 1;
      if (quantity > maxQuantity(product.stock)) return cart;
      if (!existing) {
        return { ...cart, lines: [...cart.lines, { productId: product._id, name: product.name, unitPriceFen: product.priceFen, quantity }] };
      }
      return { ...cart, lines: cart.lines.map((l) => (l === existing ? { ...l, quantity } : l)) };
    }
    case 'remove': {
      const lines = cart.lines.map((l) => (l.productId === action.productId ? { ...l, quantity: l.quantity - 1 } : l)).filter((l) => l.quantity > 0);
      return { ...cart, lines };
    }
    case 'prune': {
      const lines = cart.lines
        .filter((l) => l.productId in action.available)
        .map((l) => ({ ...l, quantity: Math.min(l.quantity, maxQuantity(action.available[l.productId])) }))
        .filter((l) => l.quantity > 0);
      return { ...cart, lines };
    }
    case 'replace':
      return action.cart;
    case 'clear':
      return emptyCart(cart.storeId);
  }
}

/** Lines the store can no longer fill as they are: off sale, gone, or more than is in stock. */
export function unavailableLines(cart: Cart, available: Availability): CartLine[] {
  return cart.lines.filter((l) => !(l.productId in available) || l.quantity > maxQuantity(available[l.productId]));
}

export function availability(products: { _id: string; stock: number; onShelf: boolean }[]): Availability {
  return Object.fromEntries(products.filter((p) => p.onShelf).map((p) => [p._id, p.stock]));
}

export function quantityOf(cart: Cart, productId: string): number {
  return cart.lines.find((l) => l.productId === productId)?.quantity ?? 0;
}

export function cartCount(cart: Cart): number {
  return cart.lines.reduce((n, l) => n + l.quantity, 0);
}

/** Display total only; the server quote is what the user pays. */
export function cartTotalFen(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0);
}

export function cartItems(cart: Cart): { productId: string; quantity: number }[] {
  return cart.lines.map(({ productId, quantity }) => ({ productId, quantity }));
}
