import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

// Asia/Shanghai has had a fixed +08:00 offset since 1991; a fixed offset avoids depending on Intl time-zone
// data, which mini-program JS engines do not all ship.
const SHANGHAI_OFFSET_MIN = 8 * 60;

/** Shows a stored UTC instant in Asia/Shanghai time. */
export function formatShanghai(iso: string | Date, pattern = 'YYYY-MM-DD HH:mm'): string {
  return dayjs.utc(iso).utcOffset(SHANGHAI_OFFSET_MIN).format(pattern);
}

/** The next `count` whole hours in Shanghai time, as booking slot choices (`start` keeps its +08:00 offset). */
export function nextHourSlots(now: Date, count = 6): { start: string; label: string }[] {
  const first = dayjs.utc(now).utcOffset(SHANGHAI_OFFSET_MIN).add(1, 'hour').startOf('hour');
  return Array.from({ length: count }, (_, i) => {
    const at = first.add(i, 'hour');
    return { start: at.format(), label: at.format('MM-DD HH:mm') };
  });
}
