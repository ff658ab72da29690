import dayjs from 'dayjs';
import { DomainError } from '../errors';
import { formatFen } from '../money';
import { applyDiscount, remainingGoodsFen, type Calculator } from './context';

/** 满减: the best single tier the goods amount reaches (tiers do not stack). */
export const fullReductionCalculator: Calculator = (ctx) => {
  const best = ctx.input.store.fullReductions.filter((t) => ctx.itemsFen >= t.thresholdFen).sort((a, b) => b.reductionFen - a.reductionFen)[0];
  if (!best) return;
  const amountFen = Math.min(best.reductionFen, remainingGoodsFen(ctx));
  if (amountFen > 0) applyDiscount(ctx, { kind: 'full_reduction', label: `满${formatFen(best.thresholdFen).slice(1)}减${formatFen(best.reductionFen).slice(1)}`, amountFen });
};

export const couponCalculator: Calculator = (ctx) => {
  const { coupon, store, now } = ctx.input;
  if (!coupon) return;
  if (coupon.status !== 'available') throw new DomainError('COUPON_UNAVAILABLE', '这张优惠券已被使用或锁定');
  if (coupon.storeId && coupon.storeId !== store._id) throw new DomainError('COUPON_NOT_APPLICABLE', '这张优惠券不能在本店使用');
  const at = dayjs(now);
  if (at.isBefore(dayjs(coupon.validFrom)) || at.isAfter(dayjs(coupon.validTo))) throw new DomainError('COUPON_EXPIRED', '优惠券不在有效期内');
  if (ctx.itemsFen < coupon.thresholdFen) throw new DomainError('COUPON_THRESHOLD_NOT_MET', `商品满 ${formatFen(coupon.thresholdFen)} 才能使用这张优惠券`);
  const amountFen = Math.min(coupon.amountFen, remainingGoodsFen(ctx));
  if (amountFen > 0) applyDiscount(ctx, { kind: 'coupon', label: coupon.title, amountFen });
};

export const newUserCalculator: Calculator = (ctx) => {
  if (!ctx.input.isNewUser || !ctx.input.store.newUserDiscountFen) return;
  const amountFen = Math.min(ctx.input.store.newUserDiscountFen, remainingGoodsFen(ctx));
  if (amountFen > 0) applyDiscount(ctx, { kind: 'new_user', label: '新客立减', amountFen });
};
