/** Stores: whether a store takes this order (status, modes, delivery range) and its booking slots. */
export const STORES_ERROR_CODES = {
  STORE_NOT_FOUND: '店铺不存在或已下线',
  STORE_CLOSED: '店铺暂停营业',
  MODE_NOT_SUPPORTED: '店铺不支持该下单方式',
  OUT_OF_DELIVERY_RANGE: '收货地址超出配送范围',
  INVALID_SLOT: '预约时段不可选（时间、整点或营业时间不符）',
  SLOT_FULL: '预约时段已约满',
} as const satisfies Record<string, string>;
