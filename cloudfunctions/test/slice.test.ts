import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const key = () => `k${Math.random().toString(36).slice(2, 12)}`;

test('nearby stores come back nearest first with distances, filters applied', async () => {
  const { stores } = await t.ok(CONSUMER, 'store', 'nearby', { lng: 121.4737, lat: 31.2304 });
  expect(stores[0]._id).toBe(STORE);
  const distances = stores.map((s: any) => s.distanceM);
  expect([...distances].sort((a, b) => a - b)).toEqual(distances);
  const beauty = await t.ok(CONSUMER, 'store', 'nearby', { lng: 121.4737, lat: 31.2304, category: 'beauty' });
  expect(beauty.stores.length).toBeGreaterThan(0);
  expect(beauty.stores.every((s: any) => s.category === 'beauty')).toBe(true);
  const near = await t.ok(CONSUMER, 'store', 'nearby', { lng: 121.4737, lat: 31.2304, maxDistanceM: 1000 });
  expect(near.stores.every((s: any) => s.distanceM <= 1000)).toBe(true);
});

test('the slice: quote → create → prepay → sandbox pays → signed notification → merchant accepts', async () => {
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const items = [{ productId: products[0]._id, quantity: 2 }];
  const { breakdown } = await t.ok(CONSUMER, 'order', 'quote', { storeId: STORE, mode: 'delivery', items });
  expect(breakdown.itemsFen).toBe(products[0].priceFen * 2);
  const { order } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'delivery', items });
  expect(order).toMatchObject({ status: 'pending_payment', totalFen: breakdown.totalFen });
  const { payment } = await t.ok(CONSUMER, 'pay', 'prepay', { orderId: order._id });
  expect(payment.signType).toBe('RSA');
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  const paid = await waitFor(async () => {
    const d = await t.ok(CONSUMER, 'order', 'detail', { orderId: order._id });
    return d.order.status === 'paid' && d;
  }, 'paid');
  expect(paid.events.map((e: any) => e.to)).toEqual(['pending_payment', 'paid']);
  const list = await t.ok(MERCHANT, 'merchantOrder', 'list', {});
  expect(list.orders.map((o: any) => o._id)).toContain(order._id);
  expect(list.orders[0].pickupCode).toBeUndefined();
  const accepted = await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
  expect(accepted.order.status).toBe('accepted');
  const stock = t.cloud.db.find('products', { query: { _id: products[0]._id } })[0].stock;
  expect(stock).toBe(products[0].stock - 2);
});

test('bad requests get a stable code and a Chinese message, and change nothing', async () => {
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const before = t.cloud.db.count('orders', {});
  const stockBefore = t.cloud.db.find('products', { query: { _id: products[0]._id } })[0].stock;
  const attempt = (data: any) => t.call(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'delivery', ...data });
  const expectations: [any, string][] = [
    [{ storeId: 'store-nope', items: [{ productId: products[0]._id, quantity: 1 }] }, 'STORE_NOT_FOUND'],
    [{ items: [{ productId: products[0]._id, quantity: 0 }] }, 'INVALID_INPUT'],
    [{ items: [{ productId: products[0]._id, quantity: 1e9 }] }, 'INVALID_INPUT'],
    [{ items: [{ productId: products[0]._id, quantity: 2, priceFen: 1 }] }, 'INVALID_INPUT'],
    [{ items: [{ productId: products[0]._id, quantity: 2 }], totalFen: 1 }, 'INVALID_INPUT'],
    [{ items: [{ productId: 'no-such-product', quantity: 1 }] }, 'PRODUCT_NOT_FOUND'],
  ];
  for (const [data, code] of expectations) {
    const r = await attempt(data);
    expect(r).toMatchObject({ ok: false, code });
    expect((r as any).message).toMatch(/[\u4e00-\u9fa5]/);
  }
  await t.cloud.db.update('products', { _id: products[1]._id }, { $set: { onShelf: false } });
  expect(
    await attempt({
      items: [
        { productId: products[1]._id, quantity: 1 },
        { productId: products[0]._id, quantity: 2 },
      ],
    }),
  ).toMatchObject({ ok: false, code: 'PRODUCT_OFF_SHELF' });
  await t.cloud.db.update('products', { _id: products[1]._id }, { $set: { onShelf: true } });
  expect(t.cloud.db.count('orders', {})).toBe(before);
  expect(t.cloud.db.find('products', { query: { _id: products[0]._id } })[0].stock).toBe(stockBefore);
});

test('a retried create with the same idempotency key returns the first order', async () => {
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const req = { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] };
  const results = await Promise.all([1, 2, 3].map(() => t.ok(CONSUMER, 'order', 'create', req)));
  expect(new Set(results.map((r) => r.order._id)).size).toBe(1);
  expect(results[0].order.pickupCode).toMatch(/^\d{6}$/);
  expect(t.cloud.db.count('orders', { idempotencyKey: req.idempotencyKey })).toBe(1);
});
