import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/** WeChat Pay's RFC 3339 form, always in Beijing time: 2026-01-01T12:00:00+08:00. */
export const toWechatTime = (date: Date | string | number) => dayjs(date).utcOffset(480).format('YYYY-MM-DDTHH:mm:ssZ');
