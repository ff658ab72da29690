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

/**
 * An order or cart line as every app titles it: the dish, then its SKU and options in brackets —
 * 「红烧牛肉面（大份）」, 「珍珠奶茶（大杯/少冰）」, 「葱油拌面」.
 */
export function lineTitle(line: { name: string; skuLabel?: string; specLabel?: string }): string {
  const parts = [line.skuLabel, line.specLabel].filter((p): p is string => !!p);
  return parts.length ? `${line.name}（${parts.join('/')}）` : line.name;
}

/**
 * What a toast says once a move went through: 已 and the button's label (接单 → 已接单), but a label that already
 * says it is left alone (已送达, not 已已送达). Every app builds such a toast through this, never as `已${label}`.
 */
export function doneText(label: string): string {
  return label.startsWith('已') ? label : `已${label}`;
}
