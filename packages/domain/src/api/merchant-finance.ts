import { z } from 'zod';
import { contract } from './contract';
import { orderMode } from '../schemas/common';
import { orderStatus } from '../order-state/statuses';
import { commissionRule, financeFigures, payout, shanghaiDay, FINANCE_PERIODS } from '../finance';

/**
 * merchantFinance: a store's money for its owner (`store.finance.read`; a clerk is refused). Figures from the
 * settlement ledger, in Shanghai days; commission per the store's terms or the category default until issue 12's
 * rules engine books it (packages/domain/src/finance.ts says how).
 */
const span = z.object({ from: z.string(), to: z.string(), fromDate: shanghaiDay, toDate: shanghaiDay });

export const financeSummaryInput = z.object({}).strict();
export const financeSummaryOutput = z.object({
  periods: z.record(z.enum(FINANCE_PERIODS), span.extend({ figures: financeFigures })),
  commission: commissionRule,
});

const rangeInput = z.object({ fromDate: shanghaiDay, toDate: shanghaiDay });
export const financeOrdersInput = rangeInput.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(20) }).strict();
/** One order's money movements inside the range (a refund of an order paid earlier shows with revenue 0). */
export const financeOrderRow = z.object({
  orderId: z.string(),
  orderNo: z.string(),
  mode: orderMode,
  status: orderStatus,
  paidAt: z.string().optional(),
  /** The latest movement in the range: rows are newest first by it. */
  lastAt: z.string(),
  rateBp: z.number().int().min(0),
  revenueFen: z.number().int().min(0),
  refundFen: z.number().int().min(0),
  commissionFen: z.number().int(),
  netFen: z.number().int(),
});
export const financeOrdersOutput = z.object({ range: span, rows: z.array(financeOrderRow), total: z.number().int().min(0), totals: financeFigures });

export const financePayoutsInput = z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(20) }).strict();
export const financePayoutsOutput = z.object({ payouts: z.array(payout), total: z.number().int().min(0) });

export const financeExportInput = rangeInput.extend({ format: z.enum(['csv', 'xlsx']) }).strict();
/** The file in cloud storage (`fileId`) and a temporary download URL (an hour). */
export const financeExportOutput = z.object({ fileId: z.string(), url: z.string(), fileName: z.string(), rows: z.number().int().min(0) });

export const MERCHANT_FINANCE_API = {
  summary: contract(financeSummaryInput, financeSummaryOutput, ['STORE_NOT_FOUND']),
  orders: contract(financeOrdersInput, financeOrdersOutput, ['INVALID_RANGE', 'STORE_NOT_FOUND']),
  payouts: contract(financePayoutsInput, financePayoutsOutput),
  export: contract(financeExportInput, financeExportOutput, ['INVALID_RANGE', 'STORE_NOT_FOUND']),
};
