import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { z } from 'zod';
import { DomainError } from './errors';
import { percentOfFen } from './money';
import { TIME_ZONE_OFFSET_MIN } from './time';
import { DEFAULT_COMMISSION_BP, type CommissionTerms } from './onboarding/terms';
import type { Category } from './schemas/common';
import { fen } from './schemas/common';

dayjs.extend(utc);

/*
 * A store's money, as its owner sees it (the merchant app's 财务 page, merchantFinance). Figures come from the
 * settlement ledger (`ledger_entries`: `payment_in` when an order is paid, `refund_out` when a refund succeeded),
 * counted when the money moved (cash basis), in Shanghai days. Commission is not booked in the ledger yet (issue 12
 * builds the rules engine): until then it is worked out here from the store's approved terms (`store.terms`) or,
 * for a store without terms (the seeded demo city), the category's default rate (DEFAULT_COMMISSION_BP); the
 * promotional months (`freeUntil`) charge none. It is charged on each payment and given back on each refund, each
 * rounded half up to the fen (percentOfFen), so a period's figures add up from its own movements alone.
 */

/** A Shanghai calendar date, YYYY-MM-DD. */
export const shanghaiDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式为 YYYY-MM-DD');

const local = (at: string | Date) => dayjs.utc(at).utcOffset(TIME_ZONE_OFFSET_MIN);
/** The UTC instant a Shanghai date starts at (00:00 +08:00). */
const dayStart = (date: string) => dayjs.utc(`${date}T00:00:00Z`).subtract(TIME_ZONE_OFFSET_MIN, 'minute');

/** A span of time: `from` inclusive, `to` exclusive (UTC ISO), and the Shanghai dates it covers (both inclusive). */
export interface Span {
  from: string;
  to: string;
  fromDate: string;
  toDate: string;
}

const spanOf = (start: dayjs.Dayjs, endExclusive: dayjs.Dayjs): Span => ({
  from: start.toISOString(),
  to: endExclusive.toISOString(),
  fromDate: start.utcOffset(TIME_ZONE_OFFSET_MIN).format('YYYY-MM-DD'),
  toDate: endExclusive.subtract(1, 'day').utcOffset(TIME_ZONE_OFFSET_MIN).format('YYYY-MM-DD'),
});

export const FINANCE_PERIODS = ['today', 'week', 'month'] as const;
export type FinancePeriod = (typeof FINANCE_PERIODS)[number];
export const FINANCE_PERIOD_LABELS: Record<FinancePeriod, string> = { today: '今日', week: '本周', month: '本月' };

/** Today, this week (Monday first, as in China) and this month, in Shanghai, each up to its end. */
export function financePeriods(now: Date): Record<FinancePeriod, Span> {
  const today = dayStart(local(now).format('YYYY-MM-DD'));
  const weekday = (local(now).day() + 6) % 7; // Monday 0 … Sunday 6
  const week = today.subtract(weekday, 'day');
  const month = dayStart(local(now).format('YYYY-MM-01'));
  const nextMonth = dayStart(local(now).startOf('month').add(1, 'month').format('YYYY-MM-01'));
  return { today: spanOf(today, today.add(1, 'day')), week: spanOf(week, week.add(7, 'day')), month: spanOf(month, nextMonth) };
}

/** The longest range one breakdown or export covers. */
export const MAX_RANGE_DAYS = 366;

/** Shanghai dates `fromDate` to `toDate`, both whole days; INVALID_RANGE when backwards or longer than a year. */
export function dateRange(fromDate: string, toDate: string): Span {
  const start = dayStart(fromDate);
  const end = dayStart(toDate).add(1, 'day');
  // A date that does not exist (02-30) rolls over in dayjs: it must read back as itself.
  const real = (d: dayjs.Dayjs, text: string) => d.isValid() && d.utcOffset(TIME_ZONE_OFFSET_MIN).format('YYYY-MM-DD') === text;
  if (!real(start, fromDate) || !real(dayStart(toDate), toDate)) throw new DomainError('INVALID_RANGE', '日期无效');
  if (!end.isAfter(start)) throw new DomainError('INVALID_RANGE', '开始日期不能晚于结束日期');
  if (end.diff(start, 'day') > MAX_RANGE_DAYS) throw new DomainError('INVALID_RANGE', `一次最多查询 ${MAX_RANGE_DAYS} 天`);
  return spanOf(start, end);
}

/** The commission a store pays, and where the rate comes from. */
export const commissionRule = z.object({
  rateBp: z.number().int().min(0).max(10000),
  /** `terms`: the store's approved terms; `default`: the category's default rate (no terms recorded). */
  source: z.enum(['terms', 'default']),
  freeUntil: z.string().optional(),
});
export type CommissionRule = z.infer<typeof commissionRule>;

export function commissionRuleOf(store: { category: Category; terms?: CommissionTerms }): CommissionRule {
  if (store.terms) return { rateBp: store.terms.commissionRateBp, source: 'terms', freeUntil: store.terms.freeUntil };
  return { rateBp: DEFAULT_COMMISSION_BP[store.category], source: 'default' };
}

/** The rate an order pays: none when it was paid inside the promotional months. */
export const rateFor = (rule: CommissionRule, paidAt: string | undefined) => (rule.freeUntil && paidAt && paidAt < rule.freeUntil ? 0 : rule.rateBp);

/** A ledger movement as figures read it. */
export interface Movement {
  orderId: string;
  kind: 'payment_in' | 'refund_out';
  amountFen: number;
  at: string;
}

export const financeFigures = z.object({
  /** Money paid in by customers (orders' totals). */
  revenueFen: fen,
  /** Money refunded to customers (partial refunds by their amount). */
  refundFen: fen,
  /** The platform's commission: charged on payments, given back on refunds. */
  commissionFen: z.number().int(),
  /** What the store is owed: revenue − refunds − commission. */
  netFen: z.number().int(),
  /** Orders paid in the span. */
  orderCount: z.number().int().min(0),
  /** Orders with a refund in the span. */
  refundCount: z.number().int().min(0),
});
export type FinanceFigures = z.infer<typeof financeFigures>;

export const ZERO_FIGURES: FinanceFigures = { revenueFen: 0, refundFen: 0, commissionFen: 0, netFen: 0, orderCount: 0, refundCount: 0 };

/** The commission one movement carries (negative for a refund), at the rate of the order it belongs to. */
export const movementCommission = (m: Movement, rateBp: number) => (m.kind === 'payment_in' ? 1 : -1) * percentOfFen(m.amountFen, rateBp);

/** Figures of a set of movements; `rateOf(orderId)` is the rate each order pays. */
export function figuresOf(movements: readonly Movement[], rateOf: (orderId: string) => number): FinanceFigures {
  const paid = new Set<string>();
  const refunded = new Set<string>();
  let revenueFen = 0;
  let refundFen = 0;
  let commissionFen = 0;
  for (const m of movements) {
    if (m.kind === 'payment_in') {
      revenueFen += m.amountFen;
      paid.add(m.orderId);
    } else {
      refundFen += m.amountFen;
      refunded.add(m.orderId);
    }
    commissionFen += movementCommission(m, rateOf(m.orderId));
  }
  return { revenueFen, refundFen, commissionFen, netFen: revenueFen - refundFen - commissionFen, orderCount: paid.size, refundCount: refunded.size };
}

/**
 * `payouts`, owned by the settlement module: money the platform transferred (or will) to a store for a span of
 * days. Nothing produces payouts yet (issue 12 builds settlement runs); the seed has a few past ones for the demo
 * store so the page shows what they look like.
 */
export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const;
export const PAYOUT_STATUS_LABELS: Record<(typeof PAYOUT_STATUSES)[number], string> = { pending: '待打款', paid: '已打款', failed: '打款失败' };
export const payout = z.object({
  _id: z.string(),
  storeId: z.string(),
  region: z.string(),
  /** The Shanghai dates the payout settles, both inclusive. */
  fromDate: shanghaiDay,
  toDate: shanghaiDay,
  orderCount: z.number().int().min(0),
  revenueFen: fen,
  refundFen: fen,
  commissionFen: z.number().int(),
  /** What was transferred: revenue − refunds − commission. */
  amountFen: z.number().int(),
  status: z.enum(PAYOUT_STATUSES),
  /** The bank transfer's reference, once paid. */
  reference: z.string().optional(),
  paidAt: z.string().optional(),
  createdAt: z.string(),
});
export type Payout = z.infer<typeof payout>;
