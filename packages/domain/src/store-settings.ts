import { z } from 'zod';
import { fen, orderMode } from './schemas/common';
import { bookingSlotMin, deliveryTier, hoursException, openingRange, type OpeningRange, type Store } from './schemas/store';
import { rangeEnd, minuteText } from './hours';

/**
 * What a store's owner sets from the merchant app. Each field is checked on its own here; how fields must agree
 * (tiers cover the radius, delivery needs tiers) is `settingsIssues`, run on the patch for what it carries and on the
 * store as the patch would leave it (see the stores module's settings service).
 */

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const MAX_RANGES_PER_DAY = 4;

const range = openingRange.refine((r) => r.open !== r.close, { message: '营业时段的开始和结束不能相同' }).refine((r) => r.open < 1440, { message: '营业时段须在 24:00 前开始' });
const dayRanges = z.array(range).max(MAX_RANGES_PER_DAY, { message: `每天最多 ${MAX_RANGES_PER_DAY} 个营业时段` });

/** Overlapping ranges of one day (a break is the gap between two ranges), as the first pair's text. */
function overlapIn(ranges: readonly OpeningRange[]): string | undefined {
  const sorted = [...ranges].sort((a, b) => a.open - b.open);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].open < rangeEnd(sorted[i - 1])) return `${minuteText(sorted[i - 1].open)}-${minuteText(sorted[i - 1].close)} 与 ${minuteText(sorted[i].open)}-${minuteText(sorted[i].close)} 重叠`;
  }
  return undefined;
}

export const settingsFields = {
  hours: z.array(dayRanges).length(7, { message: '营业时间需包含一周七天' }),
  hourExceptions: z.array(hoursException.extend({ ranges: dayRanges })).max(60, { message: '特殊日期最多 60 个' }),
  maxDeliveryM: z.number().int().min(0).max(20_000, { message: '配送范围最大 20 公里' }),
  deliveryTiers: z.array(deliveryTier.extend({ feeFen: fen.max(100_00, { message: '配送费不能超过 100 元' }) })).max(10, { message: '配送费阶梯最多 10 档' }),
  minOrderFen: fen.max(1000_00, { message: '起送价不能超过 1000 元' }),
  packagingFeeFen: fen.max(50_00, { message: '打包费不能超过 50 元' }),
  modes: z.array(orderMode).min(1, { message: '至少开通一种下单方式' }),
  bookingSlotMin,
  bookingCapacity: z.number().int().min(1, { message: '每个时段至少可约 1 人' }).max(100, { message: '每个时段最多可约 100 人' }),
  announcement: z.string().trim().max(200, { message: '公告最多 200 字' }),
  phone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|400-?\d{3}-?\d{4})$/, { message: '请填写正确的手机或座机号码' }),
  logo: z.string().min(1).max(512),
  photos: z.array(z.string().min(1).max(512)).max(9, { message: '店铺照片最多 9 张' }),
};
export const SETTINGS_KEYS = Object.keys(settingsFields) as (keyof typeof settingsFields)[];
export type StoreSettings = { [K in keyof typeof settingsFields]: z.output<(typeof settingsFields)[K]> };

type Issue = { path: (string | number)[]; message: string };

/**
 * How the fields present must agree with each other, with the message a merchant reads. Run on a patch (only what
 * it carries) and on the store as the patch would leave it.
 */
export function settingsIssues(s: Partial<StoreSettings>): Issue[] {
  const issues: Issue[] = [];
  if (s.hours) {
    s.hours.forEach((day, d) => {
      const overlap = overlapIn(day);
      if (overlap) issues.push({ path: ['hours', d], message: `${WEEKDAYS[d]}营业时段${overlap}` });
      // What a range past midnight carries into the next day must end before that day opens.
      const carry = Math.max(0, ...day.map((r) => rangeEnd(r) - 1440));
      const next = s.hours![(d + 1) % 7];
      if (carry > 0 && next.some((r) => r.open < carry)) issues.push({ path: ['hours', d], message: `${WEEKDAYS[d]}跨夜营业到 ${minuteText(carry)}，与${WEEKDAYS[(d + 1) % 7]}的营业时段重叠` });
    });
  }
  if (s.hourExceptions) {
    const seen = new Set<string>();
    s.hourExceptions.forEach((e, i) => {
      if (!isRealDate(e.date)) issues.push({ path: ['hourExceptions', i, 'date'], message: `${e.date} 不是有效日期` });
      if (seen.has(e.date)) issues.push({ path: ['hourExceptions', i, 'date'], message: `特殊日期 ${e.date} 重复` });
      seen.add(e.date);
      const overlap = overlapIn(e.ranges);
      if (overlap) issues.push({ path: ['hourExceptions', i, 'ranges'], message: `${e.date} 的营业时段${overlap}` });
    });
  }
  if (s.deliveryTiers) {
    s.deliveryTiers.forEach((t, i) => {
      if (i > 0 && t.upToM <= s.deliveryTiers![i - 1].upToM) issues.push({ path: ['deliveryTiers', i, 'upToM'], message: '配送费阶梯的距离须从近到远递增' });
    });
  }
  const delivers = s.modes?.includes('delivery');
  if (delivers && s.deliveryTiers && s.deliveryTiers.length === 0) issues.push({ path: ['deliveryTiers'], message: '开通外卖需至少设置一档配送费' });
  if (delivers && s.maxDeliveryM !== undefined && s.maxDeliveryM < 100) issues.push({ path: ['maxDeliveryM'], message: '开通外卖需设置至少 100 米的配送范围' });
  if (s.deliveryTiers?.length && s.maxDeliveryM !== undefined && s.deliveryTiers[s.deliveryTiers.length - 1].upToM < s.maxDeliveryM) {
    issues.push({ path: ['deliveryTiers'], message: `最远一档配送费须覆盖整个配送范围（${s.maxDeliveryM} 米）` });
  }
  return issues;
}

const isRealDate = (date: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return true; // the format's own message says it
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

const withIssues = <T extends Partial<StoreSettings>>(value: T, ctx: z.RefinementCtx) => {
  for (const issue of settingsIssues(value)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
};

/** A settings change: any of the fields, at least one; the fields it carries must agree with each other. */
export const storeSettingsPatch = z
  .object(settingsFields)
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, { message: '没有要修改的设置' })
  .superRefine(withIssues);
export type StoreSettingsPatch = z.output<typeof storeSettingsPatch>;

/** Every setting of a store, as the merchant app edits them: the store's fields with the platform defaults filled in. */
export const storeSettings = z.object(settingsFields).superRefine(withIssues);

/** A store's settings as it has them (fields a store never set read as the platform defaults). */
export function settingsOf(s: Store, defaults: { bookingCapacity: number; bookingSlotMin: StoreSettings['bookingSlotMin'] }): StoreSettings {
  return {
    hours: s.hours,
    hourExceptions: s.hourExceptions ?? [],
    maxDeliveryM: s.maxDeliveryM,
    deliveryTiers: s.deliveryTiers,
    minOrderFen: s.minOrderFen,
    packagingFeeFen: s.packagingFeeFen,
    modes: s.modes,
    bookingSlotMin: s.bookingSlotMin ?? defaults.bookingSlotMin,
    bookingCapacity: s.bookingCapacity ?? defaults.bookingCapacity,
    announcement: s.announcement,
    phone: s.phone,
    logo: s.logo,
    photos: s.photos ?? [],
  };
}

/** The first thing wrong with a whole set of settings, or undefined: the store as a patch would leave it. */
export function firstSettingsIssue(s: StoreSettings): Issue | undefined {
  return settingsIssues(s)[0];
}
