import { review, type Review } from '@daojia/domain';
import { z } from 'zod';
import { app, db, _, $ } from '../runtime';
import { addOnce, parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['reviews'] as const;

const reviews = () => db.collection('reviews');
const parse = parser('reviews', review);
const parseTally = parser('reviews', z.object({ sum: z.number().int().min(0), count: z.number().int().min(0) }));

/** Inserts the review under its order's id (`review-<orderId>`): false when the order was reviewed already. */
export const insertReview = (r: Review) => addOnce(() => reviews().add(review.parse(r)));

export async function findReview(where: Record<string, unknown>): Promise<Review | undefined> {
  const doc = (await reviews().where(where).limit(1).get()).data[0];
  return doc === undefined ? undefined : parse(doc);
}

/** A page of reviews matching `where`, newest first, and how many match in all. */
export async function reviewsPage(where: Record<string, unknown>, offset: number, limit: number): Promise<{ reviews: Review[]; total: number }> {
  const query = reviews().where(where);
  const [{ total }, { data }] = await Promise.all([query.count(), query.orderBy('createdAt', 'desc').orderBy('_id', 'desc').skip(offset).limit(limit).get()]);
  return { reviews: data.map(parse), total };
}

export const countReviews = async (where: Record<string, unknown>) => (await reviews().where(where).count()).total;

/** The store's reply, set or replaced, only on that store's review. */
export async function setReply(reviewId: string, storeId: string, reply: NonNullable<Review['reply']>): Promise<boolean> {
  const { updated } = await reviews()
    .where({ _id: reviewId, storeId })
    .update({ reply: _.set(reply) });
  return updated === 1;
}

/** Which of these orders the user reviewed. */
export async function reviewedOrderIds(userKey: string, orderIds: string[]): Promise<string[]> {
  const { data } = await reviews()
    .where({ _openid: userKey, orderId: _.in(orderIds) })
    .field({ orderId: true })
    .limit(orderIds.length)
    .get();
  return (data as { orderId: string }[]).map((d) => d.orderId);
}

/** How many reviews the store has and the sum of their stars, in one aggregate. */
export async function tallyOf(storeId: string): Promise<{ sum: number; count: number }> {
  const rows = (
    await reviews()
      .aggregate()
      .match({ storeId })
      .group({ _id: null, sum: $.sum('$rating'), count: $.sum(1) })
      .end()
  ).data as unknown[];
  return rows.length ? parseTally(rows[0]) : { sum: 0, count: 0 };
}

/** Which of these cloud files exist (one request for all). */
export async function existingFiles(fileIds: string[]): Promise<Set<string>> {
  if (!fileIds.length) return new Set();
  const { fileList } = (await app.getTempFileURL({ fileList: fileIds.map((fileID) => ({ fileID, maxAge: 60 })) })) as { fileList: { fileID: string; code?: string }[] };
  return new Set((fileList ?? []).filter((f) => f.code === 'SUCCESS').map((f) => f.fileID));
}

/** Copies a cloud file to `cloudPath` (server credentials: the caller checked whose it is) and returns the copy's id. */
export async function copyFile(fileId: string, cloudPath: string): Promise<string> {
  const res = (await app.downloadFile({ fileID: fileId })) as { fileContent?: Buffer };
  if (!res.fileContent) throw new Error(`cloud storage returned no content for ${fileId}`);
  const { fileID } = (await app.uploadFile({ cloudPath, fileContent: Buffer.from(res.fileContent) })) as { fileID: string };
  return fileID;
}
