import { z } from 'zod';
import { couponFace, userCoupon } from '../schemas/coupon';
import { contract } from './contract';

/** A store's coupons a consumer can claim now, with how many are left and how many more this caller may take. */
export const claimableCoupon = couponFace.extend({
  left: z.number().int().min(0),
  /** Copies the caller already holds; absent for an anonymous caller. */
  mine: z.number().int().min(0).optional(),
  perUserLimit: z.number().int().min(1),
});

export const storeCouponsInput = z.object({ storeId: z.string().min(1).max(64) }).strict();
export const storeCouponsOutput = z.object({ coupons: z.array(claimableCoupon) });

export const claimCouponInput = z.object({ couponId: z.string().min(1).max(64) }).strict();
export const claimCouponOutput = z.object({ userCoupon });

export const MARKETING_API = {
  storeCoupons: contract(storeCouponsInput, storeCouponsOutput),
  claim: contract(claimCouponInput, claimCouponOutput, ['COUPON_NOT_FOUND', 'COUPON_NOT_CLAIMABLE', 'COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED']),
};
