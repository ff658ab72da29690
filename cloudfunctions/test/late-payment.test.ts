import { randomUUID } from 'node:crypto';
import { startSeededCloud, STORE, prepayIdOf, waitFor } from './harness';

/**
 * Money that reaches the gateway while the order is being cancelled: WeChat Pay keeps it unless the order is closed
 * there first, and its notification may come hours later. None of it may be kept, none refunded twice.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const USER = 'demo-consumer-3';
const PRODUCT = 'store-001-p002';
const key = () => `late-${randomUUID().slice(0, 12)}`;
const order = (id: string) => t.doc('orders', id);
const coupon = (id: string) => t.doc('user_coupons', id);
const stock = () => t.doc('products', PRODUCT).stock as number;

async function placeOrder(extra: Record<string, unknown> = {}) {
  const { order: o } = await t.ok(USER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 2 }], ...extra });
  const { payment } = await t.ok(USER, 'pay', 'prepay', { orderId: o._id });
  return { orderId: o._id as string, prepayId: prepayIdOf(payment.package), totalFen: o.totalFen as number };
}

test('cancelling an unpaid order closes it at the gateway, so the old payment parameters can no longer pay', async () => {
  const before = stock();
  const { orderId, prepayId } = await placeOrder();
  expect((await t.ok(USER, 'order', 'cancel', { orderId })).order.status).toBe('cancelled');
  expect(await t.sandbox('/pay', { prepayId })).toMatchObject({ code: 'ORDER_CLOSED' });
  expect(stock()).toBe(before);
  expect(t.count('payments', { orderId })).toBe(0);
});

test('cancelling an order the gateway already took money for (notification still on its way) records the payment and refunds it in full', async () => {
  const before = stock();
  const { orderId, prepayId, totalFen } = await placeOrder({ couponId: 'uc-3-1' });
  const paid = await t.sandbox('/pay', { prepayId, deliver: false });
  const reply = await t.ok(USER, 'order', 'cancel', { orderId });
  expect(['refunding', 'refunded']).toContain(reply.order.status);
  await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
  await t.sandbox('/redeliver', { id: paid.notification.id }); // the late notification changes nothing now
  expect(t.count('payments', { orderId })).toBe(1);
  expect(t.cloud.db.find('refunds', { query: { orderId } })).toEqual([expect.objectContaining({ amountFen: totalFen, status: 'succeeded' })]);
  expect(order(orderId).refundedFen).toBe(totalFen);
  expect(stock()).toBe(before);
  expect(coupon('uc-3-1')).toMatchObject({ status: 'available' });
  expect(coupon('uc-3-1').orderId).toBeUndefined();
});

test('expiry of an order that was paid at the gateway records the payment instead of cancelling', async () => {
  const { orderId, prepayId } = await placeOrder();
  await t.sandbox('/pay', { prepayId, deliver: false });
  await t.cloud.db.update('orders', { _id: orderId }, { $set: { payBefore: new Date(Date.now() - 1000).toISOString() } });
  await t.timer('expireUnpaid');
  expect(order(orderId).status).toBe('paid');
  expect(t.count('payments', { orderId })).toBe(1);
  expect(t.count('order_events', { orderId, event: 'expire' })).toBe(0);
});

test("a payment for an order that is already cancelled, redelivered 15 times at once: refunded in full once, and the coupon now locked by another order stays that order's", async () => {
  const first = await placeOrder({ couponId: 'uc-3-2' });
  const paid = await t.sandbox('/pay', { prepayId: first.prepayId, deliver: false });
  // The order was cancelled without the gateway hearing of it (as before orders were closed there, or after a crash),
  // and its coupon went back to the wallet, from where a second order locked it.
  await t.cloud.db.update('orders', { _id: first.orderId }, { $set: { status: 'cancelled', reservationsReleased: true } });
  await t.cloud.db.update('user_coupons', { _id: 'uc-3-2' }, { $set: { status: 'available' }, $unset: { orderId: '' } });
  const { order: second } = await t.ok(USER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 2 }], couponId: 'uc-3-2' });

  await Promise.all(Array.from({ length: 15 }, () => t.sandbox('/redeliver', { id: paid.notification.id })));
  await waitFor(async () => order(first.orderId).refundedFen === first.totalFen, 'late payment refunded', 200);
  expect(order(first.orderId).status).toBe('cancelled');
  expect(t.count('payments', { orderId: first.orderId })).toBe(1);
  expect(t.cloud.db.find('refunds', { query: { orderId: first.orderId } })).toEqual([expect.objectContaining({ amountFen: first.totalFen, status: 'succeeded' })]);
  expect(t.count('order_events', { orderId: first.orderId, event: 'latePaymentRefund' })).toBe(1);
  const outbox = await (await fetch(`${t.cloud.url}/sandbox/wechatpay/outbox?ref=RF${first.orderId}`)).json();
  expect(outbox.notifications).toHaveLength(1); // the gateway saw one refund
  expect(coupon('uc-3-2')).toMatchObject({ status: 'locked', orderId: second._id });
});

test('a payment for an unpaid order whose coupon record now belongs to another order pays the order but leaves that coupon alone', async () => {
  const { orderId, prepayId } = await placeOrder({ couponId: 'uc-3-1' });
  // Someone else's lock on the same coupon (e.g. a stale copy of the order still pointing at it).
  await t.cloud.db.update('user_coupons', { _id: 'uc-3-1' }, { $set: { orderId: 'DJ-another-order' } });
  await t.sandbox('/pay', { prepayId });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
  expect(coupon('uc-3-1')).toMatchObject({ status: 'locked', orderId: 'DJ-another-order' });
});

test('expiry while the gateway cannot be reached leaves the order and its stock for the next run', async () => {
  const down = await startSeededCloud({ WECHATPAY_API_BASE: 'http://127.0.0.1:9/v3-unreachable' });
  try {
    const { order: o } = await down.ok(USER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 1 }] });
    const held = down.cloud.db.find('products', { query: { _id: PRODUCT } })[0].stock;
    // It had a prepay before the gateway went away.
    await down.cloud.db.update('orders', { _id: o._id }, { $set: { prepayId: 'wx-unreachable', payBefore: new Date(Date.now() - 1000).toISOString() } });
    expect(await down.timer('expireUnpaid')).toMatchObject({ handled: 0 });
    expect(down.cloud.db.find('orders', { query: { _id: o._id } })[0].status).toBe('pending_payment');
    expect(down.cloud.db.find('products', { query: { _id: PRODUCT } })[0].stock).toBe(held);
    expect(await down.call(USER, 'order', 'cancel', { orderId: o._id })).toMatchObject({ ok: false });
    expect(down.cloud.db.find('orders', { query: { _id: o._id } })[0].status).toBe('pending_payment');
  } finally {
    await down.close();
  }
});
