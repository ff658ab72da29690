import type { z } from 'zod';
import { DomainError, closedText, distanceM, hoursNow, isOpen, type nearbyInput, type Product, type Store, type storeDetailOutput } from '@daojia/domain';
import { openState } from './settings';
import { DEFAULT_SLOT_MIN } from './slots';
import { menuOf } from '../catalog';
import * as repo from './repository';

/** A store as lists show it. */
function summary(
  s: Pick<
    Store,
    | '_id'
    | 'name'
    | 'category'
    | 'logo'
    | 'rating'
    | 'ratingCount'
    | 'status'
    | 'hours'
    | 'hourExceptions'
    | 'address'
    | 'minOrderFen'
    | 'deliveryTiers'
    | 'modes'
    | 'tags'
    | 'region'
    | 'fullReductions'
  >,
  distance: number | undefined,
  now: Date,
) {
  return {
    _id: s._id,
    name: s.name,
    category: s.category,
    logo: s.logo,
    rating: s.rating,
    ratingCount: s.ratingCount,
    ...(distance === undefined ? {} : { distanceM: Math.round(distance) }),
    isOpen: s.status === 'open' && isOpen(s.hours, now, s.hourExceptions),
    address: s.address,
    minOrderFen: s.minOrderFen,
    deliveryFeeFen: s.deliveryTiers[0]?.feeFen ?? 0,
    modes: s.modes,
    tags: s.tags,
    region: s.region,
    fullReductions: s.fullReductions,
  };
}

/** Stores near a point, nearest first, with the consumer app's filters. */
export async function nearby(q: z.output<typeof nearbyInput>) {
  const now = new Date();
  const match: Record<string, unknown> = { status: 'open' };
  if (q.category) match.category = q.category;
  let rows = await repo.storesNear({ lng: q.lng, lat: q.lat }, q.maxDistanceM, match);
  if (q.minRating !== undefined) rows = rows.filter((s) => s.rating >= q.minRating!);
  if (q.keyword) {
    const k = q.keyword.toLowerCase();
    rows = rows.filter((s) => s.name.toLowerCase().includes(k) || s.tags.some((t) => t.toLowerCase().includes(k)));
  }
  let stores = rows.map((s) => summary(s, s.distanceM, now));
  if (q.openNow) stores = stores.filter((s) => s.isOpen);
  return { stores: stores.slice(q.offset, q.offset + q.limit), total: stores.length };
}

/**
 * One store with its on-shelf menu or services; a store under review or suspended does not exist for customers.
 * With what its page shows about ordering now: today's hours, and when it is not open why and when it opens next.
 */
export async function storeDetail(storeId: string, at?: { lng: number; lat: number }): Promise<{ store: z.output<typeof storeDetailOutput>['store']; products: Product[]; categories: string[] }> {
  const s = await repo.getStore(storeId);
  if (!s || s.status === 'pending_review' || s.status === 'suspended') throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  // The menu in the merchant's category order (catalog's product_categories), so the page groups it in that order.
  const { products, categories } = await menuOf(storeId);
  const distance = at ? distanceM(at, s.location) : undefined;
  const now = new Date();
  const today = hoursNow(s.hours, now, s.hourExceptions);
  const state = openState(s, now);
  return {
    store: {
      ...summary(s, distance, now),
      hours: s.hours,
      phone: s.phone,
      announcement: s.announcement,
      location: s.location,
      deliveryTiers: s.deliveryTiers,
      maxDeliveryM: s.maxDeliveryM,
      packagingFeeFen: s.packagingFeeFen,
      bookingSlotMin: s.bookingSlotMin ?? DEFAULT_SLOT_MIN,
      photos: s.photos ?? [],
      hourExceptions: (s.hourExceptions ?? []).filter((e) => e.date >= today.date),
      todayHours: today.todayText,
      ...(today.todayException?.note ? { todayNote: today.todayException.note } : {}),
      ...(state.closedText ? { closedText: state.closedText } : {}),
      ...(!state.isOpenNow && s.status === 'open' && today.nextOpenAt ? { nextOpenAt: today.nextOpenAt } : {}),
      bookable: s.status === 'open' && s.modes.includes('booking'),
    },
    products,
    categories,
  };
}

/**
 * A store that takes orders in this mode now, or why not. The switch off is STORE_CLOSED whatever the mode. Delivery
 * and pickup are immediate orders: outside the hours (a holiday included) they are refused with STORE_CLOSED and the
 * sentence naming when the store opens next. A booking is for a later slot, which prepareSlot checks against that
 * day's hours; it may be placed while the store is resting.
 */
export async function storeForOrder(storeId: string, mode: Store['modes'][number], at: Date = new Date()): Promise<Store> {
  const store = await repo.getStore(storeId);
  if (!store) throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  if (store.status !== 'open') throw new DomainError('STORE_CLOSED', '店铺暂停营业，请稍后再来');
  if (!store.modes.includes(mode)) throw new DomainError('MODE_NOT_SUPPORTED', '该店铺不支持这种下单方式');
  if (mode !== 'booking' && !isOpen(store.hours, at, store.hourExceptions)) throw new DomainError('STORE_CLOSED', closedText(store.hours, at, store.hourExceptions));
  return store;
}
