/**
 * Reviews (`reviews`): a consumer's one review of each received order (stars, text, their own photos, anonymous if
 * they wish), the store's reply, and the store's rating recomputed from them (stores' recordReviewTally).
 */
export { COLLECTIONS } from './repository';
export { createReview, storeReviews, reviewsForStaff, replyToReview, reviewedOrders, type StaffReviewFilter } from './reviews';
export { REVIEWS_ERROR_CODES } from '@daojia/domain';
