import { z } from 'zod';
import { category } from '../schemas/common';

export const nearbyInput = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  category: category.optional(),
  keyword: z.string().trim().max(30).optional(),
  maxDistanceM: z.number().int().min(100).max(50_000).default(10_000),
  openNow: z.boolean().optional(),
  minRating: z.number().min(0).max(5).optional(),
  offset: z.number().int().min(0).max(1000).default(0),
  limit: z.number().int().min(1).max(100).default(20),
}).strict();

export const storeDetailInput = z.object({ storeId: z.string().min(1).max(64), lng: z.number().optional(), lat: z.number().optional() }).strict();
