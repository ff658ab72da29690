import { formatShanghai, parseYuan, type ApiInput } from '@daojia/domain';

/** A 满减 tier as typed on the marketing page (yuan text). */
export interface TierForm {
  threshold: string;
  reduction: string;
}

/** Tiers typed as yuan → fen, or the first thing that is not an amount (the server checks the tiers themselves). */
export function tiersFromForm(rows: TierForm[]): { tiers: { thresholdFen: number; reductionFen: number }[] } | { error: string } {
  const tiers: { thresholdFen: number; reductionFen: number }[] = [];
  for (const [i, r] of rows.entries()) {
    const thresholdFen = parseYuan(r.threshold);
    const reductionFen = parseYuan(r.reduction);
    if (thresholdFen === null || reductionFen === null) return { error: `第 ${i + 1} 档的金额请填写数字（元，最多两位小数）` };
    tiers.push({ thresholdFen, reductionFen });
  }
  return { tiers };
}

export const yuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));
export const tierForms = (tiers: { thresholdFen: number; reductionFen: number }[]): TierForm[] => tiers.map((t) => ({ threshold: yuanText(t.thresholdFen), reduction: yuanText(t.reductionFen) }));

export interface CouponForm {
  title: string;
  amount: string;
  threshold: string;
  total: string;
  perUser: string;
  /** Shanghai dates, YYYY-MM-DD: valid from the start of the first to the end of the last. */
  from: string;
  to: string;
}

export function newCouponForm(now = new Date()): CouponForm {
  return { title: '', amount: '', threshold: '', total: '100', perUser: '1', from: formatShanghai(now, 'YYYY-MM-DD'), to: formatShanghai(new Date(now.getTime() + 30 * 86400e3), 'YYYY-MM-DD') };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const count = (s: string) => (/^\d{1,6}$/.test(s.trim()) ? Number(s.trim()) : null);

/** The form as createCoupon's input, or what to fix first. */
export function couponInputFromForm(f: CouponForm): { input: ApiInput<'merchantMarketing', 'createCoupon'> } | { error: string } {
  const amountFen = parseYuan(f.amount);
  const thresholdFen = f.threshold.trim() === '' ? 0 : parseYuan(f.threshold);
  const totalQuantity = count(f.total);
  const perUserLimit = count(f.perUser);
  if (!f.title.trim()) return { error: '请填写优惠券名称' };
  if (amountFen === null) return { error: '优惠金额请填写数字（元）' };
  if (thresholdFen === null) return { error: '使用门槛请填写数字（元），无门槛填 0' };
  if (totalQuantity === null || perUserLimit === null) return { error: '发放总量和每人限领请填写整数' };
  if (!DATE.test(f.from.trim()) || !DATE.test(f.to.trim())) return { error: '日期格式为 YYYY-MM-DD' };
  return {
    input: { title: f.title.trim(), amountFen, thresholdFen, totalQuantity, perUserLimit, validFrom: `${f.from.trim()}T00:00:00+08:00`, validTo: `${f.to.trim()}T23:59:59+08:00` },
  };
}
