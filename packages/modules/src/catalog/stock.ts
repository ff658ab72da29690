import { stockKey, type PriceLine } from '@daojia/domain';
import * as repo from './repository';

type Lines = Pick<PriceLine, 'productId' | 'skuId' | 'quantity'>[];

/** What an order draws on each (product, SKU), whatever its lines (two lines of one SKU differ only in specs). */
export interface Drawn {
  productId: string;
  skuId?: string;
  quantity: number;
}

/** One hold per (product, SKU) per order, whatever the cart's lines; a product without SKUs is one entry. */
export function quantities(items: Lines): Drawn[] {
  const m = new Map<string, Drawn>();
  for (const i of items) {
    const key = stockKey(i.productId, i.skuId);
    const d = m.get(key);
    if (d) d.quantity += i.quantity;
    else m.set(key, { productId: i.productId, ...(i.skuId ? { skuId: i.skuId } : {}), quantity: i.quantity });
  }
  return [...m.values()];
}

/**
 * Takes one (product, SKU)'s share under the order's hold id; false when there is not enough. One conditional update
 * lowers the SKU's stock and the product's total together, neither below zero (repository.ts).
 */
export const takeStock = (d: Drawn, holdId: string) => repo.takeUnderHold(d.productId, d.skuId, d.quantity, holdId);

/** Gives back whatever of an order's stock is still out under its hold id (one update per (product, SKU): quantities differ). */
export async function giveBackStock(items: Lines, holdId: string): Promise<void> {
  for (const d of quantities(items)) await repo.giveBackUnderHold(d.productId, d.skuId, d.quantity, holdId);
}

/** The store accepted the order: what it took stays taken, the hold is forgotten (one update for every product). */
export async function consumeStockHolds(items: Lines, holdId: string): Promise<void> {
  const drawn = quantities(items);
  await repo.dropHolds(
    [...new Set(drawn.map((d) => d.productId))],
    drawn.map((d) => repo.holdKey(holdId, d.skuId)),
  );
}

/** Orders from before holds existed: each line's stock goes back (its caller's flag makes this happen once). */
export async function giveBackStockWithoutHold(items: Lines): Promise<void> {
  for (const line of items) await repo.giveBackWithoutHold(line.productId, line.skuId, line.quantity);
}
