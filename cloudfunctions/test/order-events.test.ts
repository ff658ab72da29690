import { randomUUID } from 'node:crypto';
import { formatShanghai } from '@daojia/domain';
import type { Invocation } from '@daojia/local-cloud';
import { startSeededCloud, runTimer, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/**
 * Order events reach their subscribers (packages/modules/src/events) by two paths: the database trigger on
 * `order_events` inserts (local cloud) and the outbox timer (production). Each (event, subscriber) runs once, even
 * with both paths at once or an event delivered again; a failing subscriber is retried with backoff, ends failed
 * and shows in the dashboard, and the order moves regardless.
 */
type Harness = Awaited<ReturnType<typeof startSeededCloud>>;

const A = 'store-001-p001';
const outbox = (t: Harness) => runTimer(t.cloud, 'outbox', 'orderEvents');
const find = (t: Harness, collection: string, query: Record<string, unknown> = {}) => t.cloud.db.find(collection, { query }) as any[];
const eventsOf = (t: Harness, orderId: string) => t.cloud.db.find('order_events', { query: { orderId }, order: [['at', 1]] }) as any[];
const deliveriesOf = (t: Harness, orderId: string) => find(t, 'order_event_deliveries', { orderId });
const today = () => formatShanghai(new Date(), 'YYYY-MM-DD');

/** A pickup order of one product, paid through the WeChat Pay sandbox. */
async function paidOrder(t: Harness, user: string) {
  const r = await t.call(user, 'order', 'create', { idempotencyKey: `events-${randomUUID().slice(0, 12)}`, storeId: STORE, mode: 'pickup', items: [{ productId: A, quantity: 1 }] });
  if (!r.ok) throw new Error(`create: ${r.code} ${r.message}`);
  const orderId: string = r.data.order._id;
  const { payment } = await t.ok(user, 'pay', 'prepay', { orderId });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('orders', orderId).status === 'paid', 'paid');
  return t.doc('orders', orderId);
}

/** store-001's new-order messages: the store's own and one for each person working there (owner, clerk, the multi-store clerk). */
const NEW_ORDER = ['staff:demo-clerk-001:新订单', 'staff:demo-merchant-001:新订单', 'staff:demo-staff-multi:新订单', 'store:新订单'];

/** What the subscribers wrote for one order: messages, ledger entries and the user's statistics of the day. */
function written(t: Harness, order: { _id: string; _openid: string }) {
  const stats = find(t, 'risk_stats', { _id: `${order._openid}:${today()}` })[0];
  return {
    notifications: find(t, 'notifications', { orderId: order._id })
      .map((n) => (n.audience === 'staff' ? `staff:${n._openid}:${n.title}` : `${n.audience}:${n.title}`))
      .sort(),
    ledger: find(t, 'ledger_entries', { orderId: order._id }).map((e) => `${e.kind}:${e.amountFen}`),
    counted: (stats?.counted ?? []).filter((id: string) => eventsOf(t, order._id).some((e) => e._id === id)).length,
  };
}

/** Per event: which subscribers ran, with their status and attempts. */
const deliveryTable = (t: Harness, orderId: string) =>
  Object.fromEntries(
    eventsOf(t, orderId).map((e) => [
      e.event,
      Object.fromEntries(
        deliveriesOf(t, orderId)
          .filter((d) => d.eventId === e._id)
          .map((d) => [d.subscriber, `${d.status}/${d.attempts}`]),
      ),
    ]),
  );

describe('with the database trigger (local cloud)', () => {
  let t: Harness;
  const invocations: Invocation[] = [];
  beforeAll(async () => {
    t = await startSeededCloud({ ORDER_EVENT_RETRY_BASE_MS: '1000', ORDER_EVENT_MAX_ATTEMPTS: '3' });
    t.cloud.functions.onInvocation((inv) => invocations.push(inv));
  });
  afterAll(async () => t.close());

  test('each event reaches every interested subscriber once: holds consumed on accept, messages, ledger, statistics; the event carries its request id', async () => {
    const order = await paidOrder(t, 'demo-consumer-1');
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
    await t.cloud.functions.drainTriggers();

    expect(deliveryTable(t, order._id)).toEqual({
      create: { risk: 'done/1' },
      pay: { notifications: 'done/1', settlement: 'done/1', risk: 'done/1' },
      accept: { holds: 'done/1', notifications: 'done/1' },
    });
    for (const e of eventsOf(t, order._id)) {
      expect(e.dispatchedAt).toEqual(expect.any(String));
      expect(invocations.filter((i) => i.name === 'orderEvents' && i.kind === 'trigger' && (i.event as any).data.docId === e._id)).toHaveLength(1);
    }
    // Accepted: the stock stays taken, the hold leaves the product (the holds subscriber, no longer moveOrder).
    expect(t.doc('products', A).holds ?? []).not.toContain(order.holdId);
    expect(written(t, order)).toEqual({
      notifications: ['consumer:商家已接单', 'consumer:支付成功', ...NEW_ORDER],
      ledger: [`payment_in:${order.totalFen}`],
      counted: 2,
    });
    expect(find(t, 'notifications', { orderId: order._id, audience: 'consumer' }).every((n) => n._openid === order._openid)).toBe(true);
    // The accept's event names the request that made it, and so does each delivery it caused.
    const accept = invocations.find((i) => i.name === 'merchantOrder' && (i.event as any).action === 'accept')!;
    const acceptEvent = eventsOf(t, order._id).find((e) => e.event === 'accept');
    expect(acceptEvent.requestId).toBe(accept.id);
    expect(
      deliveriesOf(t, order._id)
        .filter((d) => d.eventId === acceptEvent._id)
        .map((d) => d.requestId),
    ).toEqual([accept.id, accept.id]);
  });

  test('an event delivered again (its deliveries lost, the outbox runs it anew) writes nothing twice', async () => {
    const order = await paidOrder(t, 'demo-consumer-1');
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
    await t.cloud.functions.drainTriggers();
    const first = written(t, order);
    const stats = find(t, 'risk_stats', { _id: `${order._openid}:${today()}` })[0];

    for (const e of eventsOf(t, order._id)) t.cloud.db.update('order_events', { _id: e._id }, { $unset: { dispatchedAt: '' } });
    t.cloud.db.remove('order_event_deliveries', { orderId: order._id }, { multi: true });
    expect((await outbox(t)).handled).toBeGreaterThanOrEqual(3);
    expect(deliveryTable(t, order._id)).toEqual({
      create: { risk: 'done/1' },
      pay: { notifications: 'done/1', settlement: 'done/1', risk: 'done/1' },
      accept: { holds: 'done/1', notifications: 'done/1' },
    });
    expect(written(t, order)).toEqual(first);
    const again = find(t, 'risk_stats', { _id: `${order._openid}:${today()}` })[0];
    expect({ paid: again.paid, placed: again.placed, paidFen: again.paidFen }).toEqual({ paid: stats.paid, placed: stats.placed, paidFen: stats.paidFen });
  });

  test('a failing subscriber is retried with a doubling wait, ends failed after the last attempt and shows in the dashboard; the order moves on regardless, and "retry now" delivers it once fixed', async () => {
    const user = 'demo-consumer-3';
    // A statistics row a bad migration broke: the risk subscriber's update fails on it, every time.
    const rowId = `${user}:${today()}`;
    t.cloud.db.insert('risk_stats', [
      {
        _id: rowId,
        userKey: user,
        day: today(),
        placed: 0,
        paid: 'broken',
        cancelled: 0,
        refundRequested: 0,
        refunded: 0,
        paidFen: 0,
        refundedFen: 0,
        counted: [],
        updatedAt: new Date().toISOString(),
      },
    ]);
    const order = await paidOrder(t, user);
    await t.cloud.functions.drainTriggers();
    const pay = eventsOf(t, order._id).find((e) => e.event === 'pay');
    const risk = () => t.doc('order_event_deliveries', `${pay._id}:risk`);
    expect(risk()).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringContaining('non-numeric') });
    expect(Date.parse(risk().nextAttemptAt) - Date.parse(risk().updatedAt)).toBeGreaterThanOrEqual(990);
    // Not due yet: an outbox run leaves it alone.
    await outbox(t);
    expect(risk()).toMatchObject({ status: 'pending', attempts: 1 });
    await new Promise((r) => setTimeout(r, 1050));
    await outbox(t);
    expect(risk()).toMatchObject({ status: 'pending', attempts: 2 });
    const wait = Date.parse(risk().nextAttemptAt) - Date.parse(risk().updatedAt);
    expect(wait).toBeGreaterThanOrEqual(1990);
    expect(wait).toBeLessThan(2500);
    // The order is not held up: the store accepts it meanwhile, and that event is delivered as usual.
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
    await t.cloud.functions.drainTriggers();
    expect(t.doc('orders', order._id).status).toBe('accepted');
    await new Promise((r) => setTimeout(r, 2050));
    await outbox(t);
    expect(risk()).toMatchObject({ status: 'failed', attempts: 3 });
    await outbox(t);
    expect(risk()).toMatchObject({ status: 'failed', attempts: 3 });
    expect(deliveryTable(t, order._id)).toEqual({
      create: { risk: 'done/1' },
      pay: { notifications: 'done/1', settlement: 'done/1', risk: 'failed/3' },
      accept: { holds: 'done/1', notifications: 'done/1' },
    });
    // Nothing left that would succeed: the event is dispatched, the outbox scan no longer reads it.
    expect(t.doc('order_events', pay._id).dispatchedAt).toEqual(expect.any(String));

    const board = await (await fetch(`${t.cloud.url}/dashboard/api/order-events`)).json();
    expect(board.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ _id: `${pay._id}:risk`, status: 'failed', attempts: 3, orderId: order._id, subscriber: 'risk', lastError: expect.stringContaining('non-numeric') }),
      ]),
    );
    expect(board.counts.failed).toBeGreaterThanOrEqual(1);

    t.cloud.db.update('risk_stats', { _id: rowId }, { $set: { paid: 0 } });
    const retried = await (
      await fetch(`${t.cloud.url}/dashboard/api/order-events/retry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: `${pay._id}:risk` }) })
    ).json();
    expect(retried.delivery).toMatchObject({ status: 'done', attempts: 4 });
    expect(t.doc('risk_stats', rowId)).toMatchObject({ paid: 1, paidFen: order.totalFen });
    expect(t.doc('order_events', pay._id).dispatchedAt).toEqual(expect.any(String));
    const after = await (await fetch(`${t.cloud.url}/dashboard/api/order-events`)).json();
    expect(after.deliveries.map((d: any) => d._id)).not.toContain(`${pay._id}:risk`);
  });

  test('no client may start orderEvents, as its timer or as its trigger', async () => {
    const order = await paidOrder(t, 'demo-consumer-1');
    await t.cloud.functions.drainTriggers();
    const pay = eventsOf(t, order._id).find((e) => e.event === 'pay');
    t.cloud.db.update('order_events', { _id: pay._id }, { $unset: { dispatchedAt: '' } });
    t.cloud.db.remove('order_event_deliveries', { eventId: pay._id }, { multi: true });
    const timer = { Type: 'Timer', TriggerName: 'outbox', Time: new Date().toISOString(), Message: '' };
    const trigger = {
      specversion: '1.0',
      id: randomUUID(),
      type: 'com.tcb.database.insert',
      source: 'tcb/database/order_events',
      time: new Date().toISOString(),
      data: { collection: 'order_events', docId: pay._id, doc: pay, dataType: 'insert', updatedFields: {}, removedFields: [] },
    };
    for (const user of [
      { uid: 'demo-consumer-1', customUserId: 'demo-consumer-1' },
      { uid: 'anon-1', isAnonymous: true },
      { openId: 'o-events-wechat', appId: 'wx-demo' },
    ]) {
      for (const event of [timer, trigger]) expect(await t.cloud.functions.invoke('orderEvents', event, user)).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    }
    // A server-side call that is neither its timer nor an order_events insert is refused too.
    expect(await t.cloud.functions.invoke('orderEvents', { action: 'outbox' }, { source: 'scf' })).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    expect(await t.cloud.functions.invoke('orderEvents', { ...trigger, data: { ...trigger.data, collection: 'orders' } }, { source: 'scf' })).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
    expect(find(t, 'order_event_deliveries', { eventId: pay._id })).toEqual([]);
  });
});

describe('without a database trigger (production CloudBase): the outbox timer', () => {
  let t: Harness;
  beforeAll(async () => {
    t = await startSeededCloud({}, { triggers: false });
  });
  afterAll(async () => t.close());

  test('delivers the events no trigger ran, holds included; a second run finds nothing left', async () => {
    const order = await paidOrder(t, 'demo-consumer-1');
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
    expect(deliveriesOf(t, order._id)).toEqual([]);
    expect(t.doc('products', A).holds).toContain(order.holdId); // not consumed until the subscriber runs
    expect(eventsOf(t, order._id).map((e) => e.dispatchedAt)).toEqual([undefined, undefined, undefined]);

    expect((await outbox(t)).handled).toBeGreaterThanOrEqual(3);
    expect(deliveryTable(t, order._id)).toEqual({
      create: { risk: 'done/1' },
      pay: { notifications: 'done/1', settlement: 'done/1', risk: 'done/1' },
      accept: { holds: 'done/1', notifications: 'done/1' },
    });
    expect(t.doc('products', A).holds ?? []).not.toContain(order.holdId);
    expect(written(t, order)).toEqual({ notifications: ['consumer:商家已接单', 'consumer:支付成功', ...NEW_ORDER], ledger: [`payment_in:${order.totalFen}`], counted: 2 });
    expect(await outbox(t)).toEqual({ job: 'outbox', handled: 0 });
  });

  test('the trigger and the outbox at once, each twice over: every subscriber still runs once per event', async () => {
    const order = await paidOrder(t, 'demo-consumer-2');
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
    const triggerOf = (e: any) => ({
      specversion: '1.0',
      id: randomUUID(),
      type: 'com.tcb.database.insert',
      source: 'tcb/database/order_events',
      time: new Date().toISOString(),
      data: { collection: 'order_events', docId: e._id, doc: e, dataType: 'insert', updatedFields: {}, removedFields: [] },
    });
    const triggers = eventsOf(t, order._id).flatMap((e) => [1, 2].map(() => t.cloud.functions.invoke('orderEvents', triggerOf(e), { source: 'database_trigger' }, 'trigger')));
    await Promise.all([...triggers, outbox(t), outbox(t), outbox(t)]);
    expect(deliveryTable(t, order._id)).toEqual({
      create: { risk: 'done/1' },
      pay: { notifications: 'done/1', settlement: 'done/1', risk: 'done/1' },
      accept: { holds: 'done/1', notifications: 'done/1' },
    });
    expect(written(t, order)).toEqual({ notifications: ['consumer:商家已接单', 'consumer:支付成功', ...NEW_ORDER], ledger: [`payment_in:${order.totalFen}`], counted: 2 });
    const stats = find(t, 'risk_stats', { _id: `${order._openid}:${today()}` })[0];
    expect(stats).toMatchObject({ placed: 1, paid: 1, paidFen: order.totalFen });
  });

  test('a delivery whose runner died is taken over once its lease has run out, not before', async () => {
    const order = await paidOrder(t, 'demo-consumer-3');
    const [create, pay] = eventsOf(t, order._id);
    const claim = (eventId: string, subscriber: string, leaseUntil: number) => ({
      _id: `${eventId}:${subscriber}`,
      eventId,
      orderId: order._id,
      event: subscriber === 'risk' && eventId === create._id ? 'create' : 'pay',
      subscriber,
      status: 'running',
      attempts: 1,
      leaseUntil: new Date(leaseUntil).toISOString(),
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    });
    t.cloud.db.insert('order_event_deliveries', [claim(create._id, 'risk', Date.now() - 1000), claim(pay._id, 'settlement', Date.now() + 60_000)]);
    await outbox(t);
    expect(deliveryTable(t, order._id)).toEqual({
      create: { risk: 'done/2' },
      pay: { notifications: 'done/1', settlement: 'running/1', risk: 'done/1' },
    });
    // Still held by its (live) runner: the event waits for it and stays in the outbox scan.
    expect(t.doc('order_events', pay._id).dispatchedAt).toBeUndefined();
    expect(t.doc('order_events', create._id).dispatchedAt).toEqual(expect.any(String));
    expect(find(t, 'ledger_entries', { orderId: order._id })).toEqual([]);
  });

  test('a refund books money out once and tells the buyer', async () => {
    const order = await paidOrder(t, 'demo-consumer-1');
    await t.ok(MERCHANT, 'merchantOrder', 'reject', { orderId: order._id, reason: '打烊了' });
    await waitFor(async () => t.doc('orders', order._id).status === 'refunded', 'refunded', 200);
    await outbox(t);
    await outbox(t);
    expect(
      find(t, 'ledger_entries', { orderId: order._id })
        .map((e) => `${e.kind}:${e.amountFen}`)
        .sort(),
    ).toEqual([`payment_in:${order.totalFen}`, `refund_out:${order.totalFen}`].sort());
    expect(find(t, 'notifications', { orderId: order._id, audience: 'consumer' }).map((n) => n.title)).toEqual(expect.arrayContaining(['商家已拒单', '退款成功']));
  });
});
