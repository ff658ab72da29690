import { randomUUID } from 'node:crypto';
import { startSeededCloud, sandboxKeys, signedNotification, postNotification, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/**
 * Money that cannot go back the normal way: a payment for an order the gateway already closed, refunds the gateway
 * ends ABNORMAL (staff see, retry or close them, audit-logged), and payments by someone who is not the buyer.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const USER = 'demo-consumer-3';
const ADMIN = 'demo-admin';
const PRODUCT = 'store-001-p002';
const key = () => `issue-${randomUUID().slice(0, 12)}`;
const order = (id: string) => t.doc('orders', id);
const refundsOf = (orderId: string) => t.cloud.db.find('refunds', { query: { orderId } }) as any[];
const audits = (orderId: string) => t.cloud.db.find('audit_logs', { query: { orderId } }) as any[];

async function placeOrder() {
  const { order: o } = await t.ok(USER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 1 }] });
  const { payment } = await t.ok(USER, 'pay', 'prepay', { orderId: o._id });
  return { orderId: o._id as string, prepayId: prepayIdOf(payment.package), totalFen: o.totalFen as number };
}

/** A TRANSACTION.SUCCESS exactly as WeChat Pay would sign it (the sandbox cannot pay a closed order itself). */
function paidNotice(o: { orderId: string; totalFen: number }, payer = USER) {
  const k = sandboxKeys(t.cloud);
  return signedNotification(t.cloud, {
    type: 'TRANSACTION.SUCCESS',
    summary: '支付成功',
    originalType: 'transaction',
    resource: {
      appid: k.appid,
      mchid: k.mchid,
      out_trade_no: o.orderId,
      transaction_id: `42${Date.now()}00000000000`,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: new Date().toISOString(),
      payer: { openid: payer },
      amount: { total: o.totalFen, payer_total: o.totalFen, currency: 'CNY', payer_currency: 'CNY' },
    },
  });
}

/** A paid order the store rejects while the gateway is set to end the next refund ABNORMAL. */
async function abnormalRefund() {
  const o = await placeOrder();
  await t.sandbox('/pay', { prepayId: o.prepayId });
  await waitFor(async () => order(o.orderId).status === 'paid', 'paid');
  await t.sandbox('/refund-outcome', { status: 'ABNORMAL' });
  await t.ok(MERCHANT, 'merchantOrder', 'reject', { orderId: o.orderId, reason: '食材售罄' });
  await waitFor(async () => refundsOf(o.orderId)[0]?.status === 'abnormal', 'refund abnormal', 200);
  expect(order(o.orderId).status).toBe('refunding');
  return { ...o, refundId: `RF${o.orderId}` };
}

test('a valid payment for an order already closed at the gateway is recorded and acknowledged; the refund job ends the refund it cannot make, and staff see it', async () => {
  const o = await placeOrder();
  await t.ok(USER, 'order', 'cancel', { orderId: o.orderId });
  expect(await t.sandbox('/pay', { prepayId: o.prepayId })).toMatchObject({ code: 'ORDER_CLOSED' });

  const res = await postNotification(t.cloud, 'payNotify', paidNotice(o));
  expect(res.status).toBe(204); // SUCCESS the first time: WeChat Pay stops resending
  expect(order(o.orderId).status).toBe('cancelled');
  expect(t.count('payments', { orderId: o.orderId })).toBe(1);
  expect(refundsOf(o.orderId)).toEqual([expect.objectContaining({ status: 'processing', amountFen: o.totalFen, attempts: 1, lastError: expect.stringContaining('INVALID_REQUEST') })]);

  await t.timer('reconcile');
  expect(refundsOf(o.orderId)).toEqual([expect.objectContaining({ status: 'abnormal', attempts: 2 })]);
  await t.timer('reconcile'); // ended: not sent again
  expect(refundsOf(o.orderId)[0].attempts).toBe(2);
  const { refunds } = await t.ok(ADMIN, 'admin', 'listRefundIssues', {});
  expect(refunds.map((r: any) => r._id)).toContain(`RF${o.orderId}`);
});

test('a refund the gateway ends ABNORMAL is listed for staff, and a retry refunds the order (audit-logged)', async () => {
  const o = await abnormalRefund();
  const { refunds, storeNames } = await t.ok(ADMIN, 'admin', 'listRefundIssues', {});
  const listed = refunds.find((r: any) => r._id === o.refundId);
  expect(listed).toMatchObject({ status: 'abnormal', orderId: o.orderId, amountFen: o.totalFen });
  // The store's name travels with the list, so the panel needs no call per row.
  expect(storeNames[listed.storeId]).toBe(t.doc('stores', listed.storeId).name);

  const { refund } = await t.ok(ADMIN, 'admin', 'retryRefund', { refundId: o.refundId, reason: '用户零钱账户已恢复' });
  expect(refund).toMatchObject({ _id: `${o.refundId}-2`, status: expect.stringMatching(/processing|succeeded/) });
  await waitFor(async () => order(o.orderId).status === 'refunded', 'refunded', 200);
  expect(order(o.orderId).refundedFen).toBe(o.totalFen);
  expect(t.doc('refunds', o.refundId)).toMatchObject({ status: 'superseded', retriedAs: `${o.refundId}-2` });
  expect(t.doc('refunds', `${o.refundId}-2`).status).toBe('succeeded');
  expect(audits(o.orderId)).toEqual([
    expect.objectContaining({
      action: 'retryRefund',
      refundId: o.refundId,
      reason: '用户零钱账户已恢复',
      by: expect.objectContaining({ userKey: ADMIN, role: 'super_admin' }),
      before: { refund: 'abnormal', order: 'refunding' },
      at: expect.any(String),
    }),
  ]);
  expect((await t.ok(ADMIN, 'admin', 'listRefundIssues', {})).refunds.map((r: any) => r.orderId)).not.toContain(o.orderId);
  // Done: a second retry of the old refund is refused and changes nothing.
  expect(await t.call(ADMIN, 'admin', 'retryRefund', { refundId: o.refundId })).toMatchObject({ ok: false, code: 'REFUND_NOT_OPEN' });
  expect(audits(o.orderId)).toHaveLength(1);
});

test('staff close an ABNORMAL refund with a reason: the order ends refund_closed, the reason is on its timeline, the audit log has it', async () => {
  const o = await abnormalRefund();
  const reason = '已通过银行转账线下退款';
  const { order: closed, refund } = await t.ok(ADMIN, 'admin', 'closeRefund', { refundId: o.refundId, reason });
  expect(closed.status).toBe('refund_closed');
  expect(refund).toMatchObject({ status: 'closed', closeReason: reason });
  expect(order(o.orderId).status).toBe('refund_closed');
  expect(t.cloud.db.find('order_events', { query: { orderId: o.orderId, event: 'closeRefund' } })).toEqual([
    expect.objectContaining({ from: 'refunding', to: 'refund_closed', reason, by: { role: 'admin', id: ADMIN } }),
  ]);
  expect(audits(o.orderId)).toEqual([
    expect.objectContaining({ action: 'closeRefund', reason, before: { refund: 'abnormal', order: 'refunding' }, after: { refund: 'closed', order: 'refund_closed' } }),
  ]);
  expect(await t.call(ADMIN, 'admin', 'closeRefund', { refundId: o.refundId, reason })).toMatchObject({ ok: false, code: 'REFUND_NOT_OPEN' });
  expect(await t.call(ADMIN, 'admin', 'closeRefund', { refundId: o.refundId, reason: '  ' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(audits(o.orderId)).toHaveLength(1);
});

test("consumers, merchants and another region's manager cannot list, retry or close refunds, and nothing changes", async () => {
  const o = await abnormalRefund();
  const region = t.doc('stores', STORE).region as string;
  const outsiders: [string, string][] = [
    [CONSUMER, 'FORBIDDEN'],
    [USER, 'FORBIDDEN'],
    [MERCHANT, 'FORBIDDEN'],
  ];
  if (region !== '静安区') outsiders.push(['demo-region-jingan', 'REFUND_NOT_FOUND']);
  for (const [who, code] of outsiders) {
    expect(await t.call(who, 'admin', 'retryRefund', { refundId: o.refundId })).toMatchObject({ ok: false, code });
    expect(await t.call(who, 'admin', 'closeRefund', { refundId: o.refundId, reason: '关掉' })).toMatchObject({ ok: false, code });
    if (code === 'FORBIDDEN') expect(await t.call(who, 'admin', 'listRefundIssues', {})).toMatchObject({ ok: false, code });
  }
  expect(refundsOf(o.orderId)).toEqual([expect.objectContaining({ _id: o.refundId, status: 'abnormal' })]);
  expect(order(o.orderId).status).toBe('refunding');
  expect(audits(o.orderId)).toHaveLength(0);
});

describe('a payment by someone who is not the buyer is refused and kept for staff', () => {
  test('a correctly signed notification with another payer → FAIL, no payment, no status move, one alert however often it is resent', async () => {
    const o = await placeOrder();
    const notice = paidNotice(o, 'oStranger-openid');
    for (let i = 0; i < 3; i++) {
      const res = await postNotification(t.cloud, 'payNotify', notice);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: 'FAIL' });
    }
    expect(order(o.orderId).status).toBe('pending_payment');
    expect(t.count('payments', { orderId: o.orderId })).toBe(0);
    expect(t.cloud.db.find('payment_alerts', { query: { orderId: o.orderId } })).toEqual([
      expect.objectContaining({ kind: 'payer_mismatch', payer: 'oStranger-openid', expectedPayer: USER, amountFen: o.totalFen }),
    ]);
    const { alerts } = await t.ok(ADMIN, 'admin', 'listRefundIssues', {});
    expect(alerts.map((a: any) => a.orderId)).toContain(o.orderId);
    // The buyer's own payment still goes through.
    expect((await postNotification(t.cloud, 'payNotify', paidNotice(o))).status).toBe(204);
    expect(order(o.orderId).status).toBe('paid');
  });

  test("reconciliation's query path checks the payer too", async () => {
    const o = await placeOrder();
    await t.sandbox('/pay', { prepayId: o.prepayId, deliver: false });
    // What prepay recorded is not who the gateway says paid.
    await t.cloud.db.update('orders', { _id: o.orderId }, { $set: { payerOpenid: 'oSomeone-else' } });
    await t.timer('reconcile');
    expect(order(o.orderId).status).toBe('pending_payment');
    expect(t.count('payments', { orderId: o.orderId })).toBe(0);
    expect(t.cloud.db.find('payment_alerts', { query: { orderId: o.orderId } })).toEqual([expect.objectContaining({ payer: USER, expectedPayer: 'oSomeone-else' })]);
  });
});

test('a refund the gateway keeps failing on (here: unreachable) ends abnormal after REFUND_MAX_ATTEMPTS job runs, for staff to see', async () => {
  const down = await startSeededCloud({ WECHATPAY_API_BASE: 'http://127.0.0.1:9/v3-unreachable', REFUND_MAX_ATTEMPTS: '3' });
  try {
    const { order: o } = await down.ok(USER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 1 }] });
    // A refund asked for whose requests never get through.
    await down.cloud.db.update('orders', { _id: o._id }, { $set: { status: 'refunding' } });
    down.cloud.db.insert('refunds', [
      { _id: `RF${o._id}`, orderId: o._id, storeId: STORE, region: o.region, amountFen: o.totalFen, reason: '测试', status: 'processing', attempts: 0, createdAt: new Date().toISOString() },
    ]);
    for (const expected of [1, 2]) {
      await down.timer('reconcile');
      expect(down.doc('refunds', `RF${o._id}`)).toMatchObject({ status: 'processing', attempts: expected });
    }
    await down.timer('reconcile');
    expect(down.doc('refunds', `RF${o._id}`)).toMatchObject({ status: 'abnormal', attempts: 3, lastError: expect.stringContaining('WECHATPAY_NETWORK') });
    expect((await down.ok(ADMIN, 'admin', 'listRefundIssues', {})).refunds.map((r: any) => r._id)).toEqual([`RF${o._id}`]);
  } finally {
    await down.close();
  }
});
