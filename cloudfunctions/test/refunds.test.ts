import { randomUUID } from 'node:crypto';
import { startSeededCloud, sandboxKeys, signedNotification, postNotification, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/** Refunds: what a full refund gives back, a refund a crash never started, and refund notifications that do not fit. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const USER = 'demo-consumer-1';
const PRODUCT = 'store-001-p002';
const COUPON = 'uc-1-2';
const key = () => `refund-${randomUUID().slice(0, 12)}`;
const order = (id: string) => t.doc('orders', id);
const coupon = () => t.doc('user_coupons', COUPON);
const stock = () => t.doc('products', PRODUCT).stock as number;

async function paidOrder(extra: Record<string, unknown> = {}) {
  const { order: o } = await t.ok(USER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 2 }], ...extra });
  const { payment } = await t.ok(USER, 'pay', 'prepay', { orderId: o._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => order(o._id).status === 'paid', 'paid');
  return { orderId: o._id as string, totalFen: o.totalFen as number };
}

describe('a full refund before the order is fulfilled gives the coupon back (as Meituan does); a partial one does not', () => {
  // One coupon through every path in turn: each path can only use it if the one before gave it back.
  test.each([
    [
      'the customer cancels before the store accepts',
      async (orderId: string) => {
        await t.ok(USER, 'order', 'cancel', { orderId });
      },
    ],
    [
      'the store rejects',
      async (orderId: string) => {
        await t.ok(MERCHANT, 'merchantOrder', 'reject', { orderId, reason: '食材售罄' });
      },
    ],
    [
      'the store never answers (auto-reject)',
      async (orderId: string) => {
        await t.cloud.db.update('orders', { _id: orderId }, { $set: { paidAt: new Date(Date.now() - 11 * 60_000).toISOString() } });
        await t.timer('autoReject');
      },
    ],
    [
      'a full refund is approved after acceptance',
      async (orderId: string) => {
        await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId });
        await t.ok(USER, 'order', 'requestRefund', { orderId, reason: '不想要了' });
        await t.ok(MERCHANT, 'merchantOrder', 'approveRefund', { orderId });
      },
    ],
  ])('%s', async (_name, refundIt) => {
    const { orderId, totalFen } = await paidOrder({ couponId: COUPON });
    expect(coupon()).toMatchObject({ status: 'used', orderId });
    await refundIt(orderId);
    await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
    expect(order(orderId).refundedFen).toBe(totalFen);
    // Every path records the whole order's lines as refunded (the fees went back with them).
    expect(order(orderId).refundedLines).toEqual(order(orderId).items.map((l: any, line: number) => ({ line, quantity: l.quantity, amountFen: l.payableFen })));
    expect(coupon().status).toBe('available');
    expect(coupon().orderId).toBeUndefined();
  });

  test('a partial refund keeps the coupon used', async () => {
    const { orderId } = await paidOrder({ couponId: COUPON });
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId });
    await t.ok(USER, 'order', 'requestRefund', { orderId, reason: '少了一份', items: [{ line: 0, quantity: 1 }] });
    await t.ok(MERCHANT, 'merchantOrder', 'approveRefund', { orderId });
    await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
    // One of the line's two units: half its payable amount (subtotal minus its share of 满减 and the coupon), rounded down.
    const line = order(orderId).items[0];
    expect(line.payableFen).toBeLessThan(line.subtotalFen);
    expect(order(orderId).refundedFen).toBe(Math.floor(line.payableFen / 2));
    expect(coupon()).toMatchObject({ status: 'used', orderId });
  });
});

describe('partial refunds are computed per line', () => {
  const OTHER = 'store-001-p001';
  async function twoLines() {
    const { order: o } = await t.ok(USER, 'order', 'create', {
      idempotencyKey: key(),
      storeId: STORE,
      mode: 'pickup',
      items: [
        { productId: PRODUCT, quantity: 2 },
        { productId: OTHER, quantity: 1 },
      ],
    });
    const { payment } = await t.ok(USER, 'pay', 'prepay', { orderId: o._id });
    await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
    await waitFor(async () => order(o._id).status === 'paid', 'paid');
    await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: o._id });
    return o._id as string;
  }

  test("the stored order carries each line's share of every discount; lines plus fees are what was paid", async () => {
    const stored = order(await twoLines());
    const { breakdown: b, items } = stored;
    expect(b.discounts.length).toBeGreaterThan(0);
    for (const d of b.discounts) expect(items.reduce((a: number, l: any) => a + (l.discounts.find((x: any) => x.kind === d.kind)?.amountFen ?? 0), 0)).toBe(d.amountFen);
    expect(items.reduce((a: number, l: any) => a + l.payableFen, 0) + b.packagingFen + b.deliveryFen).toBe(stored.totalFen);
  });

  test("refunding one line returns exactly that line's payable amount and records it; the same line cannot be refunded again", async () => {
    const orderId = await twoLines();
    const line = order(orderId).items[1];
    await t.ok(USER, 'order', 'requestRefund', { orderId, reason: '牛肉面没送到', items: [{ line: 1, quantity: 1 }] });
    expect(order(orderId)).toMatchObject({ status: 'refund_requested', refundRequestedFen: line.payableFen, refundRequestedLines: [{ line: 1, quantity: 1, amountFen: line.payableFen }] });
    await t.ok(MERCHANT, 'merchantOrder', 'approveRefund', { orderId });
    await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
    expect(order(orderId)).toMatchObject({ refundedFen: line.payableFen, refundedLines: [{ line: 1, quantity: 1, amountFen: line.payableFen }] });
    expect(t.cloud.db.find('refunds', { query: { orderId } })).toEqual([
      expect.objectContaining({ amountFen: line.payableFen, lines: [{ line: 1, quantity: 1, amountFen: line.payableFen }], status: 'succeeded' }),
    ]);
    // A partial refund ends the order (the machine), and its lines are recorded as refunded (the ledger).
    expect(await t.call(USER, 'order', 'requestRefund', { orderId, reason: '再退一次', items: [{ line: 1, quantity: 1 }] })).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
    expect(t.cloud.db.find('refunds', { query: { orderId } })).toHaveLength(1);
  });

  test('a request is refused when it names a line the order lacks, more units than the line has, or an amount', async () => {
    const orderId = await twoLines();
    expect(await t.call(USER, 'order', 'requestRefund', { orderId, reason: '少了', items: [{ line: 2, quantity: 1 }] })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '订单没有第 3 件商品',
    });
    expect(await t.call(USER, 'order', 'requestRefund', { orderId, reason: '少了', items: [{ line: 0, quantity: 3 }] })).toMatchObject({ ok: false, code: 'REFUND_TOO_LARGE' });
    expect(await t.call(USER, 'order', 'requestRefund', { orderId, reason: '少了', items: [{ line: -1, quantity: 1 }] })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: expect.stringContaining('第1件商品的商品序号'),
    });
    const smuggled = await t.call(USER, 'order', 'requestRefund', { orderId, reason: '少了', amountFen: 100 });
    expect(smuggled).toMatchObject({ ok: false, code: 'INVALID_INPUT', message: expect.stringContaining('amountFen') });
    expect(order(orderId)).toMatchObject({ status: 'accepted' });
    expect(order(orderId).refundRequestedFen).toBeUndefined();
  });

  test('selecting every line in full is the whole order: everything paid goes back, as with no items', async () => {
    const orderId = await twoLines();
    await t.ok(USER, 'order', 'requestRefund', {
      orderId,
      reason: '都不要了',
      items: [
        { line: 0, quantity: 2 },
        { line: 1, quantity: 1 },
      ],
    });
    await t.ok(MERCHANT, 'merchantOrder', 'approveRefund', { orderId });
    await waitFor(async () => order(orderId).status === 'refunded', 'refunded', 200);
    expect(order(orderId).refundedFen).toBe(order(orderId).totalFen);
    expect(order(orderId).refundedLines).toEqual([
      { line: 0, quantity: 2, amountFen: order(orderId).items[0].payableFen },
      { line: 1, quantity: 1, amountFen: order(orderId).items[1].payableFen },
    ]);
  });
});

test('an order rejected by a call that died before starting the refund is refunded by reconciliation, once, even by overlapping runs', async () => {
  const before = stock();
  const { orderId, totalFen } = await paidOrder();
  expect(stock()).toBe(before - 2);
  // What the reject call left behind when it died right after moving the order.
  await t.cloud.db.update('orders', { _id: orderId }, { $set: { status: 'rejected', rejectReason: '打烊了' } });
  await Promise.all([1, 2, 3, 4].map(() => t.timer('reconcile')));
  // The move and its timeline entry are two writes: wait for the entry, then check nothing happened twice.
  await waitFor(async () => order(orderId).status === 'refunded' && t.count('order_events', { orderId, event: 'refundSucceeded' }) > 0, 'refunded with its event', 200);
  expect(t.cloud.db.find('refunds', { query: { orderId } })).toEqual([expect.objectContaining({ _id: `RF${orderId}`, amountFen: totalFen, status: 'succeeded' })]);
  expect(t.count('order_events', { orderId, event: 'startRefund' })).toBe(1);
  expect(t.count('order_events', { orderId, event: 'refundSucceeded' })).toBe(1);
  expect(stock()).toBe(before);
});

describe('a refund notification that does not match the refund we asked for → FAIL, nothing changed', () => {
  let refunding: { orderId: string; totalFen: number };
  let other: { orderId: string };

  beforeAll(async () => {
    refunding = await paidOrder();
    other = await paidOrder();
    // A refund asked for and not yet answered (the gateway's own answer is what the notifications below imitate).
    await t.cloud.db.update('orders', { _id: refunding.orderId }, { $set: { status: 'refunding' } });
    t.cloud.db.insert('refunds', [
      { _id: `RF${refunding.orderId}`, orderId: refunding.orderId, amountFen: refunding.totalFen, reason: '测试', status: 'processing', createdAt: new Date().toISOString() },
    ]);
  });

  function refundNotice(tweak: { outRefundNo?: string; outTradeNo?: string; refundFen?: number } = {}) {
    const k = sandboxKeys(t.cloud);
    const refundFen = tweak.refundFen ?? refunding.totalFen;
    return signedNotification(t.cloud, {
      type: 'REFUND.SUCCESS',
      summary: '退款成功',
      originalType: 'refund',
      resource: {
        mchid: k.mchid,
        out_trade_no: tweak.outTradeNo ?? refunding.orderId,
        transaction_id: '4200000000000000000000000002',
        out_refund_no: tweak.outRefundNo ?? `RF${refunding.orderId}`,
        refund_id: '50000000000000000000000000001',
        refund_status: 'SUCCESS',
        success_time: new Date().toISOString(),
        user_received_account: '支付用户零钱',
        amount: { total: refunding.totalFen, refund: refundFen, payer_total: refunding.totalFen, payer_refund: refundFen },
      },
    });
  }

  test.each([
    ['an amount that differs from the refund', () => ({ refundFen: refunding.totalFen - 1 })],
    ["another order's trade number", () => ({ outTradeNo: other.orderId })],
    ['a refund number we never issued', () => ({ outRefundNo: `RF${other.orderId}` })],
  ])('%s', async (_name, tweak) => {
    const res = await postNotification(t.cloud, 'refundNotify', refundNotice(tweak()));
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ code: 'FAIL' });
    expect(order(refunding.orderId).status).toBe('refunding');
    expect(order(refunding.orderId).refundedFen).toBeUndefined();
    expect(t.cloud.db.find('refunds', { query: { _id: `RF${refunding.orderId}` } })[0].status).toBe('processing');
    expect(order(other.orderId).status).toBe('paid');
  });

  test('the matching notification is applied (the test builds real notifications)', async () => {
    const res = await postNotification(t.cloud, 'refundNotify', refundNotice());
    expect(res.status).toBe(204);
    expect(order(refunding.orderId)).toMatchObject({ status: 'refunded', refundedFen: refunding.totalFen });
  });
});
