import { ORDER_STATUS_LABELS } from '@daojia/domain';
import type { OrderMode } from '../services/types';

export const MODE_LABELS: Record<OrderMode, string> = { delivery: '外卖', pickup: '自提', booking: '预约' };

/** Chinese label for an order status, from the state machine's own table. */
export function statusLabel(status: string): string {
  return (ORDER_STATUS_LABELS as Record<string, string>)[status] ?? status;
}
