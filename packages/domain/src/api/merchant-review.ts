import { z } from 'zod';
import { id } from '../schemas/common';
import { replyText, reviewRating } from '../schemas/review';
import { contract } from './contract';

/** 全部 / 差评 (≤ 2 stars) / 未回复 / 有图. */
export const MERCHANT_REVIEW_FILTERS = ['all', 'bad', 'unreplied', 'photos'] as const;
export const merchantReviewFilter = z.enum(MERCHANT_REVIEW_FILTERS);
export const MERCHANT_REVIEW_FILTER_LABELS: Record<z.infer<typeof merchantReviewFilter>, string> = { all: '全部', bad: '差评', unreplied: '未回复', photos: '有图' };

export const merchantReviewListInput = z
  .object({ filter: merchantReviewFilter.default('all'), offset: z.number().int().min(0).max(1000).default(0), limit: z.number().int().min(1).max(50).default(20) })
  .strict();

/** A review as the store's staff see it: the order it is about; an anonymous reviewer stays 匿名用户 to them too. */
export const merchantReviewRow = z.object({
  _id: id,
  orderId: id,
  rating: reviewRating,
  text: z.string(),
  photos: z.array(z.string()),
  userName: z.string(),
  anonymous: z.boolean(),
  createdAt: z.string(),
  reply: z.object({ text: replyText, repliedAt: z.string(), editedAt: z.string().optional() }).optional(),
});

export const merchantReviewListOutput = z.object({
  reviews: z.array(merchantReviewRow),
  total: z.number().int().min(0),
  /** How many reviews each filter holds (the tabs' badges). */
  counts: z.object({ all: z.number().int(), bad: z.number().int(), unreplied: z.number().int(), photos: z.number().int() }),
  rating: z.number().min(0).max(5),
  ratingCount: z.number().int().min(0),
});

export const merchantReviewReplyInput = z.object({ reviewId: z.string().min(1).max(64), text: replyText }).strict();
export const merchantReviewReplyOutput = z.object({ review: merchantReviewRow });

export const MERCHANT_REVIEW_API = {
  list: contract(merchantReviewListInput, merchantReviewListOutput),
  reply: contract(merchantReviewReplyInput, merchantReviewReplyOutput, ['REVIEW_NOT_FOUND']),
};
