import { z } from 'zod';
import { id } from './common';

/** At most this many photos on one review (WeChat's image picker takes 9 at a time). */
export const REVIEW_PHOTO_MAX = 9;
/** Ratings at or below this are 差评 (the merchant's filter). */
export const BAD_REVIEW_MAX_RATING = 2;
/** The order statuses a consumer may review: the order was received (picked up, checked in, or completed). */
export const REVIEWABLE_STATUSES = ['picked_up', 'checked_in', 'completed'] as const;

export const reviewRating = z.number().int().min(1, '请打 1 到 5 星').max(5, '请打 1 到 5 星');
export const reviewText = z.string().trim().max(500, '评价最多 500 字');
export const replyText = z.string().trim().min(1, '回复不能为空').max(300, '回复最多 300 字');

/** The store's one reply to a review; editing replaces the text and stamps `editedAt`. */
export const reviewReply = z.object({
  text: replyText,
  /** The staff member's userKey. */
  by: z.string(),
  repliedAt: z.string(),
  editedAt: z.string().optional(),
});

/**
 * A consumer's review of one of their orders. `_id` is `review-<orderId>`, so a second review of the same order is
 * a duplicate insert and never a second document. `userName` is the name shown when the reviewer did not ask to be
 * anonymous; nobody outside the reviews module sees `_openid`.
 */
export const review = z.object({
  _id: id,
  storeId: id,
  orderId: id,
  _openid: z.string(),
  userName: z.string(),
  anonymous: z.boolean(),
  rating: reviewRating,
  text: reviewText,
  /** Cloud storage file ids of the reviewer's own uploads. */
  photos: z.array(z.string().min(1)).max(REVIEW_PHOTO_MAX),
  /** photos.length > 0, stored so the 有图 filter is a query. */
  hasPhotos: z.boolean(),
  reply: reviewReply.optional(),
  createdAt: z.string(),
});
export type Review = z.infer<typeof review>;

export const reviewIdOf = (orderId: string) => `review-${orderId}`;
/** How a review's author is shown to anyone but themselves. */
export const ANONYMOUS_NAME = '匿名用户';

/** A store's rating from its reviews' stars: one decimal of the mean, as the apps show it (4.66… → 4.7); 0 until reviewed. */
export const ratingOf = (sum: number, count: number) => (count ? Math.round((sum / count) * 10) / 10 : 0);
