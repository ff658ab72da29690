import { isOpen, nearbyInput, storeDetailInput, distanceM, DomainError, nearbyOutput, storeDetailOutput } from '@daojia/domain';
import { defineFunction, action, db } from '@daojia/function-kit';
import { storeLngLat as lngLatOf, type StoreDoc } from '../order/quote';


function summary(s: StoreDoc, distance: number | undefined, now: Date) {
  return {
    _id: s._id, name: s.name, category: s.category, logo: s.logo, rating: s.rating, ratingCount: s.ratingCount,
    ...(distance === undefined ? {} : { distanceM: Math.round(distance) }),
    isOpen: s.status === 'open' && isOpen(s.hours, now), address: s.address, minOrderFen: s.minOrderFen,
    deliveryFeeFen: s.deliveryTiers[0]?.feeFen ?? 0, modes: s.modes, tags: s.tags, region: s.region,
    fullReductions: s.fullReductions,
  };
}

export const main = defineFunction('store', {
  /** Stores near a point, nearest first, with the consumer app's filters. */
  nearby: action({
    input: nearbyInput,
    output: nearbyOutput,
    errors: [],
    role: 'public',
    async handler(q) {
      const now = new Date();
      const match: Record<string, unknown> = { status: 'open' };
      if (q.category) match.category = q.category;
      let rows = (await db.collection('stores').aggregate()
        .geoNear({ near: new db.Geo.Point(q.lng, q.lat), distanceField: 'distanceM', maxDistance: q.maxDistanceM, spherical: true, query: match, key: 'location' })
        .limit(1000)
        .end()).data as (StoreDoc & { distanceM: number })[];
      if (q.minRating !== undefined) rows = rows.filter((s) => s.rating >= q.minRating!);
      if (q.keyword) {
        const k = q.keyword.toLowerCase();
        rows = rows.filter((s) => s.name.toLowerCase().includes(k) || s.tags.some((t) => t.toLowerCase().includes(k)));
      }
      let stores = rows.map((s) => summary(s, s.distanceM, now));
      if (q.openNow) stores = stores.filter((s) => s.isOpen);
      return { stores: stores.slice(q.offset, q.offset + q.limit), total: stores.length };
    },
  }),

  /** One store with its on-shelf menu or services. */
  detail: action({
    input: storeDetailInput,
    output: storeDetailOutput,
    errors: ['STORE_NOT_FOUND'],
    role: 'public',
    async handler({ storeId, lng, lat }) {
      const { data } = await db.collection('stores').doc(storeId).get();
      const s = data[0] as StoreDoc | undefined;
      if (!s || s.status === 'pending_review' || s.status === 'suspended') throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
      // `holds` (which orders hold stock: order.create's bookkeeping) is nobody's business outside the functions.
      const products = (await db.collection('products').where({ storeId, onShelf: true }).limit(1000).field({ holds: false }).get()).data;
      const location = lngLatOf(s.location);
      const distance = lng !== undefined && lat !== undefined ? distanceM({ lng, lat }, location) : undefined;
      return { store: { ...summary(s, distance, new Date()), hours: s.hours, phone: s.phone, announcement: s.announcement, location }, products };
    },
  }),
});
