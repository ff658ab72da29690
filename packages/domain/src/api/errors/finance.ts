/** Finance: a store's figures, per-order breakdown, payouts and exports (merchantFinance). */
export const FINANCE_ERROR_CODES = {
  INVALID_RANGE: '日期范围无效（开始不能晚于结束，最长 366 天）',
} as const satisfies Record<string, string>;
