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
