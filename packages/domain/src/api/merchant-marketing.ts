import { z } from 'zod';
import { fen } from '../schemas/common';
import { fullReduction } from '../schemas/store';
import { couponFace } from '../schemas/coupon';
import { contract } from './contract';

export const FULL_REDUCTION_MAX_TIERS = 5;

/**
 * A store's 满减 tiers as the merchant sets them: at most 5, thresholds rising, each reduction below its threshold and
 * a higher tier giving more (pricing applies the best tier reached: a higher tier giving less would never apply).
 */
export const fullReductionTiers = z
  .array(fullReduction)
  .max(FULL_REDUCTION_MAX_TIERS, `满减最多 ${FULL_REDUCTION_MAX_TIERS} 档`)
  .superRefine((tiers, ctx) => {
    tiers.forEach((t, i) => {
      if (t.thresholdFen < 1) ctx.addIssue({ code: 'custom', path: [i, 'thresholdFen'], message: '满减门槛必须大于 0' });
      const prev = tiers[i - 1];
      if (!prev) return;
      if (t.thresholdFen <= prev.thresholdFen) ctx.addIssue({ code: 'custom', path: [i, 'thresholdFen'], message: '满减门槛须从低到高排列，且不能重复' });
      if (t.reductionFen <= prev.reductionFen) ctx.addIssue({ code: 'custom', path: [i, 'reductionFen'], message: '门槛更高的一档减免也须更多' });
    });
  });

/** What a coupon is doing now: `upcoming` before its start, `ended` after its end, `paused` by the store. */
export const couponState = z.enum(['upcoming', 'active', 'paused', 'ended']);
export const COUPON_STATE_LABELS: Record<z.infer<typeof couponState>, string> = { upcoming: '未开始', active: '发放中', paused: '已暂停', ended: '已结束' };

export const storeCouponRow = couponFace.extend({
  totalQuantity: z.number().int().min(0),
  perUserLimit: z.number().int().min(1),
  state: couponState,
  /** Copies users claimed, and of those the ones used on a paid order. */
  claimed: z.number().int().min(0),
  used: z.number().int().min(0),
  /** Paid amount of the orders that used it, and the discount it gave them. */
  gmvFen: fen,
  discountFen: fen,
});

export const marketingOverviewInput = z.object({}).strict();
export const marketingOverviewOutput = z.object({ fullReductions: z.array(fullReduction), coupons: z.array(storeCouponRow) });

export const setFullReductionsInput = z.object({ tiers: fullReductionTiers }).strict();
export const setFullReductionsOutput = z.object({ fullReductions: z.array(fullReduction) });

const isoInput = z.string().datetime({ offset: true, message: '时间格式不正确' });
export const createStoreCouponInput = z
  .object({
    title: z.string().trim().min(1, '请填写优惠券名称').max(20, '名称最多 20 字'),
    amountFen: fen.min(1, '优惠金额至少 0.01 元').max(100_000, '优惠金额最多 1000 元'),
    thresholdFen: fen.max(10_000_000),
    totalQuantity: z.number().int().min(1, '发放总量至少 1 张').max(100_000, '发放总量最多 100000 张'),
    perUserLimit: z.number().int().min(1, '每人限领至少 1 张').max(10, '每人限领最多 10 张'),
    validFrom: isoInput,
    validTo: isoInput,
  })
  .strict()
  .refine((c) => c.thresholdFen === 0 || c.amountFen < c.thresholdFen, { path: ['amountFen'], message: '优惠金额必须小于使用门槛' })
  .refine((c) => Date.parse(c.validTo) > Date.parse(c.validFrom), { path: ['validTo'], message: '结束时间须晚于开始时间' })
  .refine((c) => Date.parse(c.validTo) > Date.now(), { path: ['validTo'], message: '结束时间须在现在之后' });
export const storeCouponOutput = z.object({ coupon: storeCouponRow });

export const setCouponPausedInput = z.object({ couponId: z.string().min(1).max(64), paused: z.boolean() }).strict();

export const MERCHANT_MARKETING_API = {
  overview: contract(marketingOverviewInput, marketingOverviewOutput),
  setFullReductions: contract(setFullReductionsInput, setFullReductionsOutput),
  createCoupon: contract(createStoreCouponInput, storeCouponOutput),
  setCouponPaused: contract(setCouponPausedInput, storeCouponOutput, ['COUPON_NOT_FOUND']),
};
