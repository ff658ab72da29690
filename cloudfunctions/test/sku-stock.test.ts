import { randomUUID } from 'node:crypto';
import { startSeededCloud, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/**
 * Stock per SKU on the order path: a product sold by SKU (酸梅汤 小杯/中杯/大杯 at the demo store) is ordered by SKU,
 * each (product, SKU) is taken in one conditional update that lowers the SKU's stock and the product's total
 * together under the order's hold, and given back or kept once. The product's total stays the SKUs' sum throughout.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const USER = 'demo-consumer-3';
const DRINK = 'store-001-p005'; // 酸梅汤: 小杯 ¥5 (s), 中杯 ¥6 (m), 大杯 ¥8 (l, sold out)
const PLAIN = 'store-001-p001';
const key = () => `sku-${randomUUID().slice(0, 12)}`;
const product = () => t.doc('products', DRINK);
const sku = (id: string) => product().skus.find((s: { id: string }) => s.id === id);
type Line = { productId: string; skuId?: string; quantity: number; specs?: Record<string, string> };
const create = (items: Line[], user = USER) => t.call(user, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items });
const sumOfSkus = () => product().skus.reduce((n: number, s: { stock: number }) => n + s.stock, 0);
/** Sets a SKU's stock, and the product's total with it (as the merchant's stock edit does). */
async function setSkuStock(id: string, stock: number) {
  const skus = product().skus.map((s: { id: string; stock: number }) => (s.id === id ? { ...s, stock } : s));
  await t.cloud.db.update('products', { _id: DRINK }, { $set: { skus, stock: skus.reduce((n: number, s: { stock: number }) => n + s.stock, 0) } });
}

async function paid(items: Line[]) {
  const r = await create(items);
  if (!r.ok) throw new Error(r.code);
  const { payment } = await t.ok(USER, 'pay', 'prepay', { orderId: r.data.order._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('orders', r.data.order._id).status === 'paid', 'paid');
  return t.doc('orders', r.data.order._id);
}

test('quote and order price the SKU, the order line names it, and only that SKU and the total go down', async () => {
  const before = product();
  expect(before.stock).toBe(sumOfSkus());
  const { breakdown } = await t.ok(USER, 'order', 'quote', { storeId: STORE, mode: 'pickup', items: [{ productId: DRINK, skuId: 'm', quantity: 2, specs: { 冰量: '少冰' } }] });
  expect(breakdown.lines).toEqual([expect.objectContaining({ productId: DRINK, skuId: 'm', skuLabel: '中杯', specLabel: '少冰', unitPriceFen: 600, subtotalFen: 1200 })]);
  const r = await create([{ productId: DRINK, skuId: 'm', quantity: 2, specs: { 冰量: '少冰' } }]);
  expect(r).toMatchObject({ ok: true, data: { order: { items: [expect.objectContaining({ skuId: 'm', skuLabel: '中杯', quantity: 2 })] } } });
  const order = t.doc('orders', r.ok ? r.data.order._id : '');
  expect(product()).toMatchObject({ stock: before.stock - 2, holds: expect.arrayContaining([`${order.holdId}:m`]) });
  expect(sku('m').stock).toBe(before.skus[1].stock - 2);
  expect(sku('s').stock).toBe(before.skus[0].stock);
  expect(product().stock).toBe(sumOfSkus());
  // The consumer's order view carries the SKU.
  expect(await t.ok(USER, 'order', 'detail', { orderId: order._id })).toMatchObject({ order: { items: [expect.objectContaining({ skuId: 'm', skuLabel: '中杯', specLabel: '少冰' })] } });
});

test('a cart line without its SKU, with a SKU the product lacks, or with a sold-out SKU is refused; nothing is taken', async () => {
  const stock = product().stock;
  const orders = t.count('orders', {});
  expect(await create([{ productId: DRINK, quantity: 1 }])).toMatchObject({ ok: false, code: 'SKU_REQUIRED', message: expect.stringContaining('请选择「酸梅汤」的规格') });
  expect(await create([{ productId: DRINK, skuId: 'xl', quantity: 1 }])).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND' });
  expect(await create([{ productId: PLAIN, skuId: 'm', quantity: 1 }])).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND' });
  expect(await create([{ productId: DRINK, skuId: 'l', quantity: 1 }])).toMatchObject({ ok: false, code: 'OUT_OF_STOCK', message: expect.stringContaining('酸梅汤（大杯）') });
  expect(product().stock).toBe(stock);
  expect(t.count('orders', {})).toBe(orders);
});

test('two SKUs of one product in one order: each held under its own key, both given back once on reject however often the sweeps run', async () => {
  const before = product();
  const order = await paid([
    { productId: DRINK, skuId: 's', quantity: 1 },
    { productId: DRINK, skuId: 'm', quantity: 2, specs: { 冰量: '去冰' } },
    { productId: DRINK, skuId: 'm', quantity: 1 }, // the same SKU again (another spec): one hold for both lines
    { productId: PLAIN, quantity: 1 },
  ]);
  expect(product().holds).toEqual(expect.arrayContaining([`${order.holdId}:s`, `${order.holdId}:m`]));
  expect(product().holds.filter((h: string) => h.startsWith(order.holdId))).toHaveLength(2);
  expect(sku('s').stock).toBe(before.skus[0].stock - 1);
  expect(sku('m').stock).toBe(before.skus[1].stock - 3);
  expect(product().stock).toBe(before.stock - 4);
  await t.ok(MERCHANT, 'merchantOrder', 'reject', { orderId: order._id, reason: '打烊了' });
  await Promise.all([1, 2, 3].map(() => t.timer('reconcile')));
  await t.timer('expireUnpaid');
  expect(product()).toMatchObject({ stock: before.stock, skus: before.skus });
  expect(product().holds.some((h: string) => h.startsWith(order.holdId))).toBe(false);
  expect(t.doc('products', PLAIN).holds).not.toContain(order.holdId);
});

test('acceptance keeps what each SKU gave and drops every hold key of the order', async () => {
  const before = product();
  const order = await paid([
    { productId: DRINK, skuId: 's', quantity: 2 },
    { productId: DRINK, skuId: 'm', quantity: 1 },
  ]);
  // The merchant's new orders carry the SKU of each line.
  const { orders } = await t.ok(MERCHANT, 'merchantOrder', 'list', {});
  expect(orders.find((o: { _id: string }) => o._id === order._id)?.items).toEqual([
    expect.objectContaining({ skuId: 's', skuLabel: '小杯' }),
    expect.objectContaining({ skuId: 'm', skuLabel: '中杯' }),
  ]);
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
  await t.cloud.functions.drainTriggers();
  expect(product().holds.some((h: string) => h.startsWith(order.holdId))).toBe(false);
  expect(sku('s').stock).toBe(before.skus[0].stock - 2);
  expect(sku('m').stock).toBe(before.skus[1].stock - 1);
  expect(product().stock).toBe(sumOfSkus());
});

test('an order from before holds existed gives its SKU stock back to the SKU and the total (the order flag gates it)', async () => {
  const before = product();
  const r = await create([{ productId: DRINK, skuId: 's', quantity: 2 }]);
  if (!r.ok) throw new Error(r.code);
  const order = t.doc('orders', r.data.order._id);
  // As an order placed before holds: no hold id on it, none on the product.
  await t.cloud.db.update('orders', { _id: order._id }, { $unset: { holdId: '' } });
  await t.cloud.db.update('products', { _id: DRINK }, { $pull: { holds: `${order.holdId}:s` } });
  await t.ok(USER, 'order', 'cancel', { orderId: order._id, reason: '不想要了' });
  await t.timer('expireUnpaid');
  expect(product()).toMatchObject({ stock: before.stock, skus: before.skus });
});

test('N concurrent orders for a SKU with k left sell exactly k: the other SKU is untouched and the total stays the sum', async () => {
  const k = 4;
  await setSkuStock('m', k);
  const small = sku('s').stock;
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => create([{ productId: DRINK, skuId: 'm', quantity: 1 }], `demo-sku-storm-${i}`)));
  const sold = results.filter((r) => r.ok);
  expect(sold).toHaveLength(k);
  for (const r of results) if (!r.ok) expect(r.code).toBe('OUT_OF_STOCK');
  // Some were priced while stock was left and refused by the conditional take itself, not by the quote's read.
  expect(results.filter((r) => !r.ok && r.message.includes('已售罄')).length).toBeGreaterThan(0);
  expect(sku('m').stock).toBe(0);
  expect(sku('s').stock).toBe(small);
  expect(product().stock).toBe(sumOfSkus());
  const holds = sold.map((r) => `${t.doc('orders', r.ok ? r.data.order._id : '').holdId}:m`);
  expect(product().holds).toEqual(expect.arrayContaining(holds));
});
