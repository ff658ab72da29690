import { product, type Product } from '@daojia/domain';
import { db, _ } from '../runtime';
import { parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['products'] as const;

const products = () => db.collection('products');
/** `holds` (which orders hold stock) is bookkeeping of the take/give-back below: never part of a product read. */
const parse = parser('products', product);

/** The products a cart names (one read, whatever their number). */
export async function productsByIds(ids: string[]): Promise<Product[]> {
  return (
    await products()
      .where({ _id: _.in(ids) })
      .limit(100)
      .get()
  ).data.map(parse);
}

/** A store's on-shelf menu or services. */
export async function shelfOf(storeId: string): Promise<Product[]> {
  return (await products().where({ storeId, onShelf: true }).limit(1000).field({ holds: false }).get()).data.map(parse);
}

/**
 * What order.create takes is written on the taken document itself, atomically with the take: the product's stock
 * goes down and the order's random hold id goes into its `holds` in one conditional update, and a give-back only
 * happens where that hold id is still there, removing it in the same update. So whatever point a create or a
 * give-back died at, the document says whether this order's share is out, a give-back can never return stock that
 * was not taken (or return it twice), and a take is never lost. Hold ids are random, not order numbers: products
 * are publicly readable.
 */
export async function takeUnderHold(productId: string, quantity: number, holdId: string): Promise<boolean> {
  const { updated } = await products()
    .where({ _id: productId, onShelf: true, stock: _.gte(quantity), holds: _.neq(holdId) })
    .update({ stock: _.inc(-quantity), sales: _.inc(quantity), holds: _.push([holdId]) });
  return updated === 1;
}

export async function giveBackUnderHold(productId: string, quantity: number, holdId: string): Promise<void> {
  await products()
    .where({ _id: productId, holds: holdId })
    .update({ stock: _.inc(quantity), sales: _.inc(-quantity), holds: _.pull(holdId) });
}

/** The order keeps what it took: its hold id leaves the documents, nothing goes back (one update for all products). */
export async function dropHold(productIds: string[], holdId: string): Promise<void> {
  await products()
    .where({ _id: _.in(productIds), holds: holdId })
    .update({ holds: _.pull(holdId) });
}

/** Orders placed before holds existed: stock goes back unconditionally (the order's own flag is the gate). */
export async function giveBackWithoutHold(productId: string, quantity: number): Promise<void> {
  await products()
    .doc(productId)
    .update({ stock: _.inc(quantity), sales: _.inc(-quantity) });
}
