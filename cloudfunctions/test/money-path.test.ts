import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { startSeededCloud, sandboxKeys, signedNotification, postNotification, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor, type NotificationTweak } from './harness';

/** The money path under the failures O2O platforms actually meet: overselling, lost and replayed callbacks, forgeries. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const PRODUCT = 'store-001-p002';
let n = 0;
const key = () => `money-${++n}-${randomUUID().slice(0, 8)}`;
const order = (id: string) => t.doc('orders', id);
const payments = (orderId: string) => t.cloud.db.find('payments', { query: { orderId } });
const events = (orderId: string, event?: string) => t.cloud.db.find('order_events', { query: { orderId, ...(event ? { event } : {}) } });

async function placeOrder(user = CONSUMER, extra: Record<string, unknown> = {}) {
  const { order: o } = await t.ok(user, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 1 }], ...extra });
  const { payment } = await t.ok(user, 'pay', 'prepay', { orderId: o._id });
  return { orderId: o._id as string, prepayId: prepayIdOf(payment.package), totalFen: o.totalFen as number };
}

test('200 concurrent orders against stock 20: exactly 20 succeed, stock ends at 0, the rest are told it is sold out', async () => {
  await t.cloud.db.update('products', { _id: PRODUCT }, { $set: { stock: 20 } });
  const results = await Promise.all(
    Array.from({ length: 200 }, (_, i) =>
      t.call(`demo-consumer-${(i % 3) + 1}`, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 1 }] }),
    ),
  );
  const ok = results.filter((r) => r.ok);
  const refused = results.filter((r) => !r.ok) as { code: string; message: string }[];
  expect(ok).toHaveLength(20);
  expect(refused).toHaveLength(180);
  expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['OUT_OF_STOCK']));
  expect(refused.every((r) => /售罄|库存不足/.test(r.message))).toBe(true);
  expect(t.cloud.db.find('products', { query: { _id: PRODUCT } })[0].stock).toBe(0);
  await t.cloud.db.update('products', { _id: PRODUCT }, { $set: { stock: 500 } });
});

test('a coupon used by two concurrent orders goes to exactly one of them', async () => {
  const req = () => t.call(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 3 }], couponId: 'uc-1-1' });
  const [a, b] = await Promise.all([req(), req()]);
  const winners = [a, b].filter((r) => r.ok);
  expect(winners).toHaveLength(1);
  expect([a, b].find((r) => !r.ok)).toMatchObject({ code: 'COUPON_UNAVAILABLE' });
  const won = (winners[0] as any).data.order;
  expect(won.breakdown.discounts.some((d: any) => d.kind === 'coupon')).toBe(true);
  expect(t.cloud.db.find('user_coupons', { query: { _id: 'uc-1-1' } })[0]).toMatchObject({ status: 'locked', orderId: won._id });
});

test('the payment notification replayed 15 times, concurrently and out of order with the refund notification: one payment, final state refunded', async () => {
  const { orderId, prepayId } = await placeOrder();
  const paid = await t.sandbox('/pay', { prepayId });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
  await t.ok(MERCHANT, 'merchantOrder', 'reject', { orderId, reason: '食材售罄' });
  const refundNote = await waitFor(async () => {
    const outbox = await (await fetch(`${t.cloud.url}/sandbox/wechatpay/outbox?ref=RF${orderId}`)).json();
    return (outbox.notifications ?? outbox).find?.((x: any) => x.state === 'delivered');
  }, 'refund notification delivered');
  await waitFor(async () => order(orderId).status === 'refunded', 'refunded');
  const payId = paid.notification.id;
  const replays = [...Array.from({ length: 15 }, () => t.sandbox('/redeliver', { id: payId })), t.sandbox('/redeliver', { id: refundNote.id })].sort(() => Math.random() - 0.5);
  await Promise.all(replays);
  await t.cloud.functions.drainTriggers();
  expect(payments(orderId)).toHaveLength(1);
  expect(order(orderId).status).toBe('refunded');
  expect(events(orderId, 'pay')).toHaveLength(1);
  expect(events(orderId, 'refundSucceeded')).toHaveLength(1);
});

describe('notifications that must be refused change nothing', () => {
  function notification(o: { orderId: string; totalFen: number }, tweak: NotificationTweak & { total?: number } = {}) {
    const k = sandboxKeys(t.cloud);
    const transaction = {
      appid: k.appid,
      mchid: k.mchid,
      out_trade_no: o.orderId,
      transaction_id: '4200000000000000000000000001',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: new Date().toISOString(),
      payer: { openid: CONSUMER },
      amount: { total: tweak.total ?? o.totalFen, payer_total: tweak.total ?? o.totalFen, currency: 'CNY', payer_currency: 'CNY' },
    };
    return signedNotification(t.cloud, { type: 'TRANSACTION.SUCCESS', summary: '支付成功', originalType: 'transaction', resource: transaction }, tweak);
  }

  const post = (n: { body: string; headers: Record<string, string> }) => postNotification(t.cloud, 'payNotify', n);
  const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  test.each([
    ['a forged signature', { signWith: stranger }],
    ['an unknown serial', { serial: 'PUB_KEY_ID_0000000000000000000000000000' }],
    ['a timestamp older than 5 minutes', { now: new Date(Date.now() - 6 * 60_000) }],
    [
      'tampered ciphertext',
      {
        body: (b: any) => {
          b.resource.ciphertext = flip(b.resource.ciphertext, 10);
        },
      },
    ],
    [
      'a tampered GCM tag',
      {
        body: (b: any) => {
          const c = b.resource.ciphertext;
          b.resource.ciphertext = flip(c, c.length - 6);
        },
      },
    ],
    ['an amount that differs from the order', { total: 1 }],
  ])('%s → FAIL, order unpaid, no payment recorded', async (_name, tweak) => {
    const o = await placeOrder();
    const res = await post(notification(o, tweak as any));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'FAIL' });
    expect(order(o.orderId).status).toBe('pending_payment');
    expect(payments(o.orderId)).toHaveLength(0);
  });

  test('the same notification, correctly signed, is accepted (the test builds real notifications)', async () => {
    const o = await placeOrder();
    await t.sandbox('/pay', { prepayId: o.prepayId, deliver: false });
    const res = await post(notification(o));
    expect(res.status).toBe(204);
    expect(order(o.orderId).status).toBe('paid');
  });
});

test('a notification that never arrives: reconciliation (default settings) finds the payment by query and marks the order paid', async () => {
  const { orderId, prepayId } = await placeOrder();
  await t.sandbox('/pay', { prepayId, deliver: false });
  expect(order(orderId).status).toBe('pending_payment');
  await t.cloud.functions.fireTimer('orderTimers', 'reconcile');
  expect(order(orderId).status).toBe('paid');
  expect(payments(orderId)).toHaveLength(1);
  expect(events(orderId, 'pay')[0].by).toEqual({ role: 'system', id: 'wechatpay' });
});

test('an unpaid order past its deadline is cancelled and gives its stock and coupon back', async () => {
  const stock = () => t.doc('products', PRODUCT).stock as number;
  const before = stock();
  const { order: o } = await t.ok('demo-consumer-3', 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 2 }], couponId: 'uc-3-2' });
  expect(stock()).toBe(before - 2);
  await t.cloud.db.update('orders', { _id: o._id }, { $set: { payBefore: new Date(Date.now() - 1000).toISOString() } });
  await t.cloud.functions.fireTimer('orderTimers', 'expireUnpaid');
  expect(order(o._id).status).toBe('cancelled');
  expect(stock()).toBe(before);
  expect(t.cloud.db.find('user_coupons', { query: { _id: 'uc-3-2' } })[0].status).toBe('available');
  await t.cloud.functions.fireTimer('orderTimers', 'expireUnpaid'); // a second run changes nothing
  expect(stock()).toBe(before);
  expect(events(o._id, 'expire')).toHaveLength(1);
});

test('a paid order the merchant ignores is auto-rejected and refunded in full', async () => {
  const { orderId, prepayId } = await placeOrder('demo-consumer-2');
  await t.sandbox('/pay', { prepayId });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
  await t.cloud.db.update('orders', { _id: orderId }, { $set: { paidAt: new Date(Date.now() - 11 * 60_000).toISOString() } });
  await t.cloud.functions.fireTimer('orderTimers', 'autoReject');
  await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
  expect(order(orderId)).toMatchObject({ rejectReason: '商家超时未接单', refundedFen: order(orderId).totalFen });
});

test("a partial refund after pickup returns only the asked units' share and ends the order as refunded", async () => {
  const { orderId, prepayId } = await placeOrder('demo-consumer-3', { items: [{ productId: PRODUCT, quantity: 2 }] });
  await t.sandbox('/pay', { prepayId });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId });
  await t.ok(MERCHANT, 'merchantOrder', 'markReady', { orderId });
  await t.ok(MERCHANT, 'merchantOrder', 'verifyCode', { code: order(orderId).pickupCode });
  expect(order(orderId).status).toBe('picked_up');
  expect(await t.call('demo-consumer-3', 'order', 'requestRefund', { orderId, reason: '少了一份', items: [{ line: 0, quantity: 3 }] })).toMatchObject({ ok: false, code: 'REFUND_TOO_LARGE' });
  await t.ok('demo-consumer-3', 'order', 'requestRefund', { orderId, reason: '少了一份', items: [{ line: 0, quantity: 1 }] });
  await t.ok(MERCHANT, 'merchantOrder', 'approveRefund', { orderId });
  await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
  const share = Math.floor(order(orderId).items[0].payableFen / 2);
  expect(order(orderId).refundedFen).toBe(share);
  const refunds = t.cloud.db.find('refunds', { query: { orderId } });
  expect(refunds).toEqual([expect.objectContaining({ amountFen: share, status: 'succeeded' })]);
});

test('a declined refund returns the order to where it was', async () => {
  const { orderId, prepayId } = await placeOrder('demo-consumer-3');
  await t.sandbox('/pay', { prepayId });
  await waitFor(async () => order(orderId).status === 'paid', 'paid');
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId });
  await t.ok('demo-consumer-3', 'order', 'requestRefund', { orderId, reason: '不想要了' });
  await t.ok(MERCHANT, 'merchantOrder', 'declineRefund', { orderId, reason: '已开始制作' });
  expect(order(orderId).status).toBe('accepted');
  expect(t.cloud.db.find('refunds', { query: { orderId } })).toHaveLength(0);
});
