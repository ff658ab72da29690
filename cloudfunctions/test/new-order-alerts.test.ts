import { randomUUID } from 'node:crypto';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/**
 * The merchant app's new-order alert: paying an order writes one message per person working at the order's store
 * (`_openid` theirs, so the notifications rule lets each of them watch their own), nobody else's; opening the
 * 新订单 tab (merchantOrder.seenNewOrders) marks only the caller's messages for that store read.
 */
type Harness = Awaited<ReturnType<typeof startSeededCloud>>;
let t: Harness;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t?.close());

const STORE_001_STAFF = ['demo-clerk-001', 'demo-merchant-001', 'demo-staff-multi'];
const staffAlerts = (query: Record<string, unknown>) => t.cloud.db.find('notifications', { query: { audience: 'staff', ...query } }) as any[];

async function paidOrder(storeId: string, productId: string) {
  const { order } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: `alerts-${randomUUID().slice(0, 12)}`, storeId, mode: 'pickup', items: [{ productId, quantity: 1 }] });
  const { payment } = await t.ok(CONSUMER, 'pay', 'prepay', { orderId: order._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('orders', order._id).status === 'paid', 'paid');
  await t.cloud.functions.drainTriggers();
  return t.doc('orders', order._id);
}

test("paying an order alerts each of its store's staff (owner and clerks), unread, and no one else", async () => {
  const order = await paidOrder(STORE, 'store-001-p001');
  const alerts = staffAlerts({ orderId: order._id });
  expect(alerts.map((a) => a._openid).sort()).toEqual(STORE_001_STAFF);
  for (const a of alerts) {
    expect(a).toMatchObject({ _id: `${a.eventId}:staff:${a._openid}`, storeId: STORE, event: 'pay', title: '新订单', read: false });
    expect(a.body).toContain(order.orderNo);
  }
  // store-002's owner works elsewhere; the buyer gets their own message, not the store's.
  expect(staffAlerts({ orderId: order._id, _openid: 'demo-merchant-002' })).toEqual([]);
  expect(staffAlerts({ orderId: order._id, _openid: CONSUMER })).toEqual([]);
  // Accepting is no new order: no further staff message.
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
  await t.cloud.functions.drainTriggers();
  expect(staffAlerts({ orderId: order._id })).toHaveLength(3);
});

test('another store’s order alerts that store’s staff only', async () => {
  const other = (t.cloud.db.find('stores', { query: {} }) as any[]).find((s) => s._id !== STORE && s.status === 'open' && s.modes.includes('pickup'))!;
  // Its own hours (a break after lunch, closed at night) would make the test depend on the hour it runs at.
  await t.cloud.db.update('stores', { _id: other._id }, { $set: { hours: t.doc('stores', STORE).hours }, $unset: { hourExceptions: '' } });
  const product = (t.cloud.db.find('products', { query: { storeId: other._id } }) as any[]).find((p) => p.onShelf !== false && (p.stock ?? 1) > 0 && !p.skus?.length && !p.specs?.length);
  const order = await paidOrder(other._id, product._id);
  const staff = (t.cloud.db.find('merchant_staff', { query: { storeId: other._id } }) as any[]).map((s) => s.userKey).sort();
  expect(staff.length).toBeGreaterThan(0);
  expect(
    staffAlerts({ orderId: order._id })
      .map((a) => a._openid)
      .sort(),
  ).toEqual(staff);
  for (const k of STORE_001_STAFF.filter((k) => !staff.includes(k))) expect(staffAlerts({ orderId: order._id, _openid: k })).toEqual([]);
});

test("opening the 新订单 tab marks the caller's alerts for that store seen, nobody else's", async () => {
  const order = await paidOrder(STORE, 'store-001-p001');
  const unread = (who: string) => staffAlerts({ _openid: who, storeId: STORE, read: false }).length;
  expect(unread('demo-clerk-001')).toBeGreaterThan(0);
  const before = unread(MERCHANT);
  const { seen } = await t.ok('demo-clerk-001', 'merchantOrder', 'seenNewOrders', {});
  expect(seen).toBeGreaterThan(0);
  expect(unread('demo-clerk-001')).toBe(0);
  expect(unread(MERCHANT)).toBe(before);
  expect(staffAlerts({ orderId: order._id, _openid: MERCHANT })[0].read).toBe(false);
  // Seen again: nothing left to mark.
  expect(await t.ok('demo-clerk-001', 'merchantOrder', 'seenNewOrders', {})).toEqual({ seen: 0 });
});
