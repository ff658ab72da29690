import { adminOrderDetailOutput, merchantOrderDetailOutput, orderDetailOutput } from '@daojia/domain';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/** The timeline of one pickup order (paid, accepted, ready) as consumer, merchant and platform staff see it. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
let orderId = '';
let pickupCode = '';
let region = '';
beforeAll(async () => {
  t = await startSeededCloud();
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const { order } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: 'timeline-test-1', storeId: STORE, mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] });
  const { payment } = await t.ok(CONSUMER, 'pay', 'prepay', { orderId: order._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => (await t.ok(CONSUMER, 'order', 'detail', { orderId: order._id })).order.status === 'paid', 'paid');
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
  await t.ok(MERCHANT, 'merchantOrder', 'markReady', { orderId: order._id });
  ({ _id: orderId, pickupCode, region } = order);
});
afterAll(async () => t.close());

const EXPECTED = [
  { from: null, to: 'pending_payment', by: { role: 'consumer', id: CONSUMER } },
  { from: 'pending_payment', to: 'paid', by: { role: 'system' } },
  { from: 'paid', to: 'accepted', by: { role: 'merchant', id: MERCHANT }, reason: '商家接单' },
  { from: 'accepted', to: 'ready_for_pickup', by: { role: 'merchant', id: MERCHANT } },
];

test('merchant staff get their order with its whole timeline, and never the pickup code', async () => {
  const detail = await t.ok(MERCHANT, 'merchantOrder', 'detail', { orderId });
  merchantOrderDetailOutput.parse(detail);
  expect(detail.order).toMatchObject({ _id: orderId, status: 'ready_for_pickup' });
  expect(detail.events).toMatchObject(EXPECTED);
  expect(detail.events.every((e: any) => typeof e.at === 'string' && !Number.isNaN(Date.parse(e.at)))).toBe(true);
  expect(pickupCode).toMatch(/^\d{6}$/);
  expect(JSON.stringify(detail)).not.toContain(pickupCode);
  expect(detail.order.pickupCode).toBeUndefined();
});

test("another store's staff get ORDER_NOT_FOUND and a consumer FORBIDDEN", async () => {
  expect(await t.call('demo-merchant-002', 'merchantOrder', 'detail', { orderId })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
  const asConsumer = await t.call(CONSUMER, 'merchantOrder', 'detail', { orderId });
  expect(asConsumer).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((asConsumer as any).message).toMatch(/商家/);
});

test('the consumer sees the same timeline and keeps their code', async () => {
  const detail = await t.ok(CONSUMER, 'order', 'detail', { orderId });
  orderDetailOutput.parse(detail);
  expect(detail.events).toMatchObject(EXPECTED);
  expect(detail.order.pickupCode).toBe(pickupCode);
});

test('platform staff see the timeline within their scope only', async () => {
  const detail = await t.ok('demo-admin', 'admin', 'orderDetail', { orderId });
  adminOrderDetailOutput.parse(detail);
  expect(detail.events).toMatchObject(EXPECTED);
  expect(detail.order.pickupCode).toBeUndefined();
  expect(JSON.stringify(detail)).not.toContain(pickupCode);
  // The demo store is in 静安区; an order of the demo history from another region is out of the manager's scope.
  expect(region).toBe('静安区');
  expect((await t.ok('demo-region-jingan', 'admin', 'orderDetail', { orderId })).events).toHaveLength(EXPECTED.length);
  const elsewhere = t.cloud.db.find('orders', { query: { region: '黄浦区' } })[0];
  expect(await t.call('demo-region-jingan', 'admin', 'orderDetail', { orderId: elsewhere._id })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
  expect((await t.ok('demo-admin', 'admin', 'orderDetail', { orderId: elsewhere._id })).order.region).toBe('黄浦区');
  expect(await t.call(MERCHANT, 'admin', 'orderDetail', { orderId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});
