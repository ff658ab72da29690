import { MERCHANT_MARKETING_API } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { createStoreCoupon, setStoreCouponPaused, storeCouponsOverview } from '@daojia/modules/marketing';
import { couponOrderFigures } from '@daojia/modules/orders';
import { setFullReductions, storePromotions } from '@daojia/modules/stores';

/** The store's own promotions: 满减 tiers and store coupons. Changes are the owner's (`store.marketing.manage`); staff read them. */
const figuresFor = (storeId: string) => (orderIds: string[]) => couponOrderFigures(storeId, orderIds);

export const main = defineFunction('merchantMarketing', {
  overview: action({
    ...MERCHANT_MARKETING_API.overview,
    permission: 'store.read',
    async handler(_input, { staff }) {
      const [{ fullReductions }, coupons] = await Promise.all([storePromotions(staff.storeId), storeCouponsOverview(staff.storeId, figuresFor(staff.storeId))]);
      return { fullReductions, coupons };
    },
  }),

  setFullReductions: action({
    ...MERCHANT_MARKETING_API.setFullReductions,
    permission: 'store.marketing.manage',
    handler: async ({ tiers }, { staff }) => ({ fullReductions: await setFullReductions(staff.storeId, tiers) }),
  }),

  createCoupon: action({
    ...MERCHANT_MARKETING_API.createCoupon,
    permission: 'store.marketing.manage',
    handler: (input, { staff }) => createStoreCoupon(staff.storeId, input),
  }),

  setCouponPaused: action({
    ...MERCHANT_MARKETING_API.setCouponPaused,
    permission: 'store.marketing.manage',
    handler: ({ couponId, paused }, { staff }) => setStoreCouponPaused(staff.storeId, couponId, paused, figuresFor(staff.storeId)),
  }),
});
