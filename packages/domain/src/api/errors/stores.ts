/** Stores: whether a store takes this order (status, hours, modes, delivery range), its booking slots and its settings. */
export const STORES_ERROR_CODES = {
  STORE_NOT_FOUND: '店铺不存在或已下线',
  STORE_CLOSED: '店铺暂停营业',
  MODE_NOT_SUPPORTED: '店铺不支持该下单方式',
  OUT_OF_DELIVERY_RANGE: '收货地址超出配送范围',
  INVALID_SLOT: '预约时段不可选（时间、整点或营业时间不符）',
  SLOT_FULL: '预约时段已约满',
  STORE_STATUS_LOCKED: '店铺在审核中或已被平台暂停，不能自行开关店',
  SETTINGS_CONFLICT: '店铺设置前后矛盾（如配送费阶梯未覆盖配送范围）',
  STORE_PHOTO_NOT_ALLOWED: '图片须是本店已有的或您本人上传的图片',
} as const satisfies Record<string, string>;
