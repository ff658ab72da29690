import { z } from 'zod';
import { ratingOf } from '@daojia/domain';
import { db, _ } from '../runtime';
import { parser } from '../repository-kit';

/**
 * A store's rating, kept by its reviews. Each review adds its stars to `ratingSum` and one to `ratingCount` in one
 * atomic increment, so concurrent reviews never lose one; `rating` (what lists show and filter on) is then derived
 * from the sum and count read back, and written only if no other review moved them meanwhile (compare-and-set):
 * whichever review incremented last writes the rating of the final sum and count.
 */
const stores = () => db.collection('stores');
const parseTally = parser('stores', z.object({ _id: z.string(), ratingSum: z.number().int().min(0), ratingCount: z.number().int().min(0) }));

export async function addReviewRating(storeId: string, stars: number): Promise<{ rating: number; ratingCount: number }> {
  await stores()
    .doc(storeId)
    .update({ ratingSum: _.inc(stars), ratingCount: _.inc(1) });
  const tally = parseTally((await stores().doc(storeId).field({ ratingSum: true, ratingCount: true }).get()).data[0]);
  const rating = ratingOf(tally.ratingSum, tally.ratingCount);
  // Refused when another review incremented after our read: that one's read is newer, and it writes.
  await stores().where({ _id: storeId, ratingSum: tally.ratingSum, ratingCount: tally.ratingCount }).update({ rating });
  return { rating, ratingCount: tally.ratingCount };
}
