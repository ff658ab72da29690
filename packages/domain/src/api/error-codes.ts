/**
 * Every error code a cloud function may reply with, and what it means (in Chinese, as the apps would say it).
 * Actions declare which of these they can return (`errors` in their action table); docs/API.md lists both, and in
 * development a reply with an undeclared code fails loudly, so the list cannot go stale.
 */
export const ERROR_CODES = {
  // Any action
  INVALID_INPUT: '请求参数不符合接口要求（消息中说明哪个字段）',
  UNKNOWN_ACTION: '函数没有这个操作',
  UNAUTHENTICATED: '未登录',
  FORBIDDEN: '当前账号无权执行该操作',
  // Timers and payment callbacks: only their trigger starts them, never a client (function-kit/src/entry.ts)
  PERMISSION_DENIED: '该功能仅供平台内部定时任务或支付回调使用，客户端无权调用',
  INTERNAL_ERROR: '服务内部错误，可重试',
  // Stores and catalogue
  STORE_NOT_FOUND: '店铺不存在或已下线',
  STORE_CLOSED: '店铺暂停营业',
  STORE_MISMATCH: '一个订单只能包含同一家店的商品',
  MODE_NOT_SUPPORTED: '店铺不支持该下单方式',
  PRODUCT_NOT_FOUND: '商品不存在',
  PRODUCT_OFF_SHELF: '商品已下架',
  OUT_OF_STOCK: '库存不足或已售罄',
  INVALID_SPEC: '商品没有所选规格',
  INVALID_PRICE: '商品价格配置有误',
  INVALID_QUANTITY: '商品数量超出允许范围',
  DUPLICATE_ITEM: '同一商品在购物车中重复出现',
  EMPTY_CART: '购物车是空的',
  BELOW_MIN_ORDER: '未达到起送金额',
  // Fulfilment details
  ADDRESS_REQUIRED: '外卖订单需要收货地址',
  ADDRESS_NOT_FOUND: '收货地址不存在',
  OUT_OF_DELIVERY_RANGE: '收货地址超出配送范围',
  SLOT_REQUIRED: '预约订单需要选择时段',
  INVALID_SLOT: '预约时段不可选（时间、整点或营业时间不符）',
  SLOT_FULL: '预约时段已约满',
  // Coupons
  COUPON_NOT_FOUND: '优惠券不存在',
  COUPON_UNAVAILABLE: '优惠券已被使用或锁定',
  COUPON_EXPIRED: '优惠券不在有效期内',
  COUPON_NOT_APPLICABLE: '优惠券不能在本店使用',
  COUPON_THRESHOLD_NOT_MET: '未达到优惠券使用门槛',
  // Orders and payment
  ORDER_NOT_FOUND: '订单不存在（或不属于当前账号/门店）',
  ILLEGAL_TRANSITION: '订单当前状态不允许该操作',
  ORDER_BUSY: '订单状态刚刚变化，请刷新后重试',
  ORDER_NOT_PAYABLE: '订单已支付或已关闭',
  ORDER_EXPIRED: '订单已超过支付时限',
  REFUND_TOO_LARGE: '退款金额超过实付金额',
  CODE_INVALID: '核销码无效或订单未备好',
  CODE_MISMATCH: '核销码与所打开的订单不符',
  REFUND_NOT_FOUND: '退款单不存在（或不在你管理的区域）',
  REFUND_NOT_OPEN: '退款单不是待处理的异常状态（已成功、处理中或已关闭）',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Codes any action may return whatever it declares: the transport's own (input, routing, authorization, faults). */
export const TRANSPORT_ERRORS = ['INVALID_INPUT', 'UNKNOWN_ACTION', 'UNAUTHENTICATED', 'FORBIDDEN', 'INTERNAL_ERROR'] as const satisfies readonly ErrorCode[];
