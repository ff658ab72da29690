import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Stored UTC, shown in Shanghai time whatever the browser's zone. */
export const shanghai = (iso: string, pattern = 'YYYY-MM-DD HH:mm') => dayjs(iso).tz('Asia/Shanghai').format(pattern);
