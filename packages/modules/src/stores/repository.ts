import { z } from 'zod';
import { bookingSlot, store, type BookingSlot, type Store } from '@daojia/domain';
import { db, _ } from '../runtime';
import { addOnce, parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['stores', 'booking_slots'] as const;

const stores = () => db.collection('stores');
const slots = () => db.collection('booking_slots');

/**
 * Stored as a geo point (for geoNear): the SDK hands it back as db.Geo.Point (longitude/latitude), aggregation as
 * GeoJSON. Read as the { lng, lat } the domain and the API use everywhere.
 */
const storedPoint = z.union([
  z.object({ longitude: z.number(), latitude: z.number() }).transform((p) => ({ lng: p.longitude, lat: p.latitude })),
  z.object({ coordinates: z.tuple([z.number(), z.number()]) }).transform((p) => ({ lng: p.coordinates[0], lat: p.coordinates[1] })),
]);
const storeDoc = store.extend({ location: storedPoint });
const parseStore = parser('stores', storeDoc);
const parseNear = parser('stores', storeDoc.extend({ distanceM: z.number() }));
/** The admin list leaves out what it does not show (opening hours, delivery tiers). */
const adminStoreDoc = storeDoc.omit({ hours: true, deliveryTiers: true });
const parseAdminStore = parser('stores', adminStoreDoc);
const parseName = parser('stores', z.object({ _id: z.string(), name: z.string() }));
const parseSlot = parser('booking_slots', bookingSlot);

export type AdminStoreRow = z.output<typeof adminStoreDoc>;

export async function getStore(storeId: string): Promise<Store | undefined> {
  const doc = (await stores().doc(storeId).get()).data[0];
  return doc === undefined ? undefined : parseStore(doc);
}

/** Stores matching `match` within `maxDistanceM` of a point, nearest first, each with its distance. */
export async function storesNear(at: { lng: number; lat: number }, maxDistanceM: number, match: Record<string, unknown>): Promise<(Store & { distanceM: number })[]> {
  const rows = (
    await stores()
      .aggregate()
      .geoNear({ near: new db.Geo.Point(at.lng, at.lat), distanceField: 'distanceM', maxDistance: maxDistanceM, spherical: true, query: match, key: 'location' })
      .limit(1000)
      .end()
  ).data as unknown[];
  return rows.map(parseNear);
}

/** A page of stores matching `where` (a region scope, a category, a name pattern) and how many match in all. */
export async function storesPage(where: Record<string, unknown>, offset: number, limit: number): Promise<{ stores: AdminStoreRow[]; total: number }> {
  const query = stores().where(where);
  const total = (await query.count()).total;
  const { data } = await query.orderBy('_id', 'asc').skip(offset).limit(limit).field({ hours: false, deliveryTiers: false }).get();
  return { stores: data.map(parseAdminStore), total };
}

export const countStores = async (where: Record<string, unknown>) => (await stores().where(where).count()).total;

/** Names by id, in one read. */
export async function namesOf(storeIds: string[]): Promise<Record<string, string>> {
  if (!storeIds.length) return {};
  const rows = (
    await stores()
      .where({ _id: _.in(storeIds) })
      .field({ name: true })
      .limit(storeIds.length)
      .get()
  ).data.map(parseName);
  return Object.fromEntries(rows.map((s) => [s._id, s.name]));
}

/** Creates the slot document on first use (its id is the store and hour, so two creates make one), then reads it. */
export async function ensureSlot(slot: BookingSlot): Promise<BookingSlot> {
  await addOnce(() => slots().add({ ...bookingSlot.parse(slot), holds: [] }));
  const doc = (await slots().doc(slot._id).get()).data[0];
  return parseSlot(doc);
}

/** One place of a slot, under the order's hold id (see catalog's takeUnderHold: the same bookkeeping). */
export async function takePlaceUnderHold(slotId: string, capacity: number, holdId: string): Promise<boolean> {
  const { updated } = await slots()
    .where({ _id: slotId, booked: _.lt(capacity), holds: _.neq(holdId) })
    .update({ booked: _.inc(1), holds: _.push([holdId]) });
  return updated === 1;
}

export async function giveBackPlaceUnderHold(slotId: string, holdId: string): Promise<void> {
  await slots()
    .where({ _id: slotId, holds: holdId })
    .update({ booked: _.inc(-1), holds: _.pull(holdId) });
}

export async function dropPlaceHold(slotId: string, holdId: string): Promise<void> {
  await slots()
    .where({ _id: slotId, holds: holdId })
    .update({ holds: _.pull(holdId) });
}

export async function giveBackPlaceWithoutHold(slotId: string): Promise<void> {
  await slots()
    .doc(slotId)
    .update({ booked: _.inc(-1) });
}

/** Creates a store under a fixed id (an approved application's): false when it already exists (a retried approval). */
export async function insertStoreOnce(doc: Store): Promise<boolean> {
  const { _id, location, ...rest } = store.parse(doc);
  return addOnce(() => stores().add({ _id, ...rest, location: new db.Geo.Point(location.lng, location.lat) }));
}

const summaryDoc = storeDoc.pick({ _id: true, name: true, category: true, region: true, status: true, terms: true });
const parseSummary = parser('stores', summaryDoc);
export type StoreSummaryRow = z.output<typeof summaryDoc>;

/** Name, category, region, status and terms of the given stores, in one read (a person's stores in the merchant app). */
export async function summariesOf(storeIds: string[]): Promise<StoreSummaryRow[]> {
  if (!storeIds.length) return [];
  const { data } = await stores()
    .where({ _id: _.in(storeIds) })
    .field({ name: true, category: true, region: true, status: true, terms: true })
    .limit(storeIds.length)
    .get();
  return data.map(parseSummary);
}

/** Writes settings fields, each replaced whole (arrays and objects are not merged into what was there). */
export async function updateStoreFields(storeId: string, fields: Partial<Store>): Promise<void> {
  const set = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'object' && v !== null ? _.set(v) : v]));
  await stores().doc(storeId).update(set);
}

/** The status moves to `to` only from one of `from`; false when the store was in none of them. */
export async function switchStatus(storeId: string, from: Store['status'][], to: Store['status']): Promise<boolean> {
  const { updated } = await stores()
    .where({ _id: storeId, status: _.in(from) })
    .update({ status: to });
  return updated === 1;
}

/** Slots from `after` on that still have the store's old capacity take the new one. */
export async function setFutureSlotCapacity(storeId: string, from: number, to: number, after: string): Promise<void> {
  await slots()
    .where({ storeId, capacity: from, start: _.gt(after) })
    .update({ capacity: to });
}
