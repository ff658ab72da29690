import { DomainError, type UserCoupon } from '@daojia/domain';
import * as repo from './repository';

/** The user's own coupon a cart asks for (whether it applies is pricing's call). */
export async function couponForCart(userCouponId: string, userKey: string): Promise<UserCoupon> {
  const coupon = await repo.findUserCoupon(userCouponId, userKey);
  if (!coupon) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
  return coupon;
}

/** Locks the coupon for an order being placed; refused when another order got it first. */
export async function lockCoupon(userCouponId: string, userKey: string, orderId: string): Promise<void> {
  if (!(await repo.lock(userCouponId, userKey, orderId))) throw new DomainError('COUPON_UNAVAILABLE', '这张优惠券已被使用或锁定');
}

/** The order was paid: its locked coupon is used. */
export const useCoupon = (userCouponId: string, orderId: string) => repo.markUsed(userCouponId, orderId);

/**
 * Puts the order's coupon back into the user's wallet, only while it is still tied to this order (a coupon released
 * once and locked by another order is never touched). Unpaid cancels free a `locked` coupon; a full refund frees a
 * `used` one, as Meituan and Ele.me return coupons when an order is cancelled or refunded in full.
 */
export async function returnCoupon(order: { _id: string; userCouponId?: string }, from: ('locked' | 'used')[]): Promise<void> {
  if (order.userCouponId) await repo.release(order.userCouponId, order._id, from);
}
