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
  /**
   * Claiming (a store's own coupons, created in the merchant app): how many copies exist in all and per user, how
   * many were claimed (never above totalQuantity: one conditional increment per claim), and whether the store paused
   * handing it out. Absent on coupons given out by hand (the demo wallet's): those cannot be claimed.
   */
  totalQuantity: z.number().int().min(1).optional(),
  perUserLimit: z.number().int().min(1).optional(),
  claimed: z.number().int().min(0).optional(),
  paused: z.boolean().optional(),
  createdAt: z.string().optional(),
});
export type Coupon = z.infer<typeof coupon>;
/** What a coupon says on its face (title, amount, threshold, validity): what the apps list, whatever else they add. */
export const couponFace = coupon.pick({ _id: true, title: true, amountFen: true, thresholdFen: true, validFrom: true, validTo: true });
/** The template fields a user's copy carries (what pricing needs); claiming figures stay on the template. */
const COPY_OMITS = { _id: true, totalQuantity: true, perUserLimit: true, claimed: true, paused: true, createdAt: true } as const;

export const userCouponStatus = z.enum(['available', 'locked', 'used', 'expired']);
export const userCoupon = coupon.omit(COPY_OMITS).extend({
  _id: id,
  couponId: id,
  _openid: z.string(),
  status: userCouponStatus,
  orderId: z.string().optional(),
  /** When the user claimed it (absent on copies given out by hand). */
  claimedAt: z.string().optional(),
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
