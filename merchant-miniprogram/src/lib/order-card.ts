import { formatShanghai, isTerminal, type OrderStatus } from '@daojia/domain';

/**
 * A phone number with its middle hidden (138****5678), for orders that are over: the store has no more reason to
 * call, and a ticket or a screen left open shows less. Numbers too short to keep both ends are hidden whole.
 */
export function maskPhone(phone: string): string {
  const p = phone.trim();
  return p.length < 8 ? '*'.repeat(p.length) : `${p.slice(0, 3)}****${p.slice(-4)}`;
}

/** Statuses after which the customer's phone is shown masked and not offered for a call. */
export const isOver = (status: OrderStatus) => isTerminal(status) || ['delivered', 'picked_up', 'checked_in', 'rejected'].includes(status);

/** A booking's slot in Shanghai time: 11-25 14:00–15:00 (the end's date only when it is another day). */
export function slotText(slot: { start: string; end: string }): string {
  const sameDay = formatShanghai(slot.start, 'YYYY-MM-DD') === formatShanghai(slot.end, 'YYYY-MM-DD');
  return `${formatShanghai(slot.start, 'MM-DD HH:mm')}–${formatShanghai(slot.end, sameDay ? 'HH:mm' : 'MM-DD HH:mm')}`;
}
