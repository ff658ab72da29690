import { ratingOf } from '@daojia/domain';
import { db, _ } from '../runtime';

/**
 * A store's rating, recomputed from its reviews. After each review the reviews module counts the store's reviews and
 * sums their stars (one aggregate) and hands the tally here; it is written only over a smaller count. Reviews are
 * never removed and their stars never change, so a larger count is always a newer tally: concurrent reviews, whichever
 * finishes last, leave the tally of all of them, and a review whose function died before its tally is counted by the
 * next one. `rating` (what lists show and filter on) is one decimal of the mean.
 */
const stores = () => db.collection('stores');

export async function recordReviewTally(storeId: string, tally: { sum: number; count: number }): Promise<{ rating: number; ratingCount: number }> {
  const rating = ratingOf(tally.sum, tally.count);
  await stores()
    .where({ _id: storeId, ratingCount: _.lt(tally.count) })
    .update({ ratingSum: tally.sum, ratingCount: tally.count, rating });
  return { rating, ratingCount: tally.count };
}
