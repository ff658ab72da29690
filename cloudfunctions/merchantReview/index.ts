import { MERCHANT_REVIEW_API } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { replyToReview, reviewsForStaff } from '@daojia/modules/reviews';

/** The store's reviews for its staff (reading is `store.read`), and the store's one reply to each (owner and clerk). */
export const main = defineFunction('merchantReview', {
  list: action({
    ...MERCHANT_REVIEW_API.list,
    permission: 'store.read',
    handler: ({ filter, offset, limit }, { staff }) => reviewsForStaff(staff.storeId, { filter, offset, limit }),
  }),

  reply: action({
    ...MERCHANT_REVIEW_API.reply,
    permission: 'store.reviews.reply',
    handler: ({ reviewId, text }, { staff }) => replyToReview(reviewId, staff.storeId, text, staff.userKey),
  }),
});
