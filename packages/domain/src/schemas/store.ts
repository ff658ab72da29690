import { z } from 'zod';
import { category, fen, id, lngLat, orderMode } from './common';

/** Minutes since midnight in Asia/Shanghai; `close` may be below `open` for ranges past midnight. */
export const openingRange = z.object({ open: z.number().int().min(0).max(1440), close: z.number().int().min(0).max(1440) });
/** Index 0 = Sunday … 6 = Saturday, as dayjs `day()` numbers them. */
export const weeklyHours = z.array(z.array(openingRange)).length(7);

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
  hours: weeklyHours,
  modes: z.array(orderMode).min(1),
  minOrderFen: fen,
  packagingFeeFen: fen,
  deliveryTiers: z.array(deliveryTier),
  maxDeliveryM: z.number().int().min(0),
  fullReductions: z.array(fullReduction),
  newUserDiscountFen: fen,
  /** Bookings one hourly slot takes (chairs, rooms, staff on shift); unset means the platform default. */
  bookingCapacity: z.number().int().min(1).max(100).optional(),
  status: storeStatus,
  tags: z.array(z.string()),
  announcement: z.string(),
  createdAt: z.string(),
});
export type Store = z.infer<typeof store>;
export type WeeklyHours = z.infer<typeof weeklyHours>;
