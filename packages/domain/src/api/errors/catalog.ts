/** Catalogue: the products a cart names, their specs, prices and stock. */
export const CATALOG_ERROR_CODES = {
  STORE_MISMATCH: '一个订单只能包含同一家店的商品',
  PRODUCT_NOT_FOUND: '商品不存在',
  PRODUCT_OFF_SHELF: '商品已下架',
  OUT_OF_STOCK: '库存不足或已售罄',
  INVALID_SPEC: '商品没有所选规格',
  INVALID_PRICE: '商品价格配置有误',
  INVALID_QUANTITY: '商品数量超出允许范围',
  DUPLICATE_ITEM: '同一商品在购物车中重复出现',
} as const satisfies Record<string, string>;
