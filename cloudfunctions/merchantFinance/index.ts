import { financeExportInput, financeExportOutput, financeOrdersInput, financeOrdersOutput, financePayoutsInput, financePayoutsOutput, financeSummaryInput, financeSummaryOutput } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { financeExport, financeOrders, financePayouts, financeSummary } from '@daojia/modules/settlement';

/**
 * A store's money, for its owner only (`store.finance.read`: a clerk is refused FORBIDDEN before anything is read):
 * today / this week / this month, the per-order breakdown of a range, payouts, and the breakdown as a file.
 */
export const main = defineFunction('merchantFinance', {
  summary: action({
    input: financeSummaryInput,
    output: financeSummaryOutput,
    errors: ['STORE_NOT_FOUND'],
    permission: 'store.finance.read',
    handler: (_input, { staff }) => financeSummary(staff.storeId),
  }),

  orders: action({
    input: financeOrdersInput,
    output: financeOrdersOutput,
    errors: ['INVALID_RANGE', 'STORE_NOT_FOUND'],
    permission: 'store.finance.read',
    handler: (q, { staff }) => financeOrders(staff.storeId, q),
  }),

  payouts: action({
    input: financePayoutsInput,
    output: financePayoutsOutput,
    errors: [],
    permission: 'store.finance.read',
    handler: (q, { staff }) => financePayouts(staff.storeId, q),
  }),

  /** csv or xlsx of the range's breakdown, in cloud storage, with a temporary download URL. */
  export: action({
    input: financeExportInput,
    output: financeExportOutput,
    errors: ['INVALID_RANGE', 'STORE_NOT_FOUND'],
    permission: 'store.finance.read',
    handler: (q, { staff }) => financeExport(staff.storeId, q),
  }),
});
