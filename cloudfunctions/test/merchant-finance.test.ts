import { randomUUID } from 'node:crypto';
import { DEFAULT_COMMISSION_BP, financePeriods, percentOfFen } from '@daojia/domain';
import { readTable } from '@daojia/modules/spreadsheets';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/**
 * merchantFinance on the seeded demo city: figures read from the settlement ledger (payment_in on pay, refund_out
 * when a refund succeeded), counted in Shanghai days, with commission at store-001's category default (it has no
 * approved terms) charged on payments and given back on refunds; payouts from the `payouts` collection; exports as
 * files in cloud storage. Only the owner may read any of it.
 */
type Harness = Awaited<ReturnType<typeof startSeededCloud>>;
let t: Harness;
let rate: number;
beforeAll(async () => {
  t = await startSeededCloud();
  rate = DEFAULT_COMMISSION_BP[t.doc('stores', STORE).category as keyof typeof DEFAULT_COMMISSION_BP];
});
afterAll(async () => t?.close());

const PRODUCT = 'store-001-p001';
const today = () => financePeriods(new Date()).today.fromDate;
const summary = () => t.ok(MERCHANT, 'merchantFinance', 'summary', {});

async function paidOrder(quantity: number) {
  const { order } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: `fin-${randomUUID().slice(0, 12)}`, storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity }] });
  const { payment } = await t.ok(CONSUMER, 'pay', 'prepay', { orderId: order._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('orders', order._id).status === 'paid', 'paid');
  await t.cloud.functions.drainTriggers();
  return t.doc('orders', order._id);
}

test('paid and partially refunded orders give exact figures, today and in the per-order breakdown', async () => {
  const before = (await summary()).periods.today.figures;
  const a = await paidOrder(1);
  const b = await paidOrder(2);
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: b._id });
  await t.ok(CONSUMER, 'order', 'requestRefund', { orderId: b._id, reason: '少了一份', items: [{ line: 0, quantity: 1 }] });
  await t.ok(MERCHANT, 'merchantOrder', 'approveRefund', { orderId: b._id });
  await waitFor(async () => t.doc('orders', b._id).status === 'refunded', 'refunded', 200);
  await t.cloud.functions.drainTriggers();
  const refunded = t.doc('orders', b._id).refundedFen;
  expect(refunded).toBeGreaterThan(0);
  expect(refunded).toBeLessThan(b.totalFen);

  const s = await summary();
  expect(s.commission).toEqual({ rateBp: rate, source: 'default' });
  const commission = percentOfFen(a.totalFen, rate) + percentOfFen(b.totalFen, rate) - percentOfFen(refunded, rate);
  const after = s.periods.today.figures;
  expect({
    revenueFen: after.revenueFen - before.revenueFen,
    refundFen: after.refundFen - before.refundFen,
    commissionFen: after.commissionFen - before.commissionFen,
    netFen: after.netFen - before.netFen,
    orderCount: after.orderCount - before.orderCount,
    refundCount: after.refundCount - before.refundCount,
  }).toEqual({
    revenueFen: a.totalFen + b.totalFen,
    refundFen: refunded,
    commissionFen: commission,
    netFen: a.totalFen + b.totalFen - refunded - commission,
    orderCount: 2,
    refundCount: 1,
  });
  // Today is inside this week and this month: they hold at least as much.
  for (const p of ['week', 'month'] as const) expect(s.periods[p].figures.revenueFen).toBeGreaterThanOrEqual(after.revenueFen);

  const { rows, total, totals } = await t.ok(MERCHANT, 'merchantFinance', 'orders', { fromDate: today(), toDate: today(), limit: 100 });
  expect(total).toBe(rows.length);
  expect(totals).toEqual(after);
  expect(rows.find((r: any) => r.orderId === a._id)).toMatchObject({
    orderNo: a.orderNo,
    revenueFen: a.totalFen,
    refundFen: 0,
    commissionFen: percentOfFen(a.totalFen, rate),
    netFen: a.totalFen - percentOfFen(a.totalFen, rate),
  });
  const rowB = rows.find((r: any) => r.orderId === b._id);
  expect(rowB).toMatchObject({ status: 'refunded', revenueFen: b.totalFen, refundFen: refunded, commissionFen: percentOfFen(b.totalFen, rate) - percentOfFen(refunded, rate) });
  expect(rowB.netFen).toBe(rowB.revenueFen - rowB.refundFen - rowB.commissionFen);
  // Newest movement first: b's refund came last.
  expect(rows[0].orderId).toBe(b._id);
  // Paged: the same rows, a page at a time.
  const page = await t.ok(MERCHANT, 'merchantFinance', 'orders', { fromDate: today(), toDate: today(), offset: 1, limit: 1 });
  expect(page.rows).toEqual([rows[1]]);
});

test('a Shanghai day runs from 00:00 +08:00: a movement at 23:59:59.999 is the day before, one at 00:00 the day after', async () => {
  const order = await paidOrder(1);
  const entry = (id: string, at: string, kind = 'payment_in', amountFen = 1000) => ({
    _id: id,
    eventId: id,
    orderId: order._id,
    storeId: STORE,
    region: order.region,
    kind,
    amountFen,
    at,
    recordedAt: at,
    note: 'test',
  });
  t.cloud.db.insert('ledger_entries', [
    entry('boundary-1', '2026-03-01T15:59:59.999Z'), // 2026-03-01 23:59:59.999 in Shanghai
    entry('boundary-2', '2026-03-01T16:00:00.000Z', 'refund_out', 300), // 2026-03-02 00:00 in Shanghai
    entry('boundary-3', '2026-02-28T16:00:00.000Z', 'payment_in', 2000), // 2026-03-01 00:00 in Shanghai
  ]);
  const day = (d: string) => t.ok(MERCHANT, 'merchantFinance', 'orders', { fromDate: d, toDate: d });
  expect((await day('2026-03-01')).totals).toMatchObject({ revenueFen: 3000, refundFen: 0, orderCount: 1 });
  expect((await day('2026-03-02')).totals).toMatchObject({ revenueFen: 0, refundFen: 300, refundCount: 1, commissionFen: -percentOfFen(300, rate) });
  expect((await day('2026-02-28')).totals).toMatchObject({ revenueFen: 0, refundFen: 0, orderCount: 0 });
  const both = await t.ok(MERCHANT, 'merchantFinance', 'orders', { fromDate: '2026-03-01', toDate: '2026-03-02' });
  expect(both.range).toEqual({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-02T16:00:00.000Z', fromDate: '2026-03-01', toDate: '2026-03-02' });
  expect(both.rows).toHaveLength(1);
  expect(both.rows[0]).toMatchObject({ orderId: order._id, revenueFen: 3000, refundFen: 300, commissionFen: percentOfFen(1000, rate) + percentOfFen(2000, rate) - percentOfFen(300, rate) });
  expect(await t.call(MERCHANT, 'merchantFinance', 'orders', { fromDate: '2026-03-02', toDate: '2026-03-01' })).toMatchObject({ ok: false, code: 'INVALID_RANGE' });
  expect(await t.call(MERCHANT, 'merchantFinance', 'orders', { fromDate: '2025-01-01', toDate: '2026-03-01' })).toMatchObject({ ok: false, code: 'INVALID_RANGE' });
});

test('a clerk is refused every finance action at the function, and reads nothing', async () => {
  for (const [action, data] of [
    ['summary', {}],
    ['orders', { fromDate: today(), toDate: today() }],
    ['payouts', {}],
    ['export', { fromDate: today(), toDate: today(), format: 'csv' }],
  ] as const) {
    expect({ action, reply: await t.call('demo-clerk-001', 'merchantFinance', action, data) }).toMatchObject({ action, reply: { ok: false, code: 'FORBIDDEN' } });
  }
});

test("payouts: the seeded past transfers of the owner's store, newest first; another store has none", async () => {
  const { payouts, total } = await t.ok(MERCHANT, 'merchantFinance', 'payouts', {});
  expect(total).toBe(2);
  expect(payouts.map((p: any) => p.status)).toEqual(['paid', 'paid']);
  expect(payouts[0].toDate > payouts[1].toDate).toBe(true);
  for (const p of payouts) {
    expect(p.storeId).toBe(STORE);
    expect(p.amountFen).toBe(p.revenueFen - p.refundFen - p.commissionFen);
  }
  expect(await t.ok('demo-merchant-002', 'merchantFinance', 'payouts', {})).toEqual({ payouts: [], total: 0 });
});

test('export: the breakdown as csv and xlsx files in cloud storage, by temporary URL, with the same rows and totals', async () => {
  await paidOrder(1);
  const { rows, totals } = await t.ok(MERCHANT, 'merchantFinance', 'orders', { fromDate: today(), toDate: today(), limit: 100 });
  expect(rows.length).toBeGreaterThan(0);
  for (const format of ['csv', 'xlsx'] as const) {
    const file = await t.ok(MERCHANT, 'merchantFinance', 'export', { fromDate: today(), toDate: today(), format });
    expect(file).toMatchObject({ fileId: expect.stringMatching(/^cloud:\/\//), fileName: `finance_${today()}_${today()}.${format}`, rows: rows.length });
    const res = await fetch(file.url);
    expect(res.status).toBe(200);
    const table = await readTable(Buffer.from(await res.arrayBuffer()), format);
    expect(table[0]).toEqual(['订单号', '方式', '状态', '支付时间', '最近资金变动', '收入（元）', '退款（元）', '佣金费率', '佣金（元）', '应结（元）']);
    expect(table.slice(1, -1).map((r) => r[0])).toEqual(rows.map((r: any) => r.orderNo));
    const last = table[table.length - 1];
    expect(last[0]).toContain('合计');
    expect([last[5], last[6], last[8], last[9]].map(Number)).toEqual([totals.revenueFen, totals.refundFen, totals.commissionFen, totals.netFen].map((f) => f / 100));
  }
});
