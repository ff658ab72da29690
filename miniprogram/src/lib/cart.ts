import { z } from 'zod';
import { MAX_QUANTITY, choiceKey, resolveChoice, stockKey, type Product } from '@daojia/domain';

/**
 * The cart of one store, kept as a reducer so the store page and checkout agree on its rules. A line is a product
 * in one SKU (大份 / 小份) with its specs (加辣): the same choice twice is one line (`choiceKey`), another SKU or
 * other specs another. Lines of one SKU (or of one product without SKUs) share its stock.
 */
const cartLineSchema = z.object({
  productId: z.string().min(1),
  skuId: z.string().min(1).optional(),
  specs: z.record(z.string(), z.string()).optional(),
  name: z.string(),
  skuLabel: z.string().optional(),
  specLabel: z.string().optional(),
  unitPriceFen: z.number().int().nonnegative(),
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});
export type CartLine = z.infer<typeof cartLineSchema>;
export interface Cart {
  storeId: string;
  lines: CartLine[];
}

/** What the store currently sells: stock key (product, or product/SKU: `stockKey`) → stock. Lines for anything else cannot be ordered. */
export type Availability = Record<string, number>;

/** A product as the cart needs it; stock left out means no limit but the order's. */
export type CartProduct = Pick<Product, '_id' | 'name' | 'priceFen'> & Partial<Pick<Product, 'stock' | 'specs' | 'skus'>>;

export type CartAction =
  | { type: 'add'; product: CartProduct; choice?: { skuId?: string; specs?: Record<string, string> } }
  | { type: 'remove'; productId: string }
  | { type: 'removeLine'; key: string }
  | { type: 'addLine'; key: string; available?: Availability }
  | { type: 'prune'; available: Availability }
  | { type: 'replace'; cart: Cart }
  | { type: 'clear' };

export function emptyCart(storeId: string): Cart {
  return { storeId, lines: [] };
}

/** The key of a cart line: product, SKU and specs. */
export const lineKey = (l: Pick<CartLine, 'productId' | 'skuId' | 'specs'>) => choiceKey(l);
const drawsOn = (l: Pick<CartLine, 'productId' | 'skuId'>) => stockKey(l.productId, l.skuId);

/** The most of one product a cart may hold: the order limit, and never more than is in stock. */
export function maxQuantity(stock?: number): number {
  return stock === undefined ? MAX_QUANTITY : Math.min(stock, MAX_QUANTITY);
}

/** Units the cart already draws on one stock (a SKU, or a product without SKUs), over all its lines. */
const drawn = (cart: Cart, key: string) => cart.lines.filter((l) => drawsOn(l) === key).reduce((n, l) => n + l.quantity, 0);

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
  return { storeId, lines: lines.filter((l, i) => lines.findIndex((x) => lineKey(x) === lineKey(l)) === i) };
}

/** One more of a line: within the order's limit per line and the stock its SKU (or product) has left. */
function addUnit(cart: Cart, line: CartLine, stock: number | undefined): Cart {
  const key = lineKey(line);
  const existing = cart.lines.find((l) => lineKey(l) === key);
  if ((existing?.quantity ?? 0) + 1 > MAX_QUANTITY || (stock !== undefined && drawn(cart, drawsOn(line)) + 1 > stock)) return cart;
  if (!existing) return { ...cart, lines: [...cart.lines, { ...line, quantity: 1 }] };
  return { ...cart, lines: cart.lines.map((l) => (l === existing ? { ...l, quantity: l.quantity + 1 } : l)) };
}

const removeUnit = (cart: Cart, target: CartLine | undefined): Cart =>
  target ? { ...cart, lines: cart.lines.map((l) => (l === target ? { ...l, quantity: l.quantity - 1 } : l)).filter((l) => l.quantity > 0) } : cart;

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      const { product } = action;
      let resolved;
      try {
        resolved = resolveChoice({ ...product, stock: product.stock ?? MAX_QUANTITY }, action.choice ?? {});
      } catch {
        return cart; // a SKU or spec the product does not have (or none chosen where it needs one)
      }
      const line: CartLine = {
        productId: product._id,
        ...(resolved.sku ? { skuId: resolved.sku.id, skuLabel: resolved.sku.label } : {}),
        ...(Object.keys(resolved.specs).length ? { specs: resolved.specs, specLabel: resolved.specLabels.join('/') } : {}),
        name: product.name,
        unitPriceFen: resolved.unitPriceFen,
        quantity: 1,
      };
      return addUnit(cart, line, product.stock === undefined ? undefined : resolved.stock);
    }
    case 'addLine': {
      const line = cart.lines.find((l) => lineKey(l) === action.key);
      return line ? addUnit(cart, line, action.available?.[drawsOn(line)]) : cart;
    }
    // The last line of the product: a product without SKUs or specs has one.
    case 'remove':
      return removeUnit(cart, cart.lines.filter((l) => l.productId === action.productId).at(-1));
    case 'removeLine':
      return removeUnit(
        cart,
        cart.lines.find((l) => lineKey(l) === action.key),
      );
    case 'prune': {
      const left = { ...action.available };
      const lines = cart.lines.flatMap((l) => {
        const key = drawsOn(l);
        if (!(key in left)) return [];
        const quantity = Math.min(l.quantity, maxQuantity(left[key]));
        left[key] -= quantity;
        return quantity > 0 ? [{ ...l, quantity }] : [];
      });
      return { ...cart, lines };
    }
    case 'replace':
      return action.cart;
    case 'clear':
      return emptyCart(cart.storeId);
  }
}

/** Lines the store can no longer fill as they are: off sale, gone, or (with the lines before them) more than is in stock. */
export function unavailableLines(cart: Cart, available: Availability): CartLine[] {
  const left = { ...available };
  return cart.lines.filter((l) => {
    const key = drawsOn(l);
    if (!(key in left)) return true;
    const short = l.quantity > maxQuantity(left[key]);
    left[key] -= Math.min(l.quantity, left[key]);
    return short;
  });
}

/** Stock by what lines draw on: each SKU of a product with SKUs (`p1/big`), else the product. */
export function availability(products: { _id: string; stock: number; onShelf: boolean; skus?: { id: string; stock: number }[] }[]): Availability {
  return Object.fromEntries(products.filter((p) => p.onShelf).flatMap((p) => (p.skus?.length ? p.skus.map((s) => [stockKey(p._id, s.id), s.stock]) : [[p._id, p.stock]])));
}

/** Units of a product in the cart, over all its lines (SKUs and specs). */
export function quantityOf(cart: Cart, productId: string): number {
  return cart.lines.filter((l) => l.productId === productId).reduce((n, l) => n + l.quantity, 0);
}

export function cartCount(cart: Cart): number {
  return cart.lines.reduce((n, l) => n + l.quantity, 0);
}

/** Display total only; the server quote is what the user pays. */
export function cartTotalFen(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.unitPriceFen * l.quantity, 0);
}

export function cartItems(cart: Cart): { productId: string; skuId?: string; quantity: number; specs?: Record<string, string> }[] {
  return cart.lines.map(({ productId, skuId, quantity, specs }) => ({ productId, ...(skuId ? { skuId } : {}), quantity, ...(specs ? { specs } : {}) }));
}

/** How many more of a SKU (or of a product without SKUs) the cart may take: its stock less what the cart's lines already draw on it, within the order limit. */
export function leftOf(cart: Cart, p: Pick<Product, '_id' | 'stock' | 'skus'>, skuId?: string): number {
  const stock = skuId ? (p.skus?.find((s) => s.id === skuId)?.stock ?? 0) : p.stock;
  return Math.max(0, maxQuantity(stock) - drawn(cart, stockKey(p._id, skuId)));
}
