import type { z } from 'zod';
import { DomainError, distanceM, isOpen, type nearbyInput, type Product, type Store } from '@daojia/domain';
import { shelfOf } from '../catalog';
import * as repo from './repository';

/** A store as lists show it. */
function summary(
  s: Pick<Store, '_id' | 'name' | 'category' | 'logo' | 'rating' | 'ratingCount' | 'status' | 'hours' | 'address' | 'minOrderFen' | 'deliveryTiers' | 'modes' | 'tags' | 'region' | 'fullReductions'>,
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
    isOpen: s.status === 'open' && isOpen(s.hours, now),
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

/** One store with its on-shelf menu or services; a store under review or suspended does not exist for customers. */
export async function storeDetail(
  storeId: string,
  at?: { lng: number; lat: number },
): Promise<{ store: ReturnType<typeof summary> & Pick<Store, 'hours' | 'phone' | 'announcement' | 'location'>; products: Product[] }> {
  const s = await repo.getStore(storeId);
  if (!s || s.status === 'pending_review' || s.status === 'suspended') throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  const products = await shelfOf(storeId);
  const distance = at ? distanceM(at, s.location) : undefined;
  return { store: { ...summary(s, distance, new Date()), hours: s.hours, phone: s.phone, announcement: s.announcement, location: s.location }, products };
}

/** A store that takes orders in this mode, or why not. */
export async function storeForOrder(storeId: string, mode: Store['modes'][number]): Promise<Store> {
  const store = await repo.getStore(storeId);
  if (!store) throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  if (store.status !== 'open') throw new DomainError('STORE_CLOSED', '店铺暂停营业，请稍后再来');
  if (!store.modes.includes(mode)) throw new DomainError('MODE_NOT_SUPPORTED', '该店铺不支持这种下单方式');
  return store;
}
