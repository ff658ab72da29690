/** Orders: the cart as a whole, what an order needs, moving it, pickup codes and refund requests. */
export const ORDERS_ERROR_CODES = {
  EMPTY_CART: '购物车是空的',
  BELOW_MIN_ORDER: '未达到起送金额',
  ADDRESS_REQUIRED: '外卖订单需要收货地址',
  SLOT_REQUIRED: '预约订单需要选择时段',
  ORDER_NOT_FOUND: '订单不存在（或不属于当前账号/门店）',
  ILLEGAL_TRANSITION: '订单当前状态不允许该操作',
  ORDER_BUSY: '订单状态刚刚变化，请刷新后重试',
  REFUND_TOO_LARGE: '退款超出可退范围（商品数量超过未退数量，或订单已退款）',
  CODE_INVALID: '核销码无效或订单未备好',
  CODE_MISMATCH: '核销码与所打开的订单不符',
} as const satisfies Record<string, string>;
