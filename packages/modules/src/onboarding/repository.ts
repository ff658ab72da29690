import { z } from 'zod';
import { lngLat, storeApplication, type ApplicationStatus, type CommissionTerms, type StoreApplication } from '@daojia/domain';
import { db, _ } from '../runtime';
import { isDuplicate, parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['store_applications'] as const;

const applications = () => db.collection('store_applications');

/** Stored as a geo point, like stores' locations; read back as { lng, lat }. */
const storedPoint = z.union([
  lngLat,
  z.object({ longitude: z.number(), latitude: z.number() }).transform((p) => ({ lng: p.longitude, lat: p.latitude })),
  z.object({ coordinates: z.tuple([z.number(), z.number()]) }).transform((p) => ({ lng: p.coordinates[0], lat: p.coordinates[1] })),
]);
const applicationDoc = storeApplication.extend({ location: storedPoint });
const parseApplication = parser('store_applications', applicationDoc);

/**
 * Inserts a new open application; false when the person already has one open (the unique `openKey` index: while
 * open it is the applicant's key, so a second open one cannot exist, even when two applies race).
 */
export async function insertApplication(doc: StoreApplication): Promise<boolean> {
  const { _id, location, ...rest } = storeApplication.parse(doc);
  try {
    await applications().add({ _id, ...rest, location: new db.Geo.Point(location.lng, location.lat) });
    return true;
  } catch (e) {
    if (isDuplicate(e)) return false;
    throw e;
  }
}

export async function getApplication(id: string): Promise<StoreApplication | undefined> {
  const doc = (await applications().doc(id).get()).data[0];
  return doc === undefined ? undefined : parseApplication(doc);
}

export async function applicationsOf(applicantKey: string): Promise<StoreApplication[]> {
  const { data } = await applications().where({ applicantKey }).orderBy('createdAt', 'desc').limit(50).get();
  return data.map(parseApplication);
}

/** A page of applications in `statuses` matching `where` (a region scope), oldest first (a queue), and the count. */
export async function applicationsPage(
  where: Record<string, unknown>,
  statuses: readonly ApplicationStatus[],
  offset: number,
  limit: number,
): Promise<{ applications: StoreApplication[]; total: number }> {
  const query = applications().where({ ...where, status: _.in([...statuses]) });
  const [{ total }, { data }] = await Promise.all([query.count(), query.orderBy('createdAt', 'asc').skip(offset).limit(limit).get()]);
  return { applications: data.map(parseApplication), total };
}

/** pending → approving, fixing the store id and terms (compare-and-set: one reviewer wins). */
export async function markApproving(
  id: string,
  where: Record<string, unknown>,
  set: { storeId: string; terms: CommissionTerms; reviewedBy: { adminId: string; name: string }; reviewedAt: string },
): Promise<boolean> {
  const { updated } = await applications()
    .where({ ...where, _id: id, status: 'pending' })
    .update({ status: 'approving', ...set });
  return updated === 1;
}

/** approving → approved: the store and owner exist; the application closes (its openKey becomes its own id). */
export async function markApproved(id: string): Promise<boolean> {
  const { updated } = await applications().where({ _id: id, status: 'approving' }).update({ status: 'approved', openKey: id });
  return updated === 1;
}

export async function markRejected(id: string, where: Record<string, unknown>, set: { reason: string; reviewedBy: { adminId: string; name: string }; reviewedAt: string }): Promise<boolean> {
  const { updated } = await applications()
    .where({ ...where, _id: id, status: 'pending' })
    .update({ status: 'rejected', openKey: id, ...set });
  return updated === 1;
}

/** One application, if it is within `where` (a reviewer's region scope): another region's does not exist for them. */
export async function findApplication(id: string, where: Record<string, unknown>): Promise<StoreApplication | undefined> {
  const { data } = await applications()
    .where({ ...where, _id: id })
    .limit(1)
    .get();
  return data.length ? parseApplication(data[0]) : undefined;
}
