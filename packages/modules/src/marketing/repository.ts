import { coupon, userCoupon, type Coupon, type UserCoupon } from '@daojia/domain';
import { db, _ } from '../runtime';
import { addOnce, parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['coupons', 'user_coupons'] as const;

const userCoupons = () => db.collection('user_coupons');
const parse = parser('user_coupons', userCoupon);
const coupons = () => db.collection('coupons');
const parseCoupon = parser('coupons', coupon);

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

/** A store's claimable coupons (those created with a quantity), newest first. */
export async function storeCoupons(storeId: string): Promise<Coupon[]> {
  const { data } = await coupons()
    .where({ storeId, totalQuantity: _.exists(true) })
    .orderBy('createdAt', 'desc')
    .limit(100)
    .get();
  return data.map(parseCoupon);
}

export async function findCoupon(where: Record<string, unknown>): Promise<Coupon | undefined> {
  const doc = (await coupons().where(where).limit(1).get()).data[0];
  return doc === undefined ? undefined : parseCoupon(doc);
}

export const insertCoupon = async (c: Coupon) => {
  await coupons().add(coupon.parse(c));
};

export async function setPaused(couponId: string, storeId: string, paused: boolean): Promise<boolean> {
  const { updated } = await coupons().where({ _id: couponId, storeId }).update({ paused });
  return updated === 1;
}

/** One more copy claimed, only while fewer than `total` are: concurrent claims never take more than the total. */
export async function takeCopy(couponId: string, total: number): Promise<boolean> {
  const { updated } = await coupons()
    .where({ _id: couponId, paused: _.neq(true), claimed: _.lt(total) })
    .update({ claimed: _.inc(1) });
  return updated === 1;
}

export async function giveBackCopy(couponId: string): Promise<void> {
  await coupons()
    .doc(couponId)
    .update({ claimed: _.inc(-1) });
}

/** Inserts a user's copy under its per-user slot id; false when that slot is taken. */
export const insertUserCoupon = (uc: UserCoupon) => addOnce(() => userCoupons().add(userCoupon.parse(uc)));

/** Per coupon, how many copies the user holds (any status). */
export async function copiesHeld(couponIds: string[], userKey: string): Promise<Record<string, number>> {
  if (!couponIds.length) return {};
  const { data } = await userCoupons()
    .where({ couponId: _.in(couponIds), _openid: userKey })
    .field({ couponId: true })
    .limit(1000)
    .get();
  const out: Record<string, number> = {};
  for (const d of data as { couponId: string }[]) out[d.couponId] = (out[d.couponId] ?? 0) + 1;
  return out;
}

/** The used copies of these coupons and the orders they were used on. */
export async function usedCopies(couponIds: string[]): Promise<{ couponId: string; orderId: string }[]> {
  if (!couponIds.length) return [];
  const { data } = await userCoupons()
    .where({ couponId: _.in(couponIds), status: 'used' })
    .field({ couponId: true, orderId: true })
    .limit(1000)
    .get();
  return (data as { couponId: string; orderId?: string }[]).filter((d) => d.orderId).map((d) => ({ couponId: d.couponId, orderId: d.orderId! }));
}
