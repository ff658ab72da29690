import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The other two fulfilment modes end to end, and the timer that completes orders nobody confirmed. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const order = (id: string) => t.doc('orders', id);
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
  expect(
    await t.call(CONSUMER, 'order', 'create', {
      idempotencyKey: key(),
      storeId: SALON,
      mode: 'booking',
      items: [{ productId: products[0]._id, quantity: 1 }],
      slot: { start: dayjs(start).add(30, 'minute').toISOString() },
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_SLOT' });

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

describe('a slot holds what its store is configured for', () => {
  const tomorrowAt = (hour: number) => dayjs().tz('Asia/Shanghai').add(1, 'day').hour(hour).minute(0).second(0).millisecond(0);
  const bookAll = async (n: number, start: string) => {
    const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: SALON });
    return Promise.all(
      Array.from({ length: n }, (_, i) =>
        t.call(`demo-consumer-${(i % 3) + 1}`, 'order', 'create', { idempotencyKey: key(), storeId: SALON, mode: 'booking', items: [{ productId: products[0]._id, quantity: 1 }], slot: { start } }),
      ),
    );
  };

  test('a store with capacity 3: three of four concurrent bookings get the new slot', async () => {
    await t.cloud.db.update('stores', { _id: SALON }, { $set: { bookingCapacity: 3 } });
    const start = tomorrowAt(14);
    const results = await bookAll(4, start.toISOString());
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok)).toEqual([expect.objectContaining({ code: 'SLOT_FULL' })]);
    expect(t.cloud.db.find('booking_slots', { query: { _id: `${SALON}_${start.format('YYYYMMDDHH')}` } })[0]).toMatchObject({ capacity: 3, booked: 3 });
  });

  test('a slot document set to capacity 1 takes one of two concurrent bookings, whatever the store says', async () => {
    const start = tomorrowAt(16);
    t.cloud.db.insert('booking_slots', [
      { _id: `${SALON}_${start.format('YYYYMMDDHH')}`, storeId: SALON, start: start.toISOString(), end: start.add(1, 'hour').toISOString(), capacity: 1, booked: 0 },
    ]);
    const results = await bookAll(2, start.toISOString());
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ code: 'SLOT_FULL' });
  });
});

test("verifyCode with the order the merchant opened: another order's code is refused, its own code hands it over", async () => {
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  const ready = async () => {
    const { order: o } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] });
    await pay(CONSUMER, o._id);
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: o._id });
    await t.ok(MERCHANT, 'merchantOrder', 'markReady', { orderId: o._id });
    return order(o._id);
  };
  const a = await ready();
  const b = await ready();
  expect(await t.call(MERCHANT, 'merchantOrder', 'verifyCode', { orderId: a._id, code: b.pickupCode })).toMatchObject({ ok: false, code: 'CODE_MISMATCH' });
  expect([order(a._id).status, order(b._id).status]).toEqual(['ready_for_pickup', 'ready_for_pickup']);
  expect(await t.call(SALON_STAFF, 'merchantOrder', 'verifyCode', { orderId: a._id, code: a.pickupCode })).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
  expect((await t.ok(MERCHANT, 'merchantOrder', 'verifyCode', { orderId: a._id, code: a.pickupCode })).order.status).toBe('picked_up');
  expect(await t.call(MERCHANT, 'merchantOrder', 'verifyCode', { orderId: a._id, code: a.pickupCode })).toMatchObject({ ok: false, code: 'CODE_INVALID' });
  expect(order(b._id).status).toBe('ready_for_pickup');
});
