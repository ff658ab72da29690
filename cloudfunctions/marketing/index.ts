import { MARKETING_API } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { claimCoupon, claimableCoupons } from '@daojia/modules/marketing';

/** A consumer's side of store coupons: what a store hands out now, and 领券. */
export const main = defineFunction('marketing', {
  storeCoupons: action({
    ...MARKETING_API.storeCoupons,
    permission: 'store.browse',
    handler: ({ storeId }, { caller }) => claimableCoupons(storeId, caller.userKey && !caller.isAnonymous ? caller.userKey : undefined),
  }),

  claim: action({
    ...MARKETING_API.claim,
    permission: 'order.place',
    handler: ({ couponId }, { caller }) => claimCoupon(couponId, caller.userKey),
  }),
});
