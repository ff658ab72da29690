import { z } from 'zod';

export const fen = z.number().int().min(0);
export const id = z.string().min(1).max(64);
export const isoTime = z.string().datetime({ offset: true });
export const lngLat = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
/** What a user types into a search box: control characters (NUL …) are never typed, and a database regex refuses them. */
export const searchKeyword = z
  .string()
  .trim()
  .max(30)
  .regex(/^\P{Cc}*$/u, '关键词不能包含控制字符，请只输入文字');

export const CATEGORIES = ['catering', 'beauty', 'retail', 'home_service'] as const;
export const category = z.enum(CATEGORIES);
export type Category = z.infer<typeof category>;

export const MODES = ['delivery', 'pickup', 'booking'] as const;
export const orderMode = z.enum(MODES);
export type OrderMode = z.infer<typeof orderMode>;

export const CATEGORY_LABELS: Record<Category, string> = { catering: '餐饮', beauty: '丽人', retail: '零售', home_service: '本地生活' };
export const MODE_LABELS: Record<OrderMode, string> = { delivery: '外卖配送', pickup: '到店自提', booking: '预约服务' };
