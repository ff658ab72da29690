/** Marketing: coupon templates (`coupons`) and the copies in users' wallets (`user_coupons`): a store's own coupons (create, pause, figures), claiming, lock, use, return. */
export { COLLECTIONS } from './repository';
export { couponForCart, lockCoupon, useCoupon, returnCoupon } from './coupons';
export { storeCouponsOverview, createStoreCoupon, setStoreCouponPaused, claimableCoupons, claimCoupon, couponState } from './store-coupons';
export { MARKETING_ERROR_CODES } from '@daojia/domain';
