/**
 * The settings page's form, pure: what the merchant types (yuan, 「10:00-14:00，17:00-22:00」, metres) to and from the
 * store's settings (fen, minutes since midnight). The patch sent holds only what changed; the function checks it
 * again (the domain's storeSettingsPatch), so these checks only save a round trip and say where the mistake is.
 */
import { BOOKING_SLOT_LENGTHS, formatFen, minuteText, parseYuan, storeSettingsPatch, type ApiOutput, type OpeningRange, type OrderMode, type StoreSettingsPatch } from '@daojia/domain';

export type Settings = ApiOutput<'merchantStore', 'settings'>['settings'];

/** Shown Monday first, as Chinese calendars do; `day` is the schema's index (0 = Sunday). */
export const WEEKDAYS: { day: number; label: string }[] = [1, 2, 3, 4, 5, 6, 0].map((day) => ({ day, label: ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][day] }));
export const MODES: OrderMode[] = ['delivery', 'pickup', 'booking'];
export const SLOT_LENGTHS = BOOKING_SLOT_LENGTHS;

export interface TierForm {
  upToM: string;
  fee: string;
}
export interface ExceptionForm {
  date: string;
  ranges: string;
  note: string;
}
export interface SettingsForm {
  /** Per weekday index (0 = Sunday): that day's ranges as text; empty = closed. */
  hours: string[];
  exceptions: ExceptionForm[];
  maxDeliveryM: string;
  tiers: TierForm[];
  minOrder: string;
  packaging: string;
  modes: OrderMode[];
  bookingSlotMin: number;
  bookingCapacity: string;
  announcement: string;
  phone: string;
  logo: string;
  photos: string[];
}

const yuan = (fen: number) => formatFen(fen).replace('¥', '');

/** 「10:00-14:00，17:00-22:00」; a range past midnight reads 17:00-02:00. */
export const rangesToText = (ranges: readonly OpeningRange[]) => ranges.map((r) => `${minuteText(r.open)}-${minuteText(r.close)}`).join('，');

const TIME = /^(\d{1,2}):(\d{2})$/;
const minutesOf = (s: string): number | undefined => {
  const m = TIME.exec(s.trim());
  if (!m) return undefined;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && v <= 1440 ? v : undefined;
};

/** Ranges typed as 「10:00-14:00，17:00-22:00」 (commas, 、 or spaces between; 「次日」 before a close is allowed). */
export function parseRanges(text: string): { ranges: OpeningRange[] } | { error: string } {
  const parts = text
    .split(/[,，、;；\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const ranges: OpeningRange[] = [];
  for (const p of parts) {
    const [a, b, extra] = p.replace('次日', '').split(/[-~～—至]/);
    const open = a === undefined ? undefined : minutesOf(a);
    const close = b === undefined ? undefined : minutesOf(b);
    if (extra !== undefined || open === undefined || close === undefined) return { error: `「${p}」不是营业时段，请写成 10:00-14:00` };
    ranges.push({ open, close });
  }
  return { ranges: ranges.sort((x, y) => x.open - y.open) };
}

export function formFromSettings(s: Settings): SettingsForm {
  return {
    hours: s.hours.map(rangesToText),
    exceptions: s.hourExceptions.map((e) => ({ date: e.date, ranges: rangesToText(e.ranges), note: e.note ?? '' })),
    maxDeliveryM: String(s.maxDeliveryM),
    tiers: s.deliveryTiers.map((t) => ({ upToM: String(t.upToM), fee: yuan(t.feeFen) })),
    minOrder: yuan(s.minOrderFen),
    packaging: yuan(s.packagingFeeFen),
    modes: [...s.modes],
    bookingSlotMin: s.bookingSlotMin,
    bookingCapacity: String(s.bookingCapacity),
    announcement: s.announcement,
    phone: s.phone,
    logo: s.logo,
    photos: [...s.photos],
  };
}

const wholeNumber = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v.trim()) : undefined);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The patch that takes the store from `was` to what the form says: only the changed fields, checked with the
 * domain's schema (the first problem is returned in Chinese). Nothing changed: an error saying so.
 */
export function patchFromForm(form: SettingsForm, was: Settings): { patch: StoreSettingsPatch } | { error: string } {
  const hours: OpeningRange[][] = [];
  for (let d = 0; d < 7; d++) {
    const r = parseRanges(form.hours[d] ?? '');
    if ('error' in r) return { error: `${['周日', '周一', '周二', '周三', '周四', '周五', '周六'][d]}：${r.error}` };
    hours.push(r.ranges);
  }
  const hourExceptions = [];
  for (const e of form.exceptions) {
    const r = parseRanges(e.ranges);
    if ('error' in r) return { error: `${e.date || '特殊日期'}：${r.error}` };
    hourExceptions.push({ date: e.date.trim(), ranges: r.ranges, ...(e.note.trim() ? { note: e.note.trim() } : {}) });
  }
  const deliveryTiers = [];
  for (const [i, t] of form.tiers.entries()) {
    const upToM = wholeNumber(t.upToM);
    const feeFen = parseYuan(t.fee);
    if (upToM === undefined || upToM <= 0) return { error: `第 ${i + 1} 档配送费：距离请填正整数（米）` };
    if (feeFen === null) return { error: `第 ${i + 1} 档配送费：金额请填到分，如 3 或 3.5` };
    deliveryTiers.push({ upToM, feeFen });
  }
  const maxDeliveryM = wholeNumber(form.maxDeliveryM);
  if (maxDeliveryM === undefined) return { error: '配送范围请填整数（米）' };
  const minOrderFen = parseYuan(form.minOrder);
  if (minOrderFen === null) return { error: '起送价请填金额，如 20 或 19.9' };
  const packagingFeeFen = parseYuan(form.packaging);
  if (packagingFeeFen === null) return { error: '打包费请填金额，如 1 或 0.5' };
  const bookingCapacity = wholeNumber(form.bookingCapacity);
  if (bookingCapacity === undefined) return { error: '每个时段可约人数请填整数' };
  const next: Settings = {
    hours,
    hourExceptions: hourExceptions.sort((a, b) => a.date.localeCompare(b.date)),
    maxDeliveryM,
    deliveryTiers,
    minOrderFen,
    packagingFeeFen,
    modes: MODES.filter((m) => form.modes.includes(m)),
    bookingSlotMin: form.bookingSlotMin as Settings['bookingSlotMin'],
    bookingCapacity,
    announcement: form.announcement.trim(),
    phone: form.phone.trim(),
    logo: form.logo,
    photos: form.photos,
  };
  const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => !same(v, was[k as keyof Settings])));
  if (!Object.keys(changed).length) return { error: '没有修改' };
  // Fields that must agree travel together, so the check sees both sides of a change.
  if ('maxDeliveryM' in changed || 'deliveryTiers' in changed || 'modes' in changed) Object.assign(changed, { maxDeliveryM, deliveryTiers, modes: next.modes });
  const parsed = storeSettingsPatch.safeParse(changed);
  if (!parsed.success) return { error: parsed.error.issues[0].message };
  return { patch: parsed.data };
}
