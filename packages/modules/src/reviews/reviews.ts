import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ANONYMOUS_NAME, BAD_REVIEW_MAX_RATING, DomainError, REVIEWABLE_STATUSES, reviewIdOf, type Review, type reviewCreateInput, type OrderStatus } from '@daojia/domain';
import { ownOrder } from '../orders';
import { getStore, recordReviewTally } from '../stores';
import { FILE_LIMITS, extensionOf, isOwnUpload } from '../files';
import { _ } from '../runtime';
import * as repo from './repository';

type CreateInput = z.output<typeof reviewCreateInput>;
export type StaffReviewFilter = 'all' | 'bad' | 'unreplied' | 'photos';

/** How the reviewer is named on the review: the order's contact (delivery) masked to its first character, else 用户 and a digest of the account (never the account itself). */
function reviewerName(order: { address?: { contact: string } }, userKey: string): string {
  const contact = order.address?.contact.trim();
  if (contact) return contact.length <= 1 ? `${contact}*` : `${contact[0]}${'*'.repeat(Math.min(contact.length - 1, 2))}`;
  return `用户${createHash('sha256').update(userKey).digest('hex').slice(0, 6)}`;
}

const shownName = (r: Review) => (r.anonymous ? ANONYMOUS_NAME : r.userName);
const replyView = (r: Review) => (r.reply ? { reply: { text: r.reply.text, repliedAt: r.reply.repliedAt, ...(r.reply.editedAt ? { editedAt: r.reply.editedAt } : {}) } } : {});

/** A review as anyone may see it. */
export const publicView = (r: Review) => ({ _id: r._id, rating: r.rating, text: r.text, photos: r.photos, userName: shownName(r), createdAt: r.createdAt, ...replyView(r) });
/** A review as the store's staff see it: with its order; an anonymous reviewer stays anonymous. */
export const staffView = (r: Review) => ({ ...publicView(r), orderId: r.orderId, anonymous: r.anonymous });

/**
 * The review's photos as the store page shows them: copies under `reviews/<storeId>/`, named by a digest of the
 * review, since an upload's path names its uploader (`uploads/<userKey>/…`) and an anonymous review must not. An id
 * that names no stored file is refused like someone else's.
 */
async function publishPhotos(uploads: string[], storeId: string, reviewId: string): Promise<string[]> {
  if (!uploads.length) return [];
  const present = await repo.existingFiles(uploads);
  if (uploads.some((f) => !present.has(f))) throw new DomainError('REVIEW_PHOTO_NOT_OWN', '评价图片不存在，请重新上传');
  const stem = createHash('sha256').update(reviewId).digest('hex').slice(0, 20);
  return Promise.all(uploads.map((f, i) => repo.copyFile(f, `reviews/${storeId}/${stem}-${i + 1}.${extensionOf(f)}`)));
}

const retally = async (storeId: string) => recordReviewTally(storeId, await repo.tallyOf(storeId));
/** A second review of an order is refused, after recording the store's tally: if the first attempt died before its own, this records it. */
async function alreadyReviewed(storeId: string): Promise<never> {
  await retally(storeId);
  throw new DomainError('ALREADY_REVIEWED', '这笔订单已经评价过了');
}

/**
 * The consumer reviews their own order once it was received (picked up, checked in or completed). The review's id
 * is its order's, so a second review (twice tapped, two devices) is a duplicate insert and adds nothing; the store's
 * rating is then recomputed from all its reviews (stores' recordReviewTally keeps the tally of the most reviews).
 */
export async function createReview(input: CreateInput, userKey: string, now = new Date()) {
  const order = await ownOrder(input.orderId, userKey);
  if (!(REVIEWABLE_STATUSES as readonly OrderStatus[]).includes(order.status)) throw new DomainError('ORDER_NOT_REVIEWABLE', '订单完成后才能评价');
  const uploads = [...new Set(input.photos)];
  if (uploads.some((f) => !isOwnUpload(f, userKey))) throw new DomainError('REVIEW_PHOTO_NOT_OWN', '评价图片须是本人上传的图片');
  if (uploads.some((f) => !(extensionOf(f) in FILE_LIMITS.image.types))) throw new DomainError('REVIEW_PHOTO_NOT_OWN', '评价图片须是 JPG、PNG 或 WebP 图片');
  const reviewId = reviewIdOf(order._id);
  if (await repo.findReview({ _id: reviewId })) return alreadyReviewed(order.storeId);
  const photos = await publishPhotos(uploads, order.storeId, reviewId);
  const review: Review = {
    _id: reviewId,
    storeId: order.storeId,
    orderId: order._id,
    _openid: userKey,
    userName: reviewerName(order, userKey),
    anonymous: input.anonymous,
    rating: input.rating,
    text: input.text,
    photos,
    hasPhotos: photos.length > 0,
    createdAt: now.toISOString(),
  };
  if (!(await repo.insertReview(review))) return alreadyReviewed(order.storeId);
  await retally(order.storeId);
  return { review: { ...publicView(review), orderId: review.orderId, anonymous: review.anonymous } };
}

/** A store's reviews on its page (newest first); a store customers cannot see has no reviews for them either. */
export async function storeReviews(storeId: string, q: { filter: 'all' | 'photos'; offset: number; limit: number }) {
  const store = await getStore(storeId);
  if (!store || store.status === 'pending_review' || store.status === 'suspended') throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  const { reviews, total } = await repo.reviewsPage({ storeId, ...(q.filter === 'photos' ? { hasPhotos: true } : {}) }, q.offset, q.limit);
  return { reviews: reviews.map(publicView), total, rating: store.rating, ratingCount: store.ratingCount };
}

const STAFF_FILTERS: Record<StaffReviewFilter, Record<string, unknown>> = {
  all: {},
  bad: { rating: _.lte(BAD_REVIEW_MAX_RATING) },
  unreplied: { reply: _.exists(false) },
  photos: { hasPhotos: true },
};

/** The store's reviews for its staff, by filter, with each filter's count (the tabs). */
export async function reviewsForStaff(storeId: string, q: { filter: StaffReviewFilter; offset: number; limit: number }) {
  const [page, store, ...counts] = await Promise.all([
    repo.reviewsPage({ storeId, ...STAFF_FILTERS[q.filter] }, q.offset, q.limit),
    getStore(storeId),
    ...(Object.keys(STAFF_FILTERS) as StaffReviewFilter[]).map((f) => repo.countReviews({ storeId, ...STAFF_FILTERS[f] })),
  ]);
  const [all, bad, unreplied, photos] = counts;
  return { reviews: page.reviews.map(staffView), total: page.total, counts: { all, bad, unreplied, photos }, rating: store?.rating ?? 0, ratingCount: store?.ratingCount ?? 0 };
}

/** The store's one reply to a review: the first sets it, later ones edit it (its first time kept). Another store's review does not exist here. */
export async function replyToReview(reviewId: string, storeId: string, text: string, staffKey: string, now = new Date()) {
  const found = await repo.findReview({ _id: reviewId, storeId });
  if (!found) throw new DomainError('REVIEW_NOT_FOUND', '评价不存在');
  const at = now.toISOString();
  const reply = found.reply ? { text, by: staffKey, repliedAt: found.reply.repliedAt, editedAt: at } : { text, by: staffKey, repliedAt: at };
  if (!(await repo.setReply(reviewId, storeId, reply))) throw new DomainError('REVIEW_NOT_FOUND', '评价不存在');
  return { review: staffView({ ...found, reply }) };
}

/** Which of the user's orders they reviewed already. */
export const reviewedOrders = async (userKey: string, orderIds: string[]) => ({ reviewed: await repo.reviewedOrderIds(userKey, [...new Set(orderIds)]) });
