import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type { HoursException, OpeningRange, WeeklyHours } from './schemas/store';
import { TIME_ZONE_OFFSET_MIN } from './time';

dayjs.extend(utc);

/** The platform's one time zone (one city): stored instants are UTC; hours, days and everything shown are in this zone. */
export const TIME_ZONE = 'Asia/Shanghai';

/*
 * Opening hours are minutes since midnight in Shanghai. All arithmetic here uses the fixed +08:00 offset (see
 * time.ts) rather than the zone name: this file runs in the mini-programs too, whose JS engines may lack Intl zones.
 */

const DAY_MIN = 24 * 60;
const local = (at: string | Date | Dayjs) => dayjs.utc(at instanceof Date || typeof at === 'string' ? at : at.toDate()).utcOffset(TIME_ZONE_OFFSET_MIN);
/** Midnight (Shanghai) of a `YYYY-MM-DD` date, as a dayjs carrying the +08:00 offset. */
const midnightOf = (date: string) => dayjs.utc(`${date}T00:00:00`).subtract(TIME_ZONE_OFFSET_MIN, 'minute').utcOffset(TIME_ZONE_OFFSET_MIN);

/** Where a range ends, in minutes from its own day's midnight: a range past midnight ends after 1440. */
export const rangeEnd = (r: OpeningRange) => (r.close > r.open ? r.close : r.close + DAY_MIN);

/** The Shanghai date (`YYYY-MM-DD`) of an instant. */
export const shanghaiDate = (at: string | Date = new Date()) => local(at).format('YYYY-MM-DD');

/** A date's ranges: its exception's when it has one (empty = closed all day), otherwise its weekday's. */
export function rangesOn(hours: WeeklyHours, date: string, exceptions: readonly HoursException[] = []): OpeningRange[] {
  const special = exceptions.find((e) => e.date === date);
  return special ? special.ranges : hours[midnightOf(date).day()];
}

/** The exception of a date, if it has one. */
export const exceptionOn = (date: string, exceptions: readonly HoursException[] = []) => exceptions.find((e) => e.date === date);

/** Intervals [start, end) in minutes from `date`'s midnight, including yesterday's ranges that run past midnight. */
function intervalsAround(hours: WeeklyHours, date: string, exceptions: readonly HoursException[]) {
  const yesterday = midnightOf(date).subtract(1, 'day').format('YYYY-MM-DD');
  return [
    ...rangesOn(hours, yesterday, exceptions).map((r) => ({ start: r.open - DAY_MIN, end: rangeEnd(r) - DAY_MIN, range: r, offset: -DAY_MIN })),
    ...rangesOn(hours, date, exceptions).map((r) => ({ start: r.open, end: rangeEnd(r), range: r, offset: 0 })),
  ];
}

/**
 * Whether a store is open at an instant, by its weekly hours in Shanghai time and its dated exceptions (a holiday
 * with no ranges is closed all day; yesterday's range running past midnight still counts, by yesterday's hours).
 */
export function isOpen(hours: WeeklyHours, at: string | Date = new Date(), exceptions: readonly HoursException[] = []): boolean {
  const t = local(at);
  const minute = t.hour() * 60 + t.minute();
  return intervalsAround(hours, t.format('YYYY-MM-DD'), exceptions).some((i) => minute >= i.start && minute < i.end);
}

/** How far ahead `nextOpening` looks (an exception list may close weeks). */
const LOOKAHEAD_DAYS = 62;

/** The next instant (UTC ISO) the store opens after `at`, or undefined when it has no hours in the coming two months. */
export function nextOpening(hours: WeeklyHours, at: string | Date = new Date(), exceptions: readonly HoursException[] = []): string | undefined {
  const t = local(at);
  const today = t.format('YYYY-MM-DD');
  for (let d = 0; d <= LOOKAHEAD_DAYS; d++) {
    const date = midnightOf(today).add(d, 'day');
    const starts = rangesOn(hours, date.format('YYYY-MM-DD'), exceptions)
      .map((r) => date.add(r.open, 'minute'))
      .filter((s) => s.isAfter(t))
      .sort((a, b) => a.valueOf() - b.valueOf());
    if (starts.length) return starts[0].toISOString();
  }
  return undefined;
}

/** `HH:mm` of minutes since midnight (1440 reads 24:00). */
export const minuteText = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** A day's ranges as text: 「10:00-14:00、17:00-22:00」, 「休息」 when there are none. */
export const rangesText = (ranges: readonly OpeningRange[]) =>
  ranges.length
    ? [...ranges]
        .sort((a, b) => a.open - b.open)
        .map((r) => `${minuteText(r.open)}-${r.close > r.open ? '' : '次日'}${minuteText(r.close)}`)
        .join('、')
    : '休息';

/** When an instant falls, relative to `now`, as a person says it: 「今天 17:00」「明天 10:00」「12月25日 10:00」. */
export function whenText(instant: string, now: string | Date = new Date()): string {
  const a = local(instant);
  const days = midnightOf(a.format('YYYY-MM-DD')).diff(midnightOf(local(now).format('YYYY-MM-DD')), 'day');
  const day = days === 0 ? '今天' : days === 1 ? '明天' : days === 2 ? '后天' : a.format('M月D日');
  return `${day} ${a.format('HH:mm')}`;
}

/**
 * Why a store that is not open now cannot take an order, naming when it opens next: 「店铺休息中，明天 10:00 营业」.
 * A dated exception's note (「春节休息」) is said first.
 */
export function closedText(hours: WeeklyHours, at: string | Date = new Date(), exceptions: readonly HoursException[] = []): string {
  const note = exceptionOn(shanghaiDate(at), exceptions)?.note;
  const next = nextOpening(hours, at, exceptions);
  return `${note ? `${note}，` : ''}店铺休息中，${next ? `${whenText(next, at)} 营业` : '暂无营业安排'}`;
}

/**
 * Whether a booking slot of `slotMin` minutes may start at `start`: it starts at its range's opening plus a whole
 * number of slots and ends by the range's close, on that date's hours (exceptions included; a range running past
 * midnight belongs to the day it opens).
 */
export function isSlotStart(hours: WeeklyHours, start: string | Date, slotMin: number, exceptions: readonly HoursException[] = []): boolean {
  const t = local(start);
  if (t.second() !== 0 || t.millisecond() !== 0) return false;
  const minute = t.hour() * 60 + t.minute();
  return intervalsAround(hours, t.format('YYYY-MM-DD'), exceptions).some((i) => minute >= i.start && minute + slotMin <= i.end && (minute - i.start) % slotMin === 0);
}

/**
 * The booking slots starting after `from` (plus `leadMin`) within `days` days, in order: what a consumer may choose.
 * `start` keeps its +08:00 offset; `label` is 「12-04 10:30」.
 */
export function bookingSlotStarts(
  hours: WeeklyHours,
  slotMin: number,
  exceptions: readonly HoursException[] = [],
  opts: { from?: string | Date; leadMin?: number; days?: number; limit?: number } = {},
): { start: string; end: string; label: string }[] {
  const from = local(opts.from ?? new Date()).add(opts.leadMin ?? 30, 'minute');
  const first = local(opts.from ?? new Date()).format('YYYY-MM-DD');
  const out: { start: string; end: string; label: string }[] = [];
  for (let d = -1; d < (opts.days ?? 7); d++) {
    const day = midnightOf(first).add(d, 'day');
    for (const r of [...rangesOn(hours, day.format('YYYY-MM-DD'), exceptions)].sort((a, b) => a.open - b.open)) {
      for (let m = r.open; m + slotMin <= rangeEnd(r); m += slotMin) {
        const s = day.add(m, 'minute');
        if (!s.isBefore(from)) out.push({ start: s.format(), end: s.add(slotMin, 'minute').format(), label: s.format('MM-DD HH:mm') });
      }
    }
  }
  out.sort((a, b) => dayjs(a.start).valueOf() - dayjs(b.start).valueOf());
  return out.slice(0, opts.limit ?? 200);
}

/** What a store's page says about its hours now: open or not, today's ranges, today's exception and when it opens next. */
export function hoursNow(hours: WeeklyHours, at: string | Date = new Date(), exceptions: readonly HoursException[] = []) {
  const date = shanghaiDate(at);
  const open = isOpen(hours, at, exceptions);
  const exception = exceptionOn(date, exceptions);
  const next = open ? undefined : nextOpening(hours, at, exceptions);
  return {
    isOpen: open,
    date,
    todayRanges: rangesOn(hours, date, exceptions),
    todayText: rangesText(rangesOn(hours, date, exceptions)),
    ...(exception ? { todayException: exception } : {}),
    ...(next ? { nextOpenAt: next } : {}),
    ...(open ? {} : { closedText: closedText(hours, at, exceptions) }),
  };
}
