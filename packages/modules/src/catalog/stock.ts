import type { PriceLine } from '@daojia/domain';
import * as repo from './repository';

type Lines = Pick<PriceLine, 'productId' | 'quantity'>[];

/** One hold per product per order, whatever the cart's lines. */
export function quantities(items: Lines): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.productId, (m.get(i.productId) ?? 0) + i.quantity);
  return m;
}

/** Takes one product's share under the order's hold id; false when there is not enough (the database never goes below zero). */
export const takeStock = (productId: string, quantity: number, holdId: string) => repo.takeUnderHold(productId, quantity, holdId);

/** Gives back whatever of an order's stock is still out under its hold id (one update per product: quantities differ). */
export async function giveBackStock(items: Lines, holdId: string): Promise<void> {
  for (const [productId, quantity] of quantities(items)) await repo.giveBackUnderHold(productId, quantity, holdId);
}

/** The store accepted the order: what it took stays taken, the hold is forgotten. */
export async function consumeStockHolds(items: Lines, holdId: string): Promise<void> {
  await repo.dropHold([...quantities(items).keys()], holdId);
}

/** Orders from before holds existed: each line's stock goes back (its caller's flag makes this happen once). */
export async function giveBackStockWithoutHold(items: Lines): Promise<void> {
  for (const line of items) await repo.giveBackWithoutHold(line.productId, line.quantity);
}
