import { randomUUID } from 'node:crypto';
import {
  DomainError,
  FINANCE_PERIODS,
  MODE_LABELS,
  ZERO_FIGURES,
  commissionRuleOf,
  dateRange,
  figuresOf,
  financePeriods,
  formatShanghai,
  movementCommission,
  rateFor,
  statusLabel,
  type CommissionRule,
  type FinanceFigures,
  type FinancePeriod,
  type Movement,
  type Span,
} from '@daojia/domain';
import { getStore } from '../stores';
import { storeOrderFacts, type OrderFacts } from '../orders';
import { writeTable, type SheetFormat } from '../spreadsheets';
import { storeExportFile, storeLedger, storePayouts, type LedgerEntry } from './repository';

/*
 * A store's finance, read from the ledger (see packages/domain/src/finance.ts for the rules: cash basis, Shanghai
 * days, commission worked out from the store's terms or the category default until issue 12 books it).
 */

async function ruleOf(storeId: string): Promise<CommissionRule> {
  const store = await getStore(storeId);
  if (!store) throw new DomainError('STORE_NOT_FOUND', '店铺不存在');
  return commissionRuleOf(store);
}

/**
 * The rate each order pays. With promotional months the rate depends on when the order was paid: a payment's own
 * time, or for a refund of an order paid before the span, the order's `paidAt` (read once for those orders).
 */
async function ratesOf(storeId: string, rule: CommissionRule, movements: readonly LedgerEntry[], facts?: Record<string, OrderFacts>): Promise<(orderId: string) => number> {
  if (!rule.freeUntil) return () => rule.rateBp;
  const paidAt = new Map<string, string>();
  for (const m of movements) if (m.kind === 'payment_in' && !paidAt.has(m.orderId)) paidAt.set(m.orderId, m.at);
  const missing = [...new Set(movements.filter((m) => !paidAt.has(m.orderId)).map((m) => m.orderId))];
  const known = facts ?? (missing.length ? await storeOrderFacts(storeId, missing) : {});
  for (const id of missing) if (known[id]?.paidAt) paidAt.set(id, known[id].paidAt!);
  return (orderId) => rateFor(rule, paidAt.get(orderId));
}

/** Today, this week and this month in Shanghai: one ledger read covering all three (a week may start last month). */
export async function financeSummary(storeId: string, now = new Date()) {
  const periods = financePeriods(now);
  const spans = Object.values(periods);
  const from = spans.map((s) => s.from).sort()[0];
  const to = spans.map((s) => s.to).sort()[spans.length - 1];
  const [rule, movements] = await Promise.all([ruleOf(storeId), storeLedger(storeId, from, to)]);
  const rateOf = await ratesOf(storeId, rule, movements);
  const out = {} as Record<FinancePeriod, Span & { figures: FinanceFigures }>;
  for (const p of FINANCE_PERIODS) {
    const span = periods[p];
    out[p] = { ...span, figures: figuresOf(inSpan(movements, span), rateOf) };
  }
  return { periods: out, commission: rule };
}

const inSpan = (movements: readonly Movement[], span: Pick<Span, 'from' | 'to'>) => movements.filter((m) => m.at >= span.from && m.at < span.to);

interface Row {
  orderId: string;
  orderNo: string;
  mode: OrderFacts['mode'];
  status: OrderFacts['status'];
  paidAt?: string;
  lastAt: string;
  rateBp: number;
  revenueFen: number;
  refundFen: number;
  commissionFen: number;
  netFen: number;
}

/** Every order with money moving in the range, newest movement first, with the range's totals. */
async function breakdown(storeId: string, fromDate: string, toDate: string) {
  const range = dateRange(fromDate, toDate);
  const [rule, movements] = await Promise.all([ruleOf(storeId), storeLedger(storeId, range.from, range.to)]);
  const facts = await storeOrderFacts(
    storeId,
    movements.map((m) => m.orderId),
  );
  const rateOf = await ratesOf(storeId, rule, movements, facts);
  const rows = new Map<string, Row>();
  for (const m of movements) {
    const f = facts[m.orderId];
    const rateBp = rateOf(m.orderId);
    const row = rows.get(m.orderId) ?? {
      orderId: m.orderId,
      orderNo: f?.orderNo ?? m.orderId,
      mode: f?.mode ?? 'pickup',
      status: f?.status ?? 'completed',
      ...(f?.paidAt ? { paidAt: f.paidAt } : {}),
      lastAt: m.at,
      rateBp,
      revenueFen: 0,
      refundFen: 0,
      commissionFen: 0,
      netFen: 0,
    };
    if (m.kind === 'payment_in') row.revenueFen += m.amountFen;
    else row.refundFen += m.amountFen;
    row.commissionFen += movementCommission(m, rateBp);
    row.netFen = row.revenueFen - row.refundFen - row.commissionFen;
    if (m.at > row.lastAt) row.lastAt = m.at;
    rows.set(m.orderId, row);
  }
  const sorted = [...rows.values()].sort((a, b) => (a.lastAt === b.lastAt ? b.orderId.localeCompare(a.orderId) : b.lastAt.localeCompare(a.lastAt)));
  return { range, rows: sorted, totals: movements.length ? figuresOf(movements, rateOf) : ZERO_FIGURES };
}

export async function financeOrders(storeId: string, q: { fromDate: string; toDate: string; offset: number; limit: number }) {
  const { range, rows, totals } = await breakdown(storeId, q.fromDate, q.toDate);
  return { range, rows: rows.slice(q.offset, q.offset + q.limit), total: rows.length, totals };
}

export const financePayouts = (storeId: string, q: { offset: number; limit: number }) => storePayouts(storeId, q.offset, q.limit);

const yuan = (fen: number) => Number((fen / 100).toFixed(2));
const COLUMNS = [
  { header: '订单号', width: 24 },
  { header: '方式', width: 10 },
  { header: '状态', width: 12 },
  { header: '支付时间', width: 18 },
  { header: '最近资金变动', width: 18 },
  { header: '收入（元）', width: 12 },
  { header: '退款（元）', width: 12 },
  { header: '佣金费率', width: 10 },
  { header: '佣金（元）', width: 12 },
  { header: '应结（元）', width: 12 },
];

/**
 * The range's per-order breakdown as a csv or xlsx in cloud storage (`exports/<storeId>/…`, a random name), with a
 * temporary URL; amounts in yuan as numbers (Excel sums them), a totals row last.
 */
export async function financeExport(storeId: string, q: { fromDate: string; toDate: string; format: SheetFormat }) {
  const { range, rows, totals } = await breakdown(storeId, q.fromDate, q.toDate);
  const body = rows.map((r) => [
    r.orderNo,
    MODE_LABELS[r.mode],
    statusLabel(r.status),
    r.paidAt ? formatShanghai(r.paidAt) : '',
    formatShanghai(r.lastAt),
    yuan(r.revenueFen),
    yuan(r.refundFen),
    `${r.rateBp / 100}%`,
    yuan(r.commissionFen),
    yuan(r.netFen),
  ]);
  body.push([
    `合计（${totals.orderCount} 单支付，${totals.refundCount} 单退款）`,
    '',
    '',
    '',
    '',
    yuan(totals.revenueFen),
    yuan(totals.refundFen),
    '',
    yuan(totals.commissionFen),
    yuan(totals.netFen),
  ]);
  const content = await writeTable(q.format, [{ name: '订单明细', columns: COLUMNS, rows: body }]);
  // The name the download gets (a browser takes it from the storage path, so both are the same, in plain ASCII).
  const fileName = `finance_${range.fromDate}_${range.toDate}.${q.format}`;
  const { fileId, url } = await storeExportFile(`exports/${storeId}/${randomUUID()}/${fileName}`, content);
  return { fileId, url, fileName, rows: rows.length };
}
