import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { formatFen } from '@daojia/domain';
import { adminSignIn, startHarness, type Harness, watchPage } from './lib/harness';
import { until, shows } from './lib/poll';
import { MERCHANT, STORE, prepayIdOf, runTimer } from '../cloudfunctions/test/harness';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * The 退款异常 page: refunds the gateway ended ABNORMAL are listed for staff, who close one with a reason (the order
 * ends refund_closed, audit-logged) or retry one (the order is refunded); a refused action shows the cloud's message;
 * a payment by someone who is not the buyer is listed as 支付异常. Set up through the real functions and the
 * WeChat Pay sandbox, as cloudfunctions/test/refund-issues.test.ts does.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const USER = 'demo-consumer-3';
const ADMIN = 'demo-admin';
let seq = 0;

const call = async (user: string, fn: string, action: string, data: unknown) => {
  const r = (await h.cloud.functions.invoke(fn, { action, data }, { uid: user, customUserId: user })) as { ok: boolean; data: any; code?: string; message?: string };
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
  return r.data;
};
const sandbox = (path: string, body: unknown) =>
  fetch(`${h.cloud.url}/sandbox/wechatpay${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
const one = (collection: string, query: Record<string, unknown>) => h.cloud.db.find(collection, { query })[0] as any;
const order = (id: string) => one('orders', { _id: id });
const refund = (id: string) => one('refunds', { _id: id });
const audits = (orderId: string) => h.cloud.db.find('audit_logs', { query: { orderId } }) as any[];

async function placeOrder() {
  const { products } = await call(USER, 'store', 'detail', { storeId: STORE });
  const { order: o } = await call(USER, 'order', 'create', { idempotencyKey: `e2e-refund-issue-${++seq}`, storeId: STORE, mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] });
  const { payment } = await call(USER, 'pay', 'prepay', { orderId: o._id });
  return { orderId: o._id as string, prepayId: prepayIdOf(payment.package), totalFen: o.totalFen as number };
}

/** A paid order the store rejects while the gateway is set to end the next refund ABNORMAL. */
async function abnormalRefund() {
  const o = await placeOrder();
  await sandbox('/pay', { prepayId: o.prepayId });
  await until(
    async () => order(o.orderId).status,
    (s) => s === 'paid',
    'order paid',
  );
  await sandbox('/refund-outcome', { status: 'ABNORMAL' });
  await call(MERCHANT, 'merchantOrder', 'reject', { orderId: o.orderId, reason: '食材售罄' });
  const refundId = `RF${o.orderId}`;
  await until(
    async () => refund(refundId)?.status,
    (s) => s === 'abnormal',
    'refund abnormal',
  );
  return { ...o, refundId };
}

/** A payment the gateway says someone other than the buyer made, found by reconciliation's query path. */
async function payerMismatch() {
  const o = await placeOrder();
  await sandbox('/pay', { prepayId: o.prepayId, deliver: false });
  await h.cloud.db.update('orders', { _id: o.orderId }, { $set: { payerOpenid: 'oSomeone-else' } });
  await runTimer(h.cloud, 'reconcile');
  await until(
    async () => one('payment_alerts', { orderId: o.orderId }),
    (a) => !!a,
    'payment alert',
  );
  return o;
}

test('admin panel: with nothing open both tables say so; a failed load is shown and can be retried', async () => {
  // Runs first, before any refund or alert is set up.
  const page = await (await h.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const errors = watchPage(page);
  await page.goto(h.urls.admin);
  await adminSignIn(page, 'demo-admin');
  // The list request fails on the way (the network, not the cloud): the page says so instead of showing "nothing".
  const failList = (route: import('playwright-core').Route) => (route.request().postData()?.includes('listRefundIssues') ? route.abort() : route.continue());
  await page.route('**/*', failList);
  await page.click('text=退款异常');
  await shows(page, '#refund-issues-error', '加载失败');
  expect(await page.textContent('#refund-issues-table')).not.toContain('暂无退款异常');
  await page.unroute('**/*', failList);
  await page.click('#refund-issues-error button');
  await shows(page, '#refund-issues-table', '暂无退款异常');
  await shows(page, '#payment-alerts-table', '暂无支付异常');
  expect(await page.$('#refund-issues-error')).toBeNull();
  expect(errors).toEqual([]);
});

test('admin panel: staff see abnormal refunds and payment alerts, close one with a reason, retry one, and a refused action shows why', async () => {
  const closing = await abnormalRefund();
  const retrying = await abnormalRefund();
  const stale = await abnormalRefund();
  const alerted = await payerMismatch();
  const storeName = order(closing.orderId).storeName as string;

  const page = await (await h.browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  const errors = watchPage(page);
  await page.goto(h.urls.admin);
  await adminSignIn(page, 'demo-admin');
  await page.click('text=退款异常');

  // Listed: order number, store, amount in yuan, reason, status in Chinese, time in Shanghai.
  const row = (refundId: string) => `#refund-issues-table tr[data-row-key="${refundId}"]`;
  const r = refund(closing.refundId);
  await shows(page, row(closing.refundId), closing.orderId);
  await shows(page, row(closing.refundId), storeName);
  const text = await shows(page, row(closing.refundId), formatFen(closing.totalFen));
  expect(text).toContain('退款异常');
  expect(text).toContain(r.reason);
  expect(text).toContain(dayjs(r.createdAt).tz('Asia/Shanghai').format('YYYY-MM-DD HH:mm'));
  await shows(page, row(retrying.refundId), retrying.orderId);
  await shows(page, row(stale.refundId), stale.orderId);
  const alertRow = await shows(page, '#payment-alerts-table', alerted.orderId);
  expect(alertRow).toContain('付款人不是下单人');
  expect(alertRow).toContain(formatFen(alerted.totalFen));

  // Close without a reason: the dialog asks for one and nothing is sent.
  await page.click(`#close-refund-${closing.refundId}`);
  await page.click('#refund-action-ok');
  await shows(page, '#refund-action-modal', '请填写关闭原因');
  expect(refund(closing.refundId).status).toBe('abnormal');
  expect(audits(closing.orderId)).toHaveLength(0);

  // Close with a reason: the refund and order end, the audit log has it, the row goes.
  const reason = '已通过银行转账线下退款';
  await page.fill('#refund-action-reason', reason);
  await page.click('#refund-action-ok');
  await until(
    async () => refund(closing.refundId).status,
    (s) => s === 'closed',
    'refund closed',
  );
  await page.waitForSelector(row(closing.refundId), { state: 'detached' });
  expect(refund(closing.refundId)).toMatchObject({ status: 'closed', closeReason: reason });
  expect(order(closing.orderId).status).toBe('refund_closed');
  expect(audits(closing.orderId)).toEqual([
    expect.objectContaining({
      action: 'closeRefund',
      refundId: closing.refundId,
      reason,
      by: expect.objectContaining({ userKey: ADMIN, role: 'super_admin' }),
      before: { refund: 'abnormal', order: 'refunding' },
      after: { refund: 'closed', order: 'refund_closed' },
    }),
  ]);

  // Retry: sent again under a new refund number, which the gateway (now succeeding) carries out.
  await page.click(`#retry-refund-${retrying.refundId}`);
  await page.fill('#refund-action-reason', '用户零钱账户已恢复');
  await page.click('#refund-action-ok');
  await until(
    async () => order(retrying.orderId).status,
    (s) => s === 'refunded',
    'order refunded after retry',
  );
  expect(refund(retrying.refundId)).toMatchObject({ status: 'superseded', retriedAs: `${retrying.refundId}-2` });
  expect(audits(retrying.orderId)).toEqual([expect.objectContaining({ action: 'retryRefund', reason: '用户零钱账户已恢复' })]);
  await page.waitForSelector(row(retrying.refundId), { state: 'detached' });

  // Someone else closes a refund while this page still lists it: the page's retry is refused with the cloud's message.
  await page.click(`#retry-refund-${stale.refundId}`);
  await call(ADMIN, 'admin', 'closeRefund', { refundId: stale.refundId, reason: '另一位同事已处理' });
  await page.click('#refund-action-ok');
  // The page shows what the cloud says (a refusal changes nothing, so asking again gives the same answer).
  const refusal = (await h.cloud.functions.invoke('admin', { action: 'retryRefund', data: { refundId: stale.refundId } }, { uid: ADMIN, customUserId: ADMIN })) as {
    ok: boolean;
    code: string;
    message: string;
  };
  expect(refusal).toMatchObject({ ok: false, code: 'REFUND_NOT_OPEN' });
  expect(refusal.message).toMatch(/[\u4e00-\u9fa5]/);
  await shows(page, '#refund-action-error', refusal.message);
  expect(refund(stale.refundId)).toMatchObject({ status: 'closed', closeReason: '另一位同事已处理' });
  expect(audits(stale.orderId)).toHaveLength(1);
  await page.waitForSelector(row(stale.refundId), { state: 'detached' }); // the list reloaded
  expect(errors).toEqual([]);
});
