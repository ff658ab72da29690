import { z } from 'zod';
import { category, fen, id, lngLat, orderMode } from './common';
import { commissionTerms } from '../onboarding/terms';

/** Minutes since midnight in Asia/Shanghai; `close` may be below `open` for ranges past midnight. */
export const openingRange = z.object({ open: z.number().int().min(0).max(1440), close: z.number().int().min(0).max(1440) });
/** Index 0 = Sunday … 6 = Saturday, as dayjs `day()` numbers them. */
export const weeklyHours = z.array(z.array(openingRange)).length(7);
/** A Shanghai calendar date, `YYYY-MM-DD`. */
export const localDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为 YYYY-MM-DD' });
/** A date whose hours differ from the week's (a holiday, a short day): its own ranges, none = closed all day. */
export const hoursException = z.object({ date: localDate, ranges: z.array(openingRange).max(4), note: z.string().max(20).optional() });
/** Lengths a booking slot may have, in minutes. */
export const BOOKING_SLOT_LENGTHS = [30, 60, 90, 120] as const;
export const bookingSlotMin = z.literal(BOOKING_SLOT_LENGTHS, { message: '预约时长只能是 30、60、90 或 120 分钟' });
/** A booking slot length for stores that have not chosen one. */
export const DEFAULT_BOOKING_SLOT_MIN = 60;

export const deliveryTier = z.object({ upToM: z.number().int().positive(), feeFen: fen });
export const fullReduction = z.object({ thresholdFen: fen, reductionFen: fen.min(1) }).refine((t) => t.reductionFen < t.thresholdFen, { message: '满减金额必须小于门槛' });

export const storeStatus = z.enum(['open', 'closed', 'pending_review', 'suspended']);

export const store = z.object({
  _id: id,
  name: z.string().min(1).max(40),
  category,
  logo: z.string(),
  address: z.string(),
  location: lngLat,
  region: z.string().min(1),
  phone: z.string(),
  rating: z.number().min(0).max(5),
  ratingCount: z.number().int().min(0),
  /** Sum of the reviews' stars: `rating` is ratingSum / ratingCount (one decimal), kept by the reviews (stores/rating.ts). Absent on stores not yet reviewed on the platform. */
  ratingSum: z.number().int().min(0).optional(),
  hours: weeklyHours,
  modes: z.array(orderMode).min(1),
  minOrderFen: fen,
  packagingFeeFen: fen,
  deliveryTiers: z.array(deliveryTier),
  maxDeliveryM: z.number().int().min(0),
  fullReductions: z.array(fullReduction),
  newUserDiscountFen: fen,
  /** Bookings one slot takes (chairs, rooms, staff on shift); unset means the platform default. */
  bookingCapacity: z.number().int().min(1).max(100).optional(),
  /** Minutes one booking slot lasts; slots start at each opening range's start, one after another. Unset: 60. */
  bookingSlotMin: bookingSlotMin.optional(),
  /** Dates (Shanghai) with their own hours instead of the weekday's: holidays, short days. */
  hourExceptions: z.array(hoursException).max(60).optional(),
  /** Cloud storage file ids of the store's photos (shown on its page), at most 9; `logo` is one file id or a static path. */
  photos: z.array(z.string().min(1)).max(9).optional(),
  /** Commission terms the store was approved with (onboarding); seeded stores have none. The rules engine is #12. */
  terms: commissionTerms.optional(),
  status: storeStatus,
  tags: z.array(z.string()),
  announcement: z.string(),
  createdAt: z.string(),
});
export type Store = z.infer<typeof store>;
export type WeeklyHours = z.infer<typeof weeklyHours>;
export type OpeningRange = z.infer<typeof openingRange>;
export type HoursException = z.infer<typeof hoursException>;
