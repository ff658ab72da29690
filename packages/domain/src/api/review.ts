import { z } from 'zod';
import { id } from '../schemas/common';
import { REVIEW_PHOTO_MAX, replyText, reviewRating, reviewText } from '../schemas/review';
import { contract } from './contract';

const page = { offset: z.number().int().min(0).max(1000).default(0), limit: z.number().int().min(1).max(50).default(20) };
const fileId = z.string().min(1).max(300);

export const reviewCreateInput = z
  .object({
    orderId: z.string().min(1).max(64),
    rating: reviewRating,
    text: reviewText.default(''),
    photos: z.array(fileId).max(REVIEW_PHOTO_MAX, `最多 ${REVIEW_PHOTO_MAX} 张图片`).default([]),
    /** Shown as 匿名用户 to everyone else. */
    anonymous: z.boolean().default(false),
  })
  .strict();

/** A review as anyone may see it: the reviewer only by the name they allowed (or 匿名用户), no account or order. */
export const publicReview = z.object({
  _id: id,
  rating: reviewRating,
  text: z.string(),
  photos: z.array(z.string()),
  userName: z.string(),
  createdAt: z.string(),
  reply: z.object({ text: replyText, repliedAt: z.string(), editedAt: z.string().optional() }).optional(),
});

export const reviewCreateOutput = z.object({ review: publicReview.extend({ orderId: id, anonymous: z.boolean() }) });

export const reviewFilterPublic = z.enum(['all', 'photos']);
export const reviewListForStoreInput = z.object({ storeId: z.string().min(1).max(64), filter: reviewFilterPublic.default('all'), ...page }).strict();
export const reviewListForStoreOutput = z.object({
  reviews: z.array(publicReview),
  total: z.number().int().min(0),
  rating: z.number().min(0).max(5),
  ratingCount: z.number().int().min(0),
});

/** Whether the consumer already reviewed these orders (the order list shows 评价 or 已评价). */
export const reviewMineInput = z.object({ orderIds: z.array(z.string().min(1).max(64)).min(1).max(50) }).strict();
export const reviewMineOutput = z.object({ reviewed: z.array(id) });

export const REVIEW_API = {
  create: contract(reviewCreateInput, reviewCreateOutput, ['ORDER_NOT_FOUND', 'ORDER_NOT_REVIEWABLE', 'ALREADY_REVIEWED', 'REVIEW_PHOTO_NOT_OWN']),
  listForStore: contract(reviewListForStoreInput, reviewListForStoreOutput, ['STORE_NOT_FOUND']),
  mine: contract(reviewMineInput, reviewMineOutput),
};
