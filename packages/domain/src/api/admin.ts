import { z } from 'zod';
import { category } from '../schemas/common';
import { orderStatus } from '../order-state/statuses';

export const overviewInput = z.object({ days: z.number().int().min(1).max(90).default(14) }).strict();
export const listStoresInput = z.object({
  keyword: z.string().trim().max(30).optional(),
  category: category.optional(),
  region: z.string().max(20).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(20),
}).strict();
export const adminListOrdersInput = z.object({
  status: orderStatus.optional(),
  region: z.string().max(20).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(100).default(20),
}).strict();
