/** Reviews: a consumer's review of their own received order, and the store's reply. */
export const REVIEWS_ERROR_CODES = {
  REVIEW_NOT_FOUND: '评价不存在（或不属于当前门店）',
  ORDER_NOT_REVIEWABLE: '订单完成后才能评价',
  ALREADY_REVIEWED: '这笔订单已经评价过了',
  REVIEW_PHOTO_NOT_OWN: '评价图片须是本人已上传的图片（JPG、PNG 或 WebP）',
} as const satisfies Record<string, string>;
