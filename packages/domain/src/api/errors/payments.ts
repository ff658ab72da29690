/** Payments: paying an order and the refunds that send money back. */
export const PAYMENTS_ERROR_CODES = {
  ORDER_NOT_PAYABLE: '订单已支付或已关闭',
  ORDER_EXPIRED: '订单已超过支付时限',
  REFUND_NOT_FOUND: '退款单不存在（或不在你管理的区域）',
  REFUND_NOT_OPEN: '退款单不是待处理的异常状态（已成功、处理中或已关闭）',
} as const satisfies Record<string, string>;
