/** Accounts: a user's own data (addresses). */
export const ACCOUNTS_ERROR_CODES = {
  ADDRESS_NOT_FOUND: '收货地址不存在',
} as const satisfies Record<string, string>;
