import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { DomainError, type Coupon, type UserCoupon, type createStoreCouponInput } from '@daojia/domain';
import * as repo from './repository';

type CouponState = 'upcoming' | 'active' | 'paused' | 'ended';
type Figures = Record<string, { paidFen: number; couponFen: number }>;

export function couponState(c: Coupon, now = new Date()): CouponState {
  if (c.paused) return 'paused';
  if (now < new Date(c.validFrom)) return 'upcoming';
  if (now > new Date(c.validTo)) return 'ended';
  return 'active';
}

function row(c: Coupon, usage: { used: number; gmvFen: number; discountFen: number }, now: Date) {
  return {
    _id: c._id,
    title: c.title,
    amountFen: c.amountFen,
    thresholdFen: c.thresholdFen,
    validFrom: c.validFrom,
    validTo: c.validTo,
    totalQuantity: c.totalQuantity ?? 0,
    perUserLimit: c.perUserLimit ?? 1,
    state: couponState(c, now),
    claimed: c.claimed ?? 0,
    ...usage,
  };
}

/**
 * The store's coupons with their figures: claimed (the template's counter), used (copies used on a paid order), and
 * the paid total and coupon discount of those orders. The orders' figures come from the orders module, passed in by
 * the caller, since orders build on marketing and not the other way round.
 */
export async function storeCouponsOverview(storeId: string, orderFigures: (orderIds: string[]) => Promise<Figures>, now = new Date()) {
  const coupons = await repo.storeCoupons(storeId);
  const used = await repo.usedCopies(coupons.map((c) => c._id));
  const figures = await orderFigures(used.map((u) => u.orderId));
  return coupons.map((c) => {
    const mine = used.filter((u) => u.couponId === c._id && figures[u.orderId]);
    return row(c, { used: mine.length, gmvFen: mine.reduce((s, u) => s + figures[u.orderId].paidFen, 0), discountFen: mine.reduce((s, u) => s + figures[u.orderId].couponFen, 0) }, now);
  });
}

const NO_USAGE = { used: 0, gmvFen: 0, discountFen: 0 };

export async function createStoreCoupon(storeId: string, input: z.output<typeof createStoreCouponInput>, now = new Date()) {
  const c: Coupon = {
    _id: `cp-${randomUUID().replace(/-/g, '').slice(0, 20)}`,
    storeId,
    title: input.title,
    amountFen: input.amountFen,
    thresholdFen: input.thresholdFen,
    validFrom: new Date(input.validFrom).toISOString(),
    validTo: new Date(input.validTo).toISOString(),
    totalQuantity: input.totalQuantity,
    perUserLimit: input.perUserLimit,
    claimed: 0,
    paused: false,
    createdAt: now.toISOString(),
  };
  await repo.insertCoupon(c);
  return { coupon: row(c, NO_USAGE, now) };
}

/** Pauses or resumes handing the coupon out (copies already claimed stay usable). Another store's coupon does not exist here. */
export async function setStoreCouponPaused(storeId: string, couponId: string, paused: boolean, orderFigures: (orderIds: string[]) => Promise<Figures>, now = new Date()) {
  const found = await repo.findCoupon({ _id: couponId, storeId });
  if (!found || found.totalQuantity === undefined) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
  if (found.paused !== paused) await repo.setPaused(couponId, storeId, paused);
  const rows = await storeCouponsOverview(storeId, orderFigures, now);
  return { coupon: rows.find((r) => r._id === couponId) ?? row({ ...found, paused }, NO_USAGE, now) };
}

const claimable = (c: Coupon, now: Date) => c.totalQuantity !== undefined && couponState(c, now) === 'active';

/** A store's coupons a consumer may claim now, with what is left and (signed in) how many they hold. */
export async function claimableCoupons(storeId: string, userKey: string | undefined, now = new Date()) {
  const coupons = (await repo.storeCoupons(storeId)).filter((c) => claimable(c, now));
  const held = userKey
    ? await repo.copiesHeld(
        coupons.map((c) => c._id),
        userKey,
      )
    : undefined;
  return {
    coupons: coupons.map((c) => ({
      _id: c._id,
      title: c.title,
      amountFen: c.amountFen,
      thresholdFen: c.thresholdFen,
      validFrom: c.validFrom,
      validTo: c.validTo,
      left: Math.max(0, c.totalQuantity! - (c.claimed ?? 0)),
      perUserLimit: c.perUserLimit ?? 1,
      ...(held ? { mine: held[c._id] ?? 0 } : {}),
    })),
  };
}

/** A copy's id: one per (coupon, user, n ≤ perUserLimit), so a user can never hold more than the limit, however fast they tap. */
const copyId = (couponId: string, userKey: string, n: number) => `uc-${createHash('sha256').update(`${couponId}\n${userKey}\n${n}`).digest('hex').slice(0, 32)}`;

/**
 * 领券: one copy into the user's wallet. The template's `claimed` goes up first, by a conditional increment that
 * refuses at the total (so concurrent claims never exceed it); the copy then takes the user's first free slot id,
 * and when every slot is taken the increment is given back.
 */
export async function claimCoupon(couponId: string, userKey: string, now = new Date()): Promise<{ userCoupon: UserCoupon }> {
  const c = await repo.findCoupon({ _id: couponId });
  if (!c || !c.storeId || c.totalQuantity === undefined) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
  if (!claimable(c, now)) throw new DomainError('COUPON_NOT_CLAIMABLE', '这张优惠券已暂停发放或不在领取期内');
  const limit = c.perUserLimit ?? 1;
  const held = (await repo.copiesHeld([couponId], userKey))[couponId] ?? 0;
  if (held >= limit) throw new DomainError('COUPON_LIMIT_REACHED', `每人限领 ${limit} 张`);
  if (!(await repo.takeCopy(couponId, c.totalQuantity))) {
    const again = await repo.findCoupon({ _id: couponId });
    if (again?.paused) throw new DomainError('COUPON_NOT_CLAIMABLE', '这张优惠券已暂停发放');
    throw new DomainError('COUPON_SOLD_OUT', '优惠券已被领完');
  }
  const copy = (n: number): UserCoupon => ({
    _id: copyId(couponId, userKey, n),
    couponId,
    _openid: userKey,
    title: c.title,
    storeId: c.storeId,
    amountFen: c.amountFen,
    thresholdFen: c.thresholdFen,
    validFrom: c.validFrom,
    validTo: c.validTo,
    status: 'available',
    claimedAt: now.toISOString(),
  });
  for (let n = held + 1; n <= limit; n++) {
    const uc = copy(n);
    if (await repo.insertUserCoupon(uc)) return { userCoupon: uc };
  }
  await repo.giveBackCopy(couponId);
  throw new DomainError('COUPON_LIMIT_REACHED', `每人限领 ${limit} 张`);
}
