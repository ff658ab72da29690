/**
 * What the store page says about ordering now and the store's terms, from store.detail: whether the order buttons
 * work (and why not), the fees line, and the coming holidays. Pure, so the sentences are tested without a page.
 */
import { formatFen, rangesText, type StoreDetail } from '@daojia/domain';

type DetailStore = StoreDetail['store'];

/**
 * Why the cart and checkout are off now, or undefined when ordering works. Switched off: never. Outside the hours or
 * on a holiday: not for immediate orders (delivery, pickup), but a store taking bookings still takes later slots.
 */
export function orderBlock(store: Pick<DetailStore, 'isOpen' | 'bookable' | 'closedText'>): string | undefined {
  if (store.isOpen || store.bookable) return undefined;
  return store.closedText ?? '店铺休息中';
}

const km = (m: number) => (m >= 1000 ? `${Math.round(m / 100) / 10}km` : `${m}m`);

/** 「起送 ¥20.00 · 配送费 ≤2km ¥3.00，≤4km ¥5.00 · 打包费 ¥1.00」 for a store that delivers; pickup-only stores show the packaging fee. */
export function feesText(store: Pick<DetailStore, 'modes' | 'minOrderFen' | 'deliveryTiers' | 'packagingFeeFen'>): string {
  const parts: string[] = [];
  if (store.modes.includes('delivery')) {
    parts.push(`起送 ${formatFen(store.minOrderFen)}`);
    if (store.deliveryTiers.length) parts.push(`配送费 ${store.deliveryTiers.map((t) => `≤${km(t.upToM)} ${formatFen(t.feeFen)}`).join('，')}`);
  }
  if (store.packagingFeeFen > 0 && store.modes.some((m) => m !== 'booking')) parts.push(`打包费 ${formatFen(store.packagingFeeFen)}`);
  return parts.join(' · ');
}

/** The next dated exceptions within `days` days (from store.detail's list, today on): 「2月6日 休息（春节休息）」. */
export function holidayNotices(store: Pick<DetailStore, 'hourExceptions'>, today: string, days = 14): string[] {
  const until = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return store.hourExceptions
    .filter((e) => e.date >= today && e.date <= until)
    .map((e) => {
      const [, m, d] = e.date.split('-').map(Number);
      return `${e.date === today ? '今天' : `${m}月${d}日`} ${e.ranges.length ? `营业 ${rangesText(e.ranges)}` : '休息'}${e.note ? `（${e.note}）` : ''}`;
    });
}
