import { z } from 'zod';
import { fen, id } from './common';

/** A coupon template; a user holds copies as user coupons. Platform-wide when storeId is absent. */
export const coupon = z.object({
  _id: id,
  title: z.string(),
  storeId: id.optional(),
  amountFen: fen.min(1),
  thresholdFen: fen,
  validFrom: z.string(),
  validTo: z.string(),
});
export type Coupon = z.infer<typeof coupon>;

export const userCouponStatus = z.enum(['available', 'locked', 'used', 'expired']);
export const userCoupon = coupon.omit({ _id: true }).extend({
  _id: id,
  couponId: id,
  _openid: z.string(),
  status: userCouponStatus,
  orderId: z.string().optional(),
});
export type UserCoupon = z.infer<typeof userCoupon>;

export const address = z.object({
  _id: id,
  _openid: z.string(),
  contact: z.string().min(1).max(20),
  phone: z.string().regex(/^1\d{10}$/, '请输入11位手机号'),
  text: z.string().min(1).max(120),
  location: z.object({ lng: z.number(), lat: z.number() }),
});
export type Address = z.infer<typeof address>;
