import { randomUUID } from 'node:crypto';
import { startSeededCloud, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/**
 * CloudBase starts a timer run whether or not the last one has finished, so every job is invoked here four times at
 * once, directly (the local scheduler would join overlapping ticks into one run and hide a race).
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const USER = 'demo-consumer-1';
const PRODUCT = 'store-001-p002';
const key = () => `overlap-${randomUUID().slice(0, 12)}`;
const order = (id: string) => t.doc('orders', id);
const coupon = (id: string) => t.doc('user_coupons', id);
const stock = () => t.doc('products', PRODUCT).stock as number;
const overlapping = async (job: string) => {
  const runs = await Promise.all([1, 2, 3, 4].map(() => t.timer(job)));
  expect(runs.every((r) => r.job === job)).toBe(true);
};

async function placeOrder(extra: Record<string, unknown> = {}) {
  const { order: o } = await t.ok(USER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 2 }], ...extra });
  const { payment } = await t.ok(USER, 'pay', 'prepay', { orderId: o._id });
  return { orderId: o._id as string, prepayId: prepayIdOf(payment.package), totalFen: o.totalFen as number };
}

test('expireUnpaid ×4 at once: one cancel, stock and coupon given back once, the gateway order closed', async () => {
  const before = stock();
  const { orderId, prepayId } = await placeOrder({ couponId: 'uc-1-1' });
  await t.cloud.db.update('orders', { _id: orderId }, { $set: { payBefore: new Date(Date.now() - 1000).toISOString() } });
  await overlapping('expireUnpaid');
  expect(order(orderId).status).toBe('cancelled');
  expect(t.count('order_events', { orderId, event: 'expire' })).toBe(1);
  expect(stock()).toBe(before);
  expect(coupon('uc-1-1').status).toBe('available');
  expect(await t.sandbox('/pay', { prepayId })).toMatchObject({ code: 'ORDER_CLOSED' });
});

test('reconcile ×4 at once on a payment whose notification was lost: one payment, one pay event, coupon used', async () => {
  const { orderId, prepayId } = await placeOrder({ couponId: 'uc-1-1' });
  await t.sandbox('/pay', { prepayId, deliver: false });
  await overlapping('reconcile');
  expect(order(orderId).status).toBe('paid');
  expect(t.count('payments', { orderId })).toBe(1);
  expect(t.count('order_events', { orderId, event: 'pay' })).toBe(1);
  expect(coupon('uc-1-1')).toMatchObject({ status: 'used', orderId });
});

test('autoReject ×4 at once: one rejection, one refund at the gateway, stock given back once', async () => {
  const before = stock();
  const { orderId, prepayId, totalFen } = await placeOrder();
  await t.sandbox('/pay', { prepayId });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
  await t.cloud.db.update('orders', { _id: orderId }, { $set: { paidAt: new Date(Date.now() - 11 * 60_000).toISOString() } });
  await overlapping('autoReject');
  await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
  expect(t.count('order_events', { orderId, event: 'autoReject' })).toBe(1);
  expect(t.count('order_events', { orderId, event: 'startRefund' })).toBe(1);
  expect(t.cloud.db.find('refunds', { query: { orderId } })).toEqual([expect.objectContaining({ amountFen: totalFen, status: 'succeeded' })]);
  const outbox = await (await fetch(`${t.cloud.url}/sandbox/wechatpay/outbox?ref=RF${orderId}`)).json();
  expect(outbox.notifications).toHaveLength(1);
  expect(stock()).toBe(before);
});

test('autoComplete ×4 at once: completed once', async () => {
  const { orderId, prepayId } = await placeOrder();
  await t.sandbox('/pay', { prepayId });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId });
  await t.ok(MERCHANT, 'merchantOrder', 'markReady', { orderId });
  await t.ok(MERCHANT, 'merchantOrder', 'verifyCode', { orderId, code: order(orderId).pickupCode });
  await t.cloud.db.update('orders', { _id: orderId }, { $set: { updatedAt: new Date(Date.now() - 25 * 3600_000).toISOString() } });
  await overlapping('autoComplete');
  expect(order(orderId).status).toBe('completed');
  expect(t.count('order_events', { orderId, event: 'complete' })).toBe(1);
});
