/** Marketing: coupon templates (`coupons`) and the copies in users' wallets (`user_coupons`): lock, use, return. */
export { COLLECTIONS } from './repository';
export { couponForCart, lockCoupon, useCoupon, returnCoupon } from './coupons';
export { MARKETING_ERROR_CODES } from '@daojia/domain';
