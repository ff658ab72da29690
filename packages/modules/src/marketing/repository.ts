import { userCoupon, type UserCoupon } from '@daojia/domain';
import { db, _ } from '../runtime';
import { parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['coupons', 'user_coupons'] as const;

const userCoupons = () => db.collection('user_coupons');
const parse = parser('user_coupons', userCoupon);

export async function findUserCoupon(userCouponId: string, userKey: string): Promise<UserCoupon | undefined> {
  const doc = (await userCoupons().where({ _id: userCouponId, _openid: userKey }).limit(1).get()).data[0];
  return doc === undefined ? undefined : parse(doc);
}

/** available → locked by this order, atomically: two orders cannot lock one coupon. */
export async function lock(userCouponId: string, userKey: string, orderId: string): Promise<boolean> {
  const { updated } = await userCoupons().where({ _id: userCouponId, _openid: userKey, status: 'available' }).update({ status: 'locked', orderId });
  return updated === 1;
}

/** locked by this order → used (only this order's lock counts). */
export async function markUsed(userCouponId: string, orderId: string): Promise<void> {
  await userCoupons().where({ _id: userCouponId, orderId, status: 'locked' }).update({ status: 'used' });
}

/** Back to available, only while still tied to this order and in one of `from`. */
export async function release(userCouponId: string, orderId: string, from: ('locked' | 'used')[]): Promise<void> {
  await userCoupons()
    .where({ _id: userCouponId, orderId, status: _.in(from) })
    .update({ status: 'available', orderId: _.remove() });
}
