import type { OrderMode } from './schemas/common';
import { ORDER_STATUS_LABELS } from './order-state/statuses';

// The Chinese labels all three front ends show; the full names (MODE_LABELS, CATEGORY_LABELS, ORDER_STATUS_LABELS,
// ACTOR_LABELS) live beside their enums. One set for every app, so a renamed status reads the same everywhere.

/** Order modes where space is short (chips, tags, card headers in the mini-programs). */
export const MODE_SHORT_LABELS: Record<OrderMode, string> = { delivery: '外卖', pickup: '自提', booking: '预约' };

/** Chinese label for an order status, or the raw value for one this build does not know (a newer server). */
export function statusLabel(status: string): string {
  return (ORDER_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

/** Short label for a mode, or the raw value for an unknown one. */
export function modeShortLabel(mode: string): string {
  return (MODE_SHORT_LABELS as Record<string, string>)[mode] ?? mode;
}
