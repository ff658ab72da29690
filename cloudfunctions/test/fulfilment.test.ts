import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The other two fulfilment modes end to end, and the timer that completes orders nobody confirmed. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => { t = await startSeededCloud(); });
afterAll(async () => t.close());

const order = (id: string) => t.cloud.db.find('orders', { query: { _id: id } })[0] as any;
const SALON = 'store-002';
const SALON_STAFF = 'demo-merchant-002';
let k = 0;
const key = () => `fulfil-${++k}-${Date.now()}`;

async function pay(user: string, orderId: string) {
  const { payment } = await t.ok(user, 'pay', 'prepay', { orderId });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
}

test('booking: a slot holds two; the third concurrent booking is told it is full; then confirm → check in with code → complete', async () => {
  const { store, products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: SALON });
  expect(store.modes).toEqual(['booking']);
  const start = dayjs().tz('Asia/Shanghai').add(1, 'day').hour(10).minute(0).second(0).millisecond(0).toISOString();
  const book = (user: string) => t.call(user, 'order', 'create', { idempotencyKey: key(), storeId: SALON, mode: 'booking', items: [{ productId: products[0]._id, quantity: 1 }], slot: { start } });
  const results = await Promise.all(['demo-consumer-1', 'demo-consumer-2', 'demo-consumer-3'].map(book));
  expect(results.filter((r) => r.ok)).toHaveLength(2);
  expect(results.find((r) => !r.ok)).toMatchObject({ code: 'SLOT_FULL' });
  const booked = (results.find((r) => r.ok) as any).data.order;
  expect(booked.slot.start).toBe(start);
  expect(await t.call(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: SALON, mode: 'booking', items: [{ productId: products[0]._id, quantity: 1 }], slot: { start: dayjs(start).add(30, 'minute').toISOString() } })).toMatchObject({ ok: false, code: 'INVALID_SLOT' });

  const user = booked._openid;
  await pay(user, booked._id);
  expect((await t.ok(SALON_STAFF, 'merchantOrder', 'accept', { orderId: booked._id })).order.status).toBe('confirmed');
  expect(await t.call(SALON_STAFF, 'merchantOrder', 'verifyCode', { code: '000000' === booked.pickupCode ? '111111' : '000000' })).toMatchObject({ ok: false, code: 'CODE_INVALID' });
  expect((await t.ok(SALON_STAFF, 'merchantOrder', 'verifyCode', { code: booked.pickupCode })).order.status).toBe('checked_in');
  expect((await t.ok(user, 'order', 'confirmReceipt', { orderId: booked._id })).order.status).toBe('completed');
  // Another store's staff cannot touch it.
  expect(await t.call(MERCHANT, 'merchantOrder', 'accept', { orderId: booked._id })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
});

test('delivery: accept → ready → hand over → delivered; the timer completes it after 24 h, once', async () => {
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const { order: o } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'delivery', items: [{ productId: products[0]._id, quantity: 1 }] });
  expect(o.address).toMatchObject({ contact: '张小明' });
  expect(o.breakdown.deliveryFen).toBeGreaterThan(0);
  await pay(CONSUMER, o._id);
  for (const step of ['accept', 'markReady', 'handOver', 'markDelivered']) await t.ok(MERCHANT, 'merchantOrder', step, { orderId: o._id });
  expect(order(o._id).status).toBe('delivered');
  await t.cloud.functions.fireTimer('orderTimers', 'autoComplete');
  expect(order(o._id).status).toBe('delivered'); // not yet 24 h
  await t.cloud.db.update('orders', { _id: o._id }, { $set: { updatedAt: dayjs().subtract(25, 'hour').toISOString() } });
  await t.cloud.functions.fireTimer('orderTimers', 'autoComplete');
  await t.cloud.functions.fireTimer('orderTimers', 'autoComplete');
  expect(order(o._id).status).toBe('completed');
  const events = t.cloud.db.find('order_events', { query: { orderId: o._id }, order: [['at', 1]] }).map((e: any) => e.to);
  expect(events).toEqual(['pending_payment', 'paid', 'accepted', 'ready', 'delivering', 'delivered', 'completed']);
});
