import { z } from 'zod';
import { category, fen, lngLat, searchKeyword } from '../schemas/common';
import { bookingSlotMin, deliveryTier, hoursException, store, weeklyHours } from '../schemas/store';
import { product } from '../schemas/product';

export const nearbyInput = z
  .object({
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    category: category.optional(),
    keyword: searchKeyword.optional(),
    maxDistanceM: z.number().int().min(100).max(50_000).default(10_000),
    openNow: z.boolean().optional(),
    minRating: z.number().min(0).max(5).optional(),
    offset: z.number().int().min(0).max(1000).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const storeDetailInput = z.object({ storeId: z.string().min(1).max(64), lng: z.number().optional(), lat: z.number().optional() }).strict();

/** A store as lists show it; `distanceM` only when the caller said where they are. */
export const storeSummary = store
  .pick({
    _id: true,
    name: true,
    category: true,
    logo: true,
    rating: true,
    ratingCount: true,
    address: true,
    minOrderFen: true,
    modes: true,
    tags: true,
    region: true,
    fullReductions: true,
  })
  .extend({ distanceM: z.number().int().min(0).optional(), isOpen: z.boolean(), deliveryFeeFen: fen });

export const nearbyOutput = z.object({ stores: z.array(storeSummary), total: z.number().int().min(0) });
export const storeDetailOutput = z.object({
  store: storeSummary.extend({
    hours: weeklyHours,
    phone: z.string(),
    announcement: z.string(),
    location: lngLat,
    deliveryTiers: z.array(deliveryTier),
    maxDeliveryM: z.number().int().min(0),
    packagingFeeFen: fen,
    bookingSlotMin,
    /** The store's photos (cloud file ids), in the merchant's order. */
    photos: z.array(z.string()),
    /** Dated exceptions from today on (holidays, short days). */
    hourExceptions: z.array(hoursException),
    /** Today's hours as text: 「10:00-14:00、17:00-22:00」, 「休息」. */
    todayHours: z.string(),
    /** Today's exception note (「春节休息」), when today has one with a note. */
    todayNote: z.string().optional(),
    /** Why the store takes no order now (switch off, outside hours, holiday) and when it opens next; absent while open. */
    closedText: z.string().optional(),
    nextOpenAt: z.string().optional(),
    /** Bookings for a later slot are taken even while the store rests between its hours (not when it is switched off). */
    bookable: z.boolean(),
  }),
  /** On-shelf products, grouped by category in the merchant's category order. */
  products: z.array(product),
  /** The menu's category names in the merchant's order (only those with products on shelf). */
  categories: z.array(z.string()),
});
