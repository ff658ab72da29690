/** Catalogue: the products a cart names, their specs, prices and stock. */
export const CATALOG_ERROR_CODES = {
  STORE_MISMATCH: '一个订单只能包含同一家店的商品',
  PRODUCT_NOT_FOUND: '商品不存在',
  PRODUCT_OFF_SHELF: '商品已下架',
  OUT_OF_STOCK: '库存不足或已售罄',
  INVALID_SPEC: '商品没有所选规格',
  SKU_REQUIRED: '请选择商品规格（如大份/小份）',
  SKU_NOT_FOUND: '商品没有所选规格，请刷新后重新选择',
  INVALID_PRICE: '商品价格配置有误',
  INVALID_QUANTITY: '商品数量超出允许范围',
  DUPLICATE_ITEM: '同一商品在购物车中重复出现',
  // The merchant's catalogue management (merchantCatalog).
  CATEGORY_NOT_FOUND: '分类不存在',
  CATEGORY_EXISTS: '已有同名分类',
  CATEGORY_NOT_EMPTY: '分类下还有商品，请先移走或删除这些商品',
  PRODUCT_HELD: '有未处理完的订单占用该商品库存，暂不能删除商品或增删规格',
  PRODUCT_BUSY: '商品正被频繁改动，请稍后重试',
  PRICE_TOO_LOW: '调整后的价格不能低于 0.01 元',
  IMAGE_NOT_ALLOWED: '只能使用自己上传的图片',
} as const satisfies Record<string, string>;
