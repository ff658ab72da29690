import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import type { WeeklyHours } from './schemas/store';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The platform's one time zone (one city): stored instants are UTC; hours, days and everything shown are in this zone. */
export const TIME_ZONE = 'Asia/Shanghai';

/** Whether a store is open at an instant, by its weekly hours in Shanghai time; ranges may run past midnight. */
export function isOpen(hours: WeeklyHours, at: string | Date = new Date()): boolean {
  const local = dayjs(at).tz(TIME_ZONE);
  const minute = local.hour() * 60 + local.minute();
  const today = local.day();
  const yesterday = (today + 6) % 7;
  const openToday = hours[today].some((r) => (r.open <= r.close ? minute >= r.open && minute < r.close : minute >= r.open));
  const carriedOver = hours[yesterday].some((r) => r.open > r.close && minute < r.close);
  return openToday || carriedOver;
}
