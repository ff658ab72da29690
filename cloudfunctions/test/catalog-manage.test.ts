import { randomUUID } from 'node:crypto';
import { newUploadPath } from '@daojia/domain';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, type Reply } from './harness';

/**
 * The merchant's catalogue through the real functions on the seeded demo city: what the owner saves is on the
 * consumer's store page at once, off-shelf products leave it, prices change in bulk or not at all, stock set while
 * orders take it loses none of their takes, and a refused or bad call changes nothing.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
const written = new Set<string>();
beforeAll(async () => {
  t = await startSeededCloud();
  t.cloud.db.onChange((c) => written.add(c.collection));
});
afterAll(async () => t?.close());

const CLERK = 'demo-clerk-001';
const catalog = (user: string, action: string, data: unknown = {}) => t.call(user, 'merchantCatalog', action, data);
const ok = <T = any>(user: string, action: string, data: unknown = {}) => t.ok<T>(user, 'merchantCatalog', action, data);
const detail = () => t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
/** A photo the owner uploaded (their own upload folder: the server attaches only the caller's own files). */
const upload = (user = MERCHANT) => t.cloud.storage.fileIdOf(newUploadPath(user, 'png', 'products'));
const product = (id: string) => t.doc('products', id);

/** Runs `act` and says which collections it wrote (the database's change feed). */
async function writes(act: () => Promise<unknown>): Promise<string[]> {
  written.clear();
  await act();
  await new Promise((r) => setTimeout(r, 30));
  return [...written].sort();
}

async function createNoodle(name = `番茄牛腩面-${randomUUID().slice(0, 6)}`) {
  const photo = upload();
  const { product: p } = await ok(MERCHANT, 'save', {
    name,
    description: '番茄慢炖牛腩',
    categoryName: '面食',
    kind: 'goods',
    images: [photo],
    specs: [
      {
        name: '辣度',
        options: [
          { label: '不辣', priceDeltaFen: 0 },
          { label: '微辣', priceDeltaFen: 0 },
        ],
      },
    ],
    skus: [
      { label: '大份', priceFen: 3200, stock: 40 },
      { label: '小份', priceFen: 2600, stock: 30 },
    ],
    lowStockAt: 8,
  });
  return { p, photo };
}

test('a product saved with a photo and two SKUs is on the consumer’s store page at once, in its category, priced from its cheapest SKU', async () => {
  const { p, photo } = await createNoodle('番茄牛腩面');
  expect(p).toMatchObject({ storeId: STORE, onShelf: true, image: photo, images: [photo], priceFen: 2600, stock: 70, lowStock: false, lowStockAt: 8, sales: 0 });
  expect(p.skus.map((s: { id: string; label: string }) => s.label)).toEqual(['大份', '小份']);
  expect(new Set(p.skus.map((s: { id: string }) => s.id)).size).toBe(2);

  const d = await detail();
  const shown = d.products.find((x: { _id: string }) => x._id === p._id);
  expect(shown).toMatchObject({ name: '番茄牛腩面', priceFen: 2600, stock: 70, image: photo, categoryName: '面食', skus: p.skus });
  // Grouped by category in the merchant's order: every 面食 product before the first of the next category.
  const groups = d.products.map((x: { categoryName: string }) => x.categoryName).filter((c: string, i: number, all: string[]) => all.indexOf(c) === i);
  expect(groups).toEqual(d.categories);
});

test('the list shows every product, off-shelf ones too, with low-stock flags and their count; what the caller may do', async () => {
  const { p } = await createNoodle();
  const rowOf = async () => (await ok(MERCHANT, 'list')).products.find((x: { _id: string }) => x._id === p._id);
  expect(await rowOf()).toMatchObject({ stock: 70, lowStock: false });
  // One SKU at its mark (8) flags the product, however many the other has.
  await ok(MERCHANT, 'setStock', { productId: p._id, skuId: p.skus[1].id, stock: 8 });
  expect(await rowOf()).toMatchObject({ stock: 48, lowStock: true });
  await ok(MERCHANT, 'setStock', { productId: p._id, skuId: p.skus[1].id, stock: 9 });
  expect(await rowOf()).toMatchObject({ stock: 49, lowStock: false });
  await ok(MERCHANT, 'setStock', { productId: p._id, skuId: p.skus[0].id, stock: 0 });
  await ok(MERCHANT, 'setShelf', { productIds: [p._id], onShelf: false });
  const list = await ok(MERCHANT, 'list');
  const row = list.products.find((x: { _id: string }) => x._id === p._id);
  expect(row).toMatchObject({ onShelf: false, stock: 9, lowStock: true });
  expect(list.lowStockCount).toBe(list.products.filter((x: { lowStock: boolean }) => x.lowStock).length);
  expect(list.lowStockCount).toBeGreaterThan(0);
  expect(list.categories.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['面食', '小食', '饮品']));
  expect(list.categories.find((c: { name: string }) => c.name === '面食').productCount).toBe(list.products.filter((x: { categoryName: string }) => x.categoryName === '面食').length);
  expect(list.allowed).toEqual(expect.arrayContaining(['save', 'bulkPrice', 'setShelf', 'setStock']));
  const clerk = await ok(CLERK, 'list');
  expect(clerk.allowed).toEqual(expect.arrayContaining(['list', 'setShelf', 'setStock']));
  expect(clerk.allowed).not.toContain('bulkPrice');
  expect(clerk.allowed).not.toContain('save');
});

test('off the shelf (one or many in one call) it leaves the consumer’s page; back on, it returns', async () => {
  const a = (await createNoodle()).p;
  const b = (await createNoodle()).p;
  const onPage = async () => (await detail()).products.map((x: { _id: string }) => x._id);
  expect(await onPage()).toEqual(expect.arrayContaining([a._id, b._id]));
  expect(await ok(CLERK, 'setShelf', { productIds: [a._id, b._id], onShelf: false })).toEqual({ updated: 2 });
  expect(await onPage()).not.toContain(a._id);
  expect(await onPage()).not.toContain(b._id);
  // An off-shelf product cannot be ordered either.
  const order = await t.call(CONSUMER, 'order', 'create', { idempotencyKey: randomUUID(), storeId: STORE, mode: 'pickup', items: [{ productId: a._id, skuId: a.skus[0].id, quantity: 1 }] });
  expect(order).toMatchObject({ ok: false });
  await ok(CLERK, 'setShelf', { productIds: [a._id], onShelf: true });
  expect(await onPage()).toContain(a._id);
  // One id that is not this store's: nothing changes.
  expect(await writes(async () => expect(await catalog(CLERK, 'setShelf', { productIds: [b._id, 'store-002-p001'], onShelf: true })).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND' }))).toEqual(
    [],
  );
  expect(product(b._id).onShelf).toBe(false);
});

test('bulk price: percent, add or set across products, SKUs included; a result under 1 fen for any of them changes none', async () => {
  const noodle = (await createNoodle()).p; // SKUs 3200 / 2600
  const egg = 'store-001-p004'; // 荷包蛋, no SKUs
  const eggBefore = product(egg).priceFen;
  const { products } = await ok(MERCHANT, 'bulkPrice', { productIds: [noodle._id, egg], change: { mode: 'percent', percent: -10 } });
  expect(products.find((x: { _id: string }) => x._id === noodle._id)).toMatchObject({ priceFen: 2340, skus: [{ priceFen: 2880 }, { priceFen: 2340 }] });
  expect(product(egg).priceFen).toBe(Math.floor((eggBefore * 90 + 50) / 100));
  // Stock untouched by a price change.
  expect(product(noodle._id)).toMatchObject({ stock: 70, skus: [{ stock: 40 }, { stock: 30 }] });

  const before = [product(noodle._id), product(egg)];
  const refused = await writes(async () => {
    const r = await catalog(MERCHANT, 'bulkPrice', { productIds: [noodle._id, egg], change: { mode: 'add', deltaFen: -product(egg).priceFen } });
    expect(r).toMatchObject({ ok: false, code: 'PRICE_TOO_LOW', message: expect.stringContaining('荷包蛋') });
  });
  expect(refused).toEqual([]);
  expect([product(noodle._id), product(egg)]).toEqual(before);

  await ok(MERCHANT, 'bulkPrice', { productIds: [noodle._id], change: { mode: 'set', priceFen: 1990 } });
  expect(product(noodle._id)).toMatchObject({ priceFen: 1990, skus: [{ priceFen: 1990 }, { priceFen: 1990 }] });
});

test('a clerk is refused price changes and product edits at the function (FORBIDDEN), and nothing changes', async () => {
  const { p } = await createNoodle();
  const before = product(p._id);
  const changed = await writes(async () => {
    expect(await catalog(CLERK, 'bulkPrice', { productIds: [p._id], change: { mode: 'set', priceFen: 1 } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await catalog(CLERK, 'save', { productId: p._id, skus: [{ ...p.skus[0], priceFen: 1 }, p.skus[1]] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await catalog(CLERK, 'saveCategory', { name: '店员分类' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
  expect(changed).toEqual([]);
  expect(product(p._id)).toEqual(before);
  // Stock is the counter's work.
  expect((await ok(CLERK, 'setStock', { productId: p._id, skuId: p.skus[0].id, stock: 12 })).product).toMatchObject({ stock: 42, skus: [{ stock: 12 }, { stock: 30 }] });
});

test('stock set while orders take it: no take is overwritten, the total stays the sum of the SKUs, nothing oversold', async () => {
  const { p } = await createNoodle();
  const [big, small] = p.skus;
  const order = (skuId: string) =>
    t.call(CONSUMER, 'order', 'create', { idempotencyKey: randomUUID(), storeId: STORE, mode: 'pickup', items: [{ productId: p._id, skuId, quantity: 1 }] }) as Promise<Reply>;
  // Orders take both SKUs while the merchant sets the big one's stock twice and the small one's once.
  const orders = [...Array(8)].map((_, i) => order(i % 2 ? big.id : small.id));
  const sets = [ok(MERCHANT, 'setStock', { productId: p._id, skuId: big.id, stock: 20 }), ok(CLERK, 'setStock', { productId: p._id, skuId: small.id, stock: 10 })];
  const more = [...Array(6)].map((_, i) => order(i % 2 ? small.id : big.id));
  const results = await Promise.all([...orders, ...more]);
  await Promise.all(sets);
  const placed = results.filter((r) => r.ok).length;
  expect(placed).toBe(results.length); // plenty of stock for all
  const after = product(p._id);
  expect(after.stock).toBe(after.skus[0].stock + after.skus[1].stock);
  expect(after.sales).toBe(placed);
  // Each SKU ends at most at what was set, and below it only by orders placed (takes after the set's read stay taken).
  expect(after.skus[0].stock).toBeLessThanOrEqual(20);
  expect(after.skus[0].stock).toBeGreaterThanOrEqual(20 - 7);
  expect(after.skus[1].stock).toBeLessThanOrEqual(10);
  expect(after.skus[1].stock).toBeGreaterThanOrEqual(10 - 7);
  expect(after.holds).toHaveLength(placed);

  // A set to 0 while an order is held never goes below 0, and a held product cannot lose SKUs or be removed.
  await ok(MERCHANT, 'setStock', { productId: p._id, skuId: big.id, stock: 0 });
  expect(product(p._id).skus[0].stock).toBe(0);
  expect(await catalog(MERCHANT, 'save', { productId: p._id, skus: [after.skus[1]] })).toMatchObject({ ok: false, code: 'PRODUCT_HELD' });
  expect(await catalog(MERCHANT, 'remove', { productId: p._id })).toMatchObject({ ok: false, code: 'PRODUCT_HELD' });
  expect(product(p._id).skus).toHaveLength(2);
});

test('editing: a patch keeps the rest; someone else’s photo, an unknown category and bad input change nothing', async () => {
  const { p, photo } = await createNoodle();
  const edited = (await ok(MERCHANT, 'save', { productId: p._id, name: '番茄牛腩面（新）', images: [upload(), photo], lowStockAt: null })).product;
  expect(edited).toMatchObject({ name: '番茄牛腩面（新）', description: '番茄慢炖牛腩', priceFen: 2600, stock: 70, skus: p.skus });
  expect(edited.image).not.toBe(photo);
  expect(edited.lowStockAt).toBeUndefined();
  // The SKUs' stock as typed, and a new SKU: the total follows.
  const withThird = (await ok(MERCHANT, 'save', { productId: p._id, skus: [...p.skus, { label: '加量', priceFen: 3800, stock: 5 }] })).product;
  expect(withThird).toMatchObject({ stock: 75, priceFen: 2600 });

  const before = product(p._id);
  const bad = [
    { productId: p._id, images: [upload('demo-merchant-002')] },
    { productId: p._id, categoryName: '不存在的分类' },
    { productId: p._id, skus: [{ label: '大份', priceFen: 0, stock: 1 }] },
    { productId: p._id, stock: -3 },
    { productId: p._id, priceFen: 12.5 },
    { productId: p._id, sales: 99999 },
    { name: '没有分类的商品', kind: 'goods', priceFen: 100, stock: 1 },
    { productId: 'store-002-p001', name: '别家的商品' },
  ];
  const codes: string[] = [];
  const changed = await writes(async () => {
    for (const input of bad) codes.push(((await catalog(MERCHANT, 'save', input)) as { code?: string }).code ?? 'ALLOWED');
  });
  expect(codes).toEqual(['IMAGE_NOT_ALLOWED', 'CATEGORY_NOT_FOUND', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'INVALID_INPUT', 'PRODUCT_NOT_FOUND']);
  expect(changed).toEqual([]);
  expect(product(p._id)).toEqual(before);
});

test('categories: create, rename (its products move), reorder (the consumer page follows), remove only when empty', async () => {
  const { category } = await ok(MERCHANT, 'saveCategory', { name: '浇头' });
  expect(await catalog(MERCHANT, 'saveCategory', { name: '浇头' })).toMatchObject({ ok: false, code: 'CATEGORY_EXISTS' });
  const { p } = await createNoodle();
  await ok(MERCHANT, 'save', { productId: p._id, categoryName: '浇头' });
  const renamed = await ok(MERCHANT, 'saveCategory', { categoryId: category._id, name: '加料浇头' });
  expect(renamed).toMatchObject({ category: { _id: category._id, name: '加料浇头' }, movedProducts: 1 });
  expect(product(p._id).categoryName).toBe('加料浇头');

  expect(await catalog(MERCHANT, 'removeCategory', { categoryId: category._id })).toMatchObject({ ok: false, code: 'CATEGORY_NOT_EMPTY' });
  // First on the menu once the merchant puts it first.
  const ids = (await ok(MERCHANT, 'list')).categories.map((c: { _id: string }) => c._id);
  await ok(MERCHANT, 'reorderCategories', { categoryIds: [category._id, ...ids.filter((id: string) => id !== category._id)] });
  const d = await detail();
  expect(d.categories[0]).toBe('加料浇头');
  expect(d.products[0].categoryName).toBe('加料浇头');
  // A reorder that leaves a category out changes nothing.
  expect(await writes(async () => expect(await catalog(MERCHANT, 'reorderCategories', { categoryIds: ids.slice(1) })).toMatchObject({ ok: false, code: 'CATEGORY_NOT_FOUND' }))).toEqual([]);

  // Removing the product (no order holds it) empties the category, which can then go.
  expect(await ok(MERCHANT, 'remove', { productId: p._id })).toEqual({ removed: 1 });
  expect(product(p._id)).toBeUndefined();
  expect(await ok(MERCHANT, 'removeCategory', { categoryId: category._id })).toEqual({ removed: 1 });
  expect((await ok(MERCHANT, 'list')).categories.map((c: { name: string }) => c.name)).not.toContain('加料浇头');
});

test('a removed product’s past orders keep their lines (name and price are snapshots on the order)', async () => {
  const { p } = await createNoodle('牛腩面-即将下架');
  const placed = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: randomUUID(), storeId: STORE, mode: 'pickup', items: [{ productId: p._id, skuId: p.skus[1].id, quantity: 1 }] });
  // A placed order holds stock: removal waits until the order lets it go (here: the consumer cancels).
  expect(await catalog(MERCHANT, 'remove', { productId: p._id })).toMatchObject({ ok: false, code: 'PRODUCT_HELD' });
  await t.ok(CONSUMER, 'order', 'cancel', { orderId: placed.order._id });
  expect(await ok(MERCHANT, 'remove', { productId: p._id })).toEqual({ removed: 1 });
  const { order } = await t.ok(CONSUMER, 'order', 'detail', { orderId: placed.order._id });
  expect(order.items[0]).toMatchObject({ productId: p._id, name: '牛腩面-即将下架', unitPriceFen: 2600 });
});
