/** Marketing: coupons in a user's wallet, and claiming a store's coupons. */
export const MARKETING_ERROR_CODES = {
  COUPON_NOT_FOUND: '优惠券不存在',
  COUPON_UNAVAILABLE: '优惠券已被使用或锁定',
  COUPON_EXPIRED: '优惠券不在有效期内',
  COUPON_NOT_APPLICABLE: '优惠券不能在本店使用',
  COUPON_THRESHOLD_NOT_MET: '未达到优惠券使用门槛',
  COUPON_NOT_CLAIMABLE: '这张优惠券不能领取（已暂停或不在领取期内）',
  COUPON_SOLD_OUT: '优惠券已被领完',
  COUPON_LIMIT_REACHED: '已达到这张优惠券的每人限领数量',
} as const satisfies Record<string, string>;
