import { ORDER_STATUS_LABELS } from '@daojia/domain';
import type { Category, OrderMode } from '../services/types';

export const CATEGORY_TABS: { value: Category | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'catering', label: '餐饮' },
  { value: 'beauty', label: '丽人' },
  { value: 'retail', label: '零售' },
  { value: 'home_service', label: '本地生活' },
];

export const MODE_LABELS: Record<OrderMode, string> = { delivery: '外卖', pickup: '自提', booking: '预约' };

/** Chinese label for an order status, from the state machine's own table. */
export function statusLabel(status: string): string {
  return (ORDER_STATUS_LABELS as Record<string, string>)[status] ?? status;
}
