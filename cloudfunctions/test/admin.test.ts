import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

dayjs.extend(utc);
dayjs.extend(timezone);

let t: Awaited<ReturnType<typeof startSeededCloud>>;
let paidOrderId = '';
beforeAll(async () => {
  t = await startSeededCloud();
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const { order } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: 'admin-test-1', storeId: STORE, mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] });
  const { payment } = await t.ok(CONSUMER, 'pay', 'prepay', { orderId: order._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => (await t.ok(CONSUMER, 'order', 'detail', { orderId: order._id })).order.status === 'paid', 'paid');
  paidOrderId = order._id;
});
afterAll(async () => t.close());

test('a super admin sees every region: stores, orders and today’s GMV', async () => {
  const stores = await t.ok('demo-admin', 'admin', 'listStores', { limit: 100 });
  expect(stores.total).toBe(40);
  expect(new Set(stores.stores.map((s: any) => s.region)).size).toBeGreaterThan(1);
  const overview = await t.ok('demo-admin', 'admin', 'overview', { days: 7 });
  expect(overview.series).toHaveLength(7);
  // Expected figures straight from the database: paid orders whose payment falls in the last 7 Shanghai days.
  const since = dayjs().tz('Asia/Shanghai').startOf('day').subtract(6, 'day');
  const inWindow = t.cloud.db.find('orders', { query: { paidAt: { $gte: since.toISOString() } } }).filter((o: any) => o.status !== 'pending_payment');
  expect(inWindow.length).toBeGreaterThan(7); // the demo history plus this test's order
  expect(overview.totals).toMatchObject({
    orders: inWindow.length,
    gmvFen: inWindow.reduce((a: number, o: any) => a + o.totalFen, 0),
    activeUsers: new Set(inWindow.map((o: any) => o._openid)).size,
    stores: 40,
  });
  const paid = t.cloud.db.find('orders', { query: { _id: paidOrderId } })[0];
  expect(overview.series[6]).toMatchObject({ orders: 1, gmvFen: paid.totalFen });
  expect(overview.series.reduce((a: number, d: any) => a + d.orders, 0)).toBe(inWindow.length);
});

test('a regional manager sees only their region, and cannot ask for another', async () => {
  const stores = await t.ok('demo-region-jingan', 'admin', 'listStores', { limit: 100 });
  expect(stores.total).toBeGreaterThan(0);
  expect(stores.stores.every((s: any) => s.region === '静安区')).toBe(true);
  const orders = await t.ok('demo-region-jingan', 'admin', 'listOrders', {});
  expect(orders.orders.every((o: any) => o.region === '静安区')).toBe(true);
  expect(await t.call('demo-region-jingan', 'admin', 'listStores', { region: '徐汇区' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('consumers and merchants are refused with FORBIDDEN and a Chinese message', async () => {
  for (const who of [CONSUMER, MERCHANT]) {
    const r = await t.call(who, 'admin', 'overview', {});
    expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect((r as any).message).toMatch(/权限/);
  }
});
