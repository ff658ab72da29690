import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * TIME_ZONE's UTC offset: Asia/Shanghai has kept +08:00 since 1991. Display code uses the fixed offset rather than
 * the zone name because mini-program JS engines do not all ship Intl time-zone data; the result is the same.
 */
export const TIME_ZONE_OFFSET_MIN = 8 * 60;

const local = (at: string | Date) => dayjs.utc(at).utcOffset(TIME_ZONE_OFFSET_MIN);

/** A stored UTC instant as Shanghai wall-clock text, whatever the device's zone: the one display helper of all apps. */
export function formatShanghai(at: string | Date, pattern = 'YYYY-MM-DD HH:mm'): string {
  return local(at).format(pattern);
}

/** The next `count` whole hours in Shanghai time, as booking slot choices (`start` keeps its +08:00 offset). */
export function nextHourSlots(now: Date, count = 6): { start: string; label: string }[] {
  const first = local(now).add(1, 'hour').startOf('hour');
  return Array.from({ length: count }, (_, i) => {
    const at = first.add(i, 'hour');
    return { start: at.format(), label: at.format('MM-DD HH:mm') };
  });
}
