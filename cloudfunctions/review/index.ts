import { REVIEW_API } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { createReview, reviewedOrders, storeReviews } from '@daojia/modules/reviews';

/** A consumer's reviews: of their own received orders (once each), and a store's reviews on its page for anyone. */
export const main = defineFunction('review', {
  create: action({
    ...REVIEW_API.create,
    permission: 'review.write',
    handler: (input, { caller }) => createReview(input, caller.userKey),
  }),

  /** Public, as the store page is: reviewers are shown only by the name they allowed. */
  listForStore: action({
    ...REVIEW_API.listForStore,
    permission: 'store.browse',
    handler: ({ storeId, filter, offset, limit }) => storeReviews(storeId, { filter, offset, limit }),
  }),

  mine: action({
    ...REVIEW_API.mine,
    permission: 'review.write',
    handler: ({ orderIds }, { caller }) => reviewedOrders(caller.userKey, orderIds),
  }),
});
