import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DomainError, isLowStock, product as productSchema, productWithChangedPrice, withSkuTotals, type PriceChange, type Product, type SaveProductInput, type Sku } from '@daojia/domain';
import { isOwnUpload } from '../files';
import { _ } from '../runtime';
import { ensureCategories, inCategoryOrder, orderedCategoryNames } from './categories';
import * as repo from './repository';

/**
 * The merchant's side of the catalogue: every product of a store, created and edited whole (photos, specs, SKUs,
 * price and stock), on and off the shelf, its stock set, its price changed in bulk, removed.
 *
 * Stock is shared with orders: order.create takes it (and a cancel gives it back) with conditional `_.inc` updates
 * at any moment. A merchant setting stock means "this many are available now", but their write is computed from a
 * read, and a take can land between that read and the write. So every stock write here is a compare-and-set on the
 * stock figures read (the product's total and each SKU's at its position, repository.updateIfStockUnchanged): a take
 * in between makes it match nothing, and it is computed again from a fresh read, keeping the difference the merchant
 * asked for against the first read. A take that landed after the first read therefore stays taken (set 50 while an
 * order takes 1: 49), one before it is in what was read; no write overwrites a take, and stock never goes below 0.
 */

const ATTEMPTS = 8;
const view = (p: Product) => ({ ...p, lowStock: isLowStock(p) });
export type ManagedProduct = ReturnType<typeof view>;

const newProductId = (storeId: string) => `${storeId}-p${randomBytes(5).toString('hex')}`;
const newSkuId = () => `k${randomBytes(4).toString('hex')}`;

/** Everything the merchant's list shows: all products (on shelf or not), categories with their counts, low stock. */
export async function storeCatalog(storeId: string) {
  const [products, records] = await Promise.all([repo.productsOfStore(storeId), repo.categoriesOf(storeId)]);
  const names = orderedCategoryNames(records, products);
  // Products older than category records name categories that have none: they get one (after the others), once.
  const categories = names.length > records.length ? await ensureCategories(storeId, names, records) : records;
  const listed = inCategoryOrder(names, products).map(view);
  return {
    categories: categories.map((c) => ({ ...c, productCount: products.filter((p) => p.categoryName === c.name).length })),
    products: listed,
    lowStockCount: listed.filter((p) => p.lowStock).length,
  };
}

async function mustRead(storeId: string, productId: string): Promise<repo.Managed> {
  const found = await repo.storeProduct(storeId, productId);
  if (!found) throw new DomainError('PRODUCT_NOT_FOUND', '商品不存在');
  return found;
}

async function checkCategory(storeId: string, name: string): Promise<void> {
  if (!(await repo.categoriesOf(storeId)).some((c) => c.name === name)) throw new DomainError('CATEGORY_NOT_FOUND', `分类「${name}」不存在，请先创建分类`);
}

/** A photo is the product's already, or one the caller uploaded themselves (never someone else's file). */
function checkImages(images: string[], userKey: string, current?: Product): void {
  const had = new Set([...(current?.images ?? []), ...(current?.image ? [current.image] : [])]);
  const bad = images.find((f) => !had.has(f) && !isOwnUpload(f, userKey));
  if (bad !== undefined) throw new DomainError('IMAGE_NOT_ALLOWED', '只能使用自己上传的图片', { fileId: bad });
}

/** Creates a product (no `productId`) or applies an edit's patch; returns it as the list shows it. */
export async function saveProduct(storeId: string, input: SaveProductInput, userKey: string): Promise<ManagedProduct> {
  if (input.categoryName !== undefined) await checkCategory(storeId, input.categoryName);
  if (!input.productId) return view(await createProduct(storeId, input, userKey));
  const first = await mustRead(storeId, input.productId);
  if (input.images) checkImages(input.images, userKey, first.product);
  return view(await editProduct(storeId, input, first));
}

async function createProduct(storeId: string, input: SaveProductInput, userKey: string): Promise<Product> {
  const images = input.images ?? [];
  checkImages(images, userKey);
  const skus = input.skus?.length ? input.skus.map((s) => ({ ...s, id: newSkuId(), stock: s.stock ?? 0 })) : undefined;
  const doc = productSchema.parse(
    withSkuTotals({
      _id: newProductId(storeId),
      storeId,
      name: input.name!,
      description: input.description ?? '',
      image: images[0] ?? '',
      ...(images.length ? { images } : {}),
      priceFen: input.priceFen ?? 0,
      stock: input.stock ?? 0,
      onShelf: input.onShelf ?? true,
      kind: input.kind!,
      ...(input.kind === 'service' && input.durationMin ? { durationMin: input.durationMin } : {}),
      categoryName: input.categoryName!,
      ...(input.specs?.length ? { specs: input.specs } : {}),
      ...(skus ? { skus } : {}),
      ...(input.lowStockAt !== undefined && input.lowStockAt !== null ? { lowStockAt: input.lowStockAt } : {}),
      sales: 0,
    }),
  );
  await repo.insertProduct(doc);
  return doc;
}

/**
 * The SKUs after an edit, from the current read `now`: a kept SKU's stock moves by what the merchant changed
 * against the first read (never below 0), a new SKU has what was typed. Adding or removing SKUs, or switching
 * between SKUs and a single stock, is refused while an order holds stock: its give-back names the SKU (or the single
 * stock) it took (repository.takeUnderHold).
 */
function nextSkus(input: SaveProductInput['skus'] & object, first: Product, now: Product, held: boolean): Sku[] {
  const next = input.map(({ id, label, priceFen, stock }) => {
    const was = first.skus?.find((k) => k.id === id);
    const is = now.skus?.find((k) => k.id === id);
    if (!id || !is) return { id: newSkuId(), label, priceFen, stock: stock ?? 0 };
    // Left out: unchanged (whatever orders took stays taken). Typed: moved by its difference against the first read.
    return { id, label, priceFen, stock: stock === undefined ? is.stock : Math.max(0, is.stock + (stock - (was ?? is).stock)) };
  });
  const reshaped = !isDeepStrictEqual((now.skus ?? []).map((k) => k.id).sort(), next.map((s) => s.id).sort());
  if (held && reshaped) throw new DomainError('PRODUCT_HELD', '有未处理完的订单占用该商品库存，暂不能增删规格，请处理完订单后再改');
  return next;
}

async function editProduct(storeId: string, input: SaveProductInput, first: repo.Managed): Promise<Product> {
  const { productId: _id, images, durationMin, lowStockAt, skus: skusInput, priceFen, stock, ...fields } = input;
  void _id;
  let { product: now, held } = first;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const skus = skusInput === undefined ? now.skus : nextSkus(skusInput, first.product, now, held);
    const single = !skus?.length;
    // A single stock moves by the difference against the first read, like a SKU's; switching from SKUs takes the figure typed.
    const singleStock = stock === undefined ? now.stock : first.product.skus?.length ? stock : Math.max(0, now.stock + (stock - first.product.stock));
    const merged: Partial<Product> = withSkuTotals({
      ...now,
      ...fields,
      ...(images ? { images, image: images[0] ?? '' } : {}),
      durationMin: durationMin === null ? undefined : (durationMin ?? now.durationMin),
      lowStockAt: lowStockAt === null ? undefined : (lowStockAt ?? now.lowStockAt),
      skus: single ? undefined : skus,
      priceFen: single ? (priceFen ?? now.priceFen) : now.priceFen,
      stock: single ? singleStock : now.stock,
    });
    if (merged.kind === 'goods') merged.durationMin = undefined;
    if (merged.specs && !merged.specs.length) merged.specs = undefined;
    if (merged.images && !merged.images.length) merged.images = undefined;
    const next = productSchema.parse(Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)));
    if (isDeepStrictEqual(next, now)) return now;
    const set: Record<string, unknown> = { ...next };
    delete set._id;
    for (const k of ['durationMin', 'lowStockAt', 'skus', 'images', 'specs'] as const) if (next[k] === undefined && now[k] !== undefined) set[k] = _.remove();
    if (await repo.updateIfStockUnchanged(storeId, now, set)) return next;
    ({ product: now, held } = await mustRead(storeId, now._id));
  }
  throw new DomainError('PRODUCT_BUSY', '商品库存正在频繁变化，请稍后重试');
}

/** Sets a product's stock, or one SKU's (the product's total follows), without losing orders' takes (see the top). */
export async function setStock(storeId: string, productId: string, stock: number, skuId?: string): Promise<ManagedProduct> {
  let { product: now } = await mustRead(storeId, productId);
  const at = (p: Product) => (skuId ? p.skus?.find((s) => s.id === skuId)?.stock : p.skus?.length ? undefined : p.stock);
  const was = at(now);
  if (was === undefined) throw skuId ? new DomainError('SKU_NOT_FOUND', '商品没有这个规格，请刷新后重试') : new DomainError('SKU_REQUIRED', '该商品按规格管理库存，请选择规格');
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const is = at(now);
    if (is === undefined) throw new DomainError('SKU_NOT_FOUND', '商品没有这个规格，请刷新后重试');
    const target = Math.max(0, is + (stock - was));
    if (target === is) return view(now);
    const skus = skuId ? now.skus!.map((s) => (s.id === skuId ? { ...s, stock: target } : s)) : undefined;
    const next = withSkuTotals({ ...now, ...(skus ? { skus } : { stock: target }) });
    const index = skus ? skus.findIndex((s) => s.id === skuId) : -1;
    const set = skus ? { stock: next.stock, [`skus.${index}.stock`]: target } : { stock: target };
    if (await repo.updateIfStockUnchanged(storeId, now, set)) return view(next);
    ({ product: now } = await mustRead(storeId, productId));
  }
  throw new DomainError('PRODUCT_BUSY', '商品库存正在频繁变化，请稍后重试');
}

/** On or off the shelf, for the chosen products in one update; an id that is not this store's changes nothing. */
export async function setShelf(storeId: string, productIds: string[], onShelf: boolean): Promise<number> {
  const ids = [...new Set(productIds)];
  const found = await repo.storeProductsByIds(storeId, ids);
  if (found.length !== ids.length) throw new DomainError('PRODUCT_NOT_FOUND', '部分商品不存在，请刷新后重试');
  return repo.setShelf(storeId, ids, onShelf);
}

/**
 * A price change for the chosen products, SKUs included (rounding: domain `changedPrice`). Every new price is
 * computed and checked before anything is written, so a result under 1 fen for any product changes nothing; then
 * one update per product writes prices only (never stock, so no take is overwritten), guarded by its SKU ids.
 */
export async function bulkPrice(storeId: string, productIds: string[], change: PriceChange): Promise<ManagedProduct[]> {
  const ids = [...new Set(productIds)];
  const found = await repo.storeProductsByIds(storeId, ids);
  if (found.length !== ids.length) throw new DomainError('PRODUCT_NOT_FOUND', '部分商品不存在，请刷新后重试');
  const planned = found.map(({ product: p }) => ({ p, next: productWithChangedPrice(p, change) }));
  for (let { p, next } of planned) {
    for (let attempt = 0; ; attempt++) {
      const same = next.priceFen === p.priceFen && (p.skus ?? []).every((s, i) => s.priceFen === next.skus![i].priceFen);
      if (
        same ||
        (await repo.setPrices(
          storeId,
          p,
          next.priceFen,
          next.skus?.map((s) => s.priceFen),
        ))
      )
        break;
      // Its SKUs were edited meanwhile: price what is there now (an edit of the same product racing a bulk change).
      if (attempt === ATTEMPTS) throw new DomainError('PRODUCT_BUSY', `「${p.name}」正在被修改，请稍后重试`);
      p = (await mustRead(storeId, p._id)).product;
      next = productWithChangedPrice(p, change);
    }
  }
  const after = await repo.storeProductsByIds(storeId, ids);
  return ids.map((id) => view(after.find((m) => m.product._id === id)!.product));
}

/**
 * Removes a product unless an order still holds some of its stock (placed, not yet accepted or given back): that
 * order's give-back would have nothing to return to. History is kept: orders carry their lines' snapshots (name,
 * price, spec), never a reference they need to resolve, so past orders, refunds and the ledger read as before.
 */
export async function removeProduct(storeId: string, productId: string): Promise<number> {
  await mustRead(storeId, productId);
  if (await repo.removeUnheld(storeId, productId)) return 1;
  if (await repo.storeProduct(storeId, productId)) throw new DomainError('PRODUCT_HELD', '有未处理完的订单占用该商品库存，请处理完这些订单后再删除');
  return 0;
}
