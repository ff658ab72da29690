import { product, productCategory, type Product, type ProductCategory } from '@daojia/domain';
import { db, _ } from '../runtime';
import { parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['products', 'product_categories'] as const;

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
 *
 * A product with SKUs is taken per SKU: one update per (product, SKU) takes from the SKU's stock (`skus.$.stock`,
 * the element an elemMatch on its id and stock matched) and from the product's total together, each guarded so it
 * cannot go below zero, and writes the hold key `${holdId}:${skuId}` (holdKey) into `holds`, so one order can hold
 * two SKUs of one product, each given back once. The stock invariant (total = the SKUs' sum) therefore holds after
 * every take and give-back; whatever else writes stock must keep it too, and must not add, remove or re-id SKUs, nor
 * give a product SKUs or take them away, while `holds` is not empty: a give-back returns stock to the SKU (or, for
 * a line without one, to the product alone) that its take named.
 */
export const holdKey = (holdId: string, skuId?: string) => (skuId ? `${holdId}:${skuId}` : holdId);

/** The document filter and stock fields of one (product, SKU): the SKU's element by its id, or a product without SKUs. */
function stockOf(productId: string, skuId: string | undefined, quantity: number) {
  if (!skuId) return { where: { _id: productId, 'skus.0': _.exists(false) }, inc: { stock: _.inc(quantity) } };
  return { where: { _id: productId, skus: _.elemMatch({ id: skuId, stock: _.gte(Math.max(0, -quantity)) }) }, inc: { stock: _.inc(quantity), 'skus.$.stock': _.inc(quantity) } };
}

export async function takeUnderHold(productId: string, skuId: string | undefined, quantity: number, holdId: string): Promise<boolean> {
  const key = holdKey(holdId, skuId);
  const { where, inc } = stockOf(productId, skuId, -quantity);
  const { updated } = await products()
    .where({ ...where, onShelf: true, stock: _.gte(quantity), holds: _.neq(key) })
    .update({ ...inc, sales: _.inc(quantity), holds: _.push([key]) });
  return updated === 1;
}

export async function giveBackUnderHold(productId: string, skuId: string | undefined, quantity: number, holdId: string): Promise<void> {
  const key = holdKey(holdId, skuId);
  const { where, inc } = stockOf(productId, skuId, quantity);
  await products()
    .where({ ...where, holds: key })
    .update({ ...inc, sales: _.inc(-quantity), holds: _.pull(key) });
}

/** The order keeps what it took: its hold keys leave the documents, nothing goes back (one update for all products). */
export async function dropHolds(productIds: string[], keys: string[]): Promise<void> {
  await products()
    .where({ _id: _.in(productIds), holds: _.in(keys) })
    .update({ holds: _.pullAll(keys) });
}

/** Orders placed before holds existed: stock goes back unconditionally (the order's own flag is the gate). */
export async function giveBackWithoutHold(productId: string, skuId: string | undefined, quantity: number): Promise<void> {
  const { where, inc } = stockOf(productId, skuId, quantity);
  await products()
    .where(where)
    .update({ ...inc, sales: _.inc(-quantity) });
}

// ---- The merchant's catalogue management (manage.ts, categories.ts) ----

const categories = () => db.collection('product_categories');
const parseCategory = parser('product_categories', productCategory);

/** A product as its store manages it, and whether an order still holds some of its stock (its `holds`). */
export interface Managed {
  product: Product;
  held: boolean;
}
const managed = (doc: any): Managed => ({ product: parse(doc), held: Array.isArray(doc.holds) && doc.holds.length > 0 });

/** Every product of a store, on shelf or not (one read). */
export async function productsOfStore(storeId: string): Promise<Product[]> {
  return (await products().where({ storeId }).limit(1000).field({ holds: false }).get()).data.map(parse);
}

/** The store's products among these ids (one read); ids of other stores' products are simply absent. */
export async function storeProductsByIds(storeId: string, ids: string[]): Promise<Managed[]> {
  return (
    await products()
      .where({ storeId, _id: _.in(ids) })
      .limit(100)
      .get()
  ).data.map(managed);
}

export async function storeProduct(storeId: string, productId: string): Promise<Managed | undefined> {
  return (await storeProductsByIds(storeId, [productId]))[0];
}

export async function insertProduct(doc: Product): Promise<void> {
  const { _id, ...rest } = product.parse(doc);
  await products().doc(_id).set(rest);
}

/**
 * The stock figures a write was computed from: the product's total and each SKU's, at their positions. A
 * compare-and-set update matches only while all of them are unchanged (and no SKU was added after them), so an
 * order's take or give-back in between makes it match nothing instead of being overwritten.
 */
function stockGuard(p: Pick<Product, 'stock' | 'skus'>): Record<string, unknown> {
  const skus = p.skus ?? [];
  const guard: Record<string, unknown> = { stock: p.stock, [`skus.${skus.length}`]: _.exists(false) };
  skus.forEach((s, i) => {
    guard[`skus.${i}.id`] = s.id;
    guard[`skus.${i}.stock`] = s.stock;
  });
  return guard;
}

/** Writes `set` while the product's stock is still what `read` says; false when it changed meanwhile (read again). */
export async function updateIfStockUnchanged(storeId: string, read: Product, set: Record<string, unknown>): Promise<boolean> {
  const { updated } = await products()
    .where({ _id: read._id, storeId, ...stockGuard(read) })
    .update(set);
  return updated === 1;
}

/** One update for the whole set. */
export async function setShelf(storeId: string, ids: string[], onShelf: boolean): Promise<number> {
  const { updated } = await products()
    .where({ storeId, _id: _.in(ids) })
    .update({ onShelf });
  return updated;
}

/**
 * Prices only: each SKU's by its position, guarded by the SKU ids still being there, so a concurrent take (which
 * changes stock, never prices or ids) cannot be overwritten and a concurrent edit of the SKUs makes this match nothing.
 */
export async function setPrices(storeId: string, read: Product, priceFen: number, skuPrices?: number[]): Promise<boolean> {
  const guard: Record<string, unknown> = { _id: read._id, storeId };
  const set: Record<string, unknown> = { priceFen };
  (read.skus ?? []).forEach((s, i) => {
    guard[`skus.${i}.id`] = s.id;
    set[`skus.${i}.priceFen`] = skuPrices![i];
  });
  const { updated } = await products().where(guard).update(set);
  return updated === 1;
}

/** Removes the product unless an order holds some of its stock (checked in the same conditional remove). */
export async function removeUnheld(storeId: string, productId: string): Promise<boolean> {
  const { deleted } = await products()
    .where({ _id: productId, storeId, 'holds.0': _.exists(false) })
    .remove();
  return deleted === 1;
}

export async function productCountIn(storeId: string, categoryName: string): Promise<number> {
  return (await products().where({ storeId, categoryName }).count()).total;
}

/** Moves a category's products to its new name (one update). */
export async function renameProductsCategory(storeId: string, from: string, to: string): Promise<number> {
  const { updated } = await products().where({ storeId, categoryName: from }).update({ categoryName: to });
  return updated;
}

/** A store's categories in the merchant's order. */
export async function categoriesOf(storeId: string): Promise<ProductCategory[]> {
  return (await categories().where({ storeId }).orderBy('sort', 'asc').limit(100).get()).data.map(parseCategory);
}

export async function insertCategory(c: ProductCategory): Promise<void> {
  const { _id, ...rest } = productCategory.parse(c);
  await categories().doc(_id).set(rest);
}

export async function updateCategory(storeId: string, categoryId: string, set: Partial<Pick<ProductCategory, 'name' | 'sort'>>): Promise<boolean> {
  const { updated } = await categories().where({ _id: categoryId, storeId }).update(set);
  return updated === 1;
}

export async function removeCategory(storeId: string, categoryId: string): Promise<boolean> {
  const { deleted } = await categories().where({ _id: categoryId, storeId }).remove();
  return deleted === 1;
}
