import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ratingOf } from '@daojia/domain';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/** Reviews through the real functions on the seeded demo city: who may review what, once; the store's rating; replies. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const CLERK = 'demo-clerk-001';
const PICTURE = readFileSync(path.join(__dirname, '..', '..', 'scripts', 'seed', 'pictures', 'products', 'bread.webp'));
const OTHER_OWNER = 'demo-merchant-002';
let k = 0;
const key = () => `review-${++k}-${Date.now()}`;
const store = () => t.doc('stores', STORE);
const reviewsOfStore = () => t.count('reviews', { storeId: STORE });
/** A photo `user` uploaded (written straight into the local bucket, as their upload would be); `stored: false` names a file that is not there. */
function photo(user: string, name = 'a', stored = true) {
  const path = `uploads/${user}/reviews/${name}.webp`;
  if (stored) t.cloud.storage.store.write(path, PICTURE, 'image/webp', user);
  return t.cloud.storage.fileIdOf(path);
}
const PUBLISHED = /^cloud:\/\/[^/]+\/reviews\/store-001\/[0-9a-f]{20}-\d\.webp$/;

/** A pickup order of `user` at the demo store, paid and (unless `until` says otherwise) picked up with its code. */
async function order(user: string, until: 'paid' | 'picked_up' = 'picked_up') {
  const { order: o } = await t.ok(user, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: 'store-001-p001', quantity: 1 }] });
  const { payment } = await t.ok(user, 'pay', 'prepay', { orderId: o._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('orders', o._id).status === 'paid', 'paid');
  if (until === 'paid') return t.doc('orders', o._id);
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: o._id });
  await t.ok(MERCHANT, 'merchantOrder', 'markReady', { orderId: o._id });
  await t.ok(MERCHANT, 'merchantOrder', 'verifyCode', { orderId: o._id, code: t.doc('orders', o._id).pickupCode });
  return t.doc('orders', o._id);
}

test('the seeded stores’ ratings are their reviews’: sum, count and one-decimal mean', () => {
  const rows = t.cloud.db.find('reviews', { query: { storeId: STORE } });
  const sum = rows.reduce((s: number, r: any) => s + r.rating, 0);
  expect(store()).toMatchObject({ ratingSum: sum, ratingCount: rows.length, rating: ratingOf(sum, rows.length) });
});

test('a consumer reviews their own picked-up order once: a second review, even sent twice at once, changes nothing', async () => {
  const o = await order(CONSUMER);
  const before = store();
  const mine = photo(CONSUMER);
  const sends = await Promise.all([1, 2, 3].map(() => t.call(CONSUMER, 'review', 'create', { orderId: o._id, rating: 4, text: '好吃，下次再来', photos: [mine] })));
  expect(sends.filter((r) => r.ok)).toHaveLength(1);
  expect(sends.filter((r) => !r.ok).map((r: any) => r.code)).toEqual(['ALREADY_REVIEWED', 'ALREADY_REVIEWED']);
  const made = (sends.find((r) => r.ok) as any).data.review;
  expect(made).toMatchObject({ orderId: o._id, rating: 4, text: '好吃，下次再来', anonymous: false });
  // The photo is published as a copy under the store's reviews, not at the upload's path (which names the uploader).
  expect(made.photos).toEqual([expect.stringMatching(PUBLISHED)]);
  expect(t.cloud.storage.store.read(made.photos[0].replace(/^cloud:\/\/[^/]+\//, ''))?.body.equals(PICTURE)).toBe(true);
  expect(t.count('reviews', { orderId: o._id })).toBe(1);
  expect(store()).toMatchObject({ ratingSum: before.ratingSum + 4, ratingCount: before.ratingCount + 1, rating: ratingOf(before.ratingSum + 4, before.ratingCount + 1) });
  expect(await t.ok(CONSUMER, 'review', 'mine', { orderIds: [o._id, 'nope'] })).toEqual({ reviewed: [o._id] });
});

test('not someone else’s order, not an unfinished one, not with another person’s photo or a bad rating: each refused and nothing written', async () => {
  const mine = await order(CONSUMER);
  const unpaidYet = await order(CONSUMER, 'paid');
  const before = { count: reviewsOfStore(), store: store() };
  const tries = [
    ['demo-consumer-2', { orderId: mine._id, rating: 5 }, 'ORDER_NOT_FOUND'],
    [CONSUMER, { orderId: unpaidYet._id, rating: 5 }, 'ORDER_NOT_REVIEWABLE'],
    [CONSUMER, { orderId: mine._id, rating: 5, photos: [photo('demo-consumer-2')] }, 'REVIEW_PHOTO_NOT_OWN'],
    [CONSUMER, { orderId: mine._id, rating: 5, photos: ['https://example.com/x.jpg'] }, 'REVIEW_PHOTO_NOT_OWN'],
    [CONSUMER, { orderId: mine._id, rating: 5, photos: [photo(CONSUMER, 'never-uploaded', false)] }, 'REVIEW_PHOTO_NOT_OWN'],
    [CONSUMER, { orderId: mine._id, rating: 6 }, 'INVALID_INPUT'],
    [CONSUMER, { orderId: mine._id, rating: 3, photos: Array.from({ length: 10 }, (_, i) => photo(CONSUMER, `p${i}`)) }, 'INVALID_INPUT'],
    [{ uid: 'anon-review', isAnonymous: true }, { orderId: mine._id, rating: 5 }, 'UNAUTHENTICATED'],
  ] as const;
  for (const [who, data, code] of tries) expect({ data, reply: await t.call(who as never, 'review', 'create', data) }).toMatchObject({ data, reply: { ok: false, code } });
  expect(reviewsOfStore()).toBe(before.count);
  expect(store()).toEqual(before.store);
});

test('concurrent reviews of many orders keep the store’s rating exact', async () => {
  const users = Array.from({ length: 8 }, (_, i) => `review-racer-${i}`);
  const orders = [];
  for (const u of users) orders.push(await order(u));
  const stars = [5, 1, 4, 3, 5, 2, 4, 5];
  const before = store();
  const replies = await Promise.all(orders.map((o, i) => t.call(users[i], 'review', 'create', { orderId: o._id, rating: stars[i], anonymous: i % 2 === 0 })));
  expect(replies.every((r) => r.ok)).toBe(true);
  const sum = before.ratingSum + stars.reduce((a, b) => a + b, 0);
  const count = before.ratingCount + stars.length;
  expect(store()).toMatchObject({ ratingSum: sum, ratingCount: count, rating: ratingOf(sum, count) });
  // The stored tally is the reviews' own.
  const all = t.cloud.db.find('reviews', { query: { storeId: STORE } });
  expect(all.reduce((s: number, r: any) => s + r.rating, 0)).toBe(sum);
  expect(all.length).toBe(count);
});

test('a review whose function died before the store’s tally is counted by the next review (the tally is recomputed, not incremented)', async () => {
  const died = await order('review-crasher');
  // What a create that stopped right after its insert leaves: the review, and a store that does not count it yet.
  t.cloud.db.insert('reviews', [
    {
      _id: `review-${died._id}`,
      storeId: STORE,
      orderId: died._id,
      _openid: 'review-crasher',
      userName: '用户',
      anonymous: false,
      rating: 1,
      text: '',
      photos: [],
      hasPhotos: false,
      createdAt: new Date().toISOString(),
    },
  ]);
  const before = store();
  // Its retry is told it was reviewed, and records the tally the first attempt did not.
  expect(await t.call('review-crasher', 'review', 'create', { orderId: died._id, rating: 1 })).toMatchObject({ ok: false, code: 'ALREADY_REVIEWED' });
  expect(store()).toMatchObject({ ratingSum: before.ratingSum + 1, ratingCount: before.ratingCount + 1 });
  const next = await order('review-next');
  await t.ok('review-next', 'review', 'create', { orderId: next._id, rating: 5 });
  const all = t.cloud.db.find('reviews', { query: { storeId: STORE } });
  const sum = all.reduce((s: number, r: any) => s + r.rating, 0);
  expect(store()).toMatchObject({ ratingSum: sum, ratingCount: all.length, rating: ratingOf(sum, all.length) });
});

test('the store page lists reviews for anyone, newest first, an anonymous reviewer as 匿名用户 and nobody’s account or order', async () => {
  const o = await order('demo-consumer-3');
  await t.ok('demo-consumer-3', 'review', 'create', { orderId: o._id, rating: 5, text: '匿名夸一下', anonymous: true, photos: [photo('demo-consumer-3')] });
  const page = await t.ok({ uid: 'anon-browser', isAnonymous: true }, 'review', 'listForStore', { storeId: STORE, limit: 5 });
  expect(page.reviews[0]).toEqual({ _id: `review-${o._id}`, rating: 5, text: '匿名夸一下', photos: [expect.stringMatching(PUBLISHED)], userName: '匿名用户', createdAt: expect.any(String) });
  for (const r of page.reviews) expect(Object.keys(r).sort()).toEqual(expect.not.arrayContaining(['_openid', 'orderId', 'anonymous']));
  // Not even in the photos: they are published copies, not the upload (whose path names the uploader).
  expect(JSON.stringify(page)).not.toContain('demo-consumer-3');
  expect(page).toMatchObject({ rating: store().rating, ratingCount: store().ratingCount, total: reviewsOfStore() });
  const withPhotos = await t.ok(CONSUMER, 'review', 'listForStore', { storeId: STORE, filter: 'photos' });
  expect(withPhotos.reviews.length).toBeGreaterThan(0);
  for (const r of withPhotos.reviews) expect(r.photos.length).toBeGreaterThan(0);
  expect(await t.call(CONSUMER, 'review', 'listForStore', { storeId: 'store-nope' })).toMatchObject({ ok: false, code: 'STORE_NOT_FOUND' });
});

test('staff list by 差评 / 未回复 / 有图; a clerk replies, the owner edits the one reply, another store cannot; the store page shows it', async () => {
  const counts = (await t.ok(CLERK, 'merchantReview', 'list', {})).counts;
  expect(counts.all).toBe(reviewsOfStore());
  const bad = await t.ok(CLERK, 'merchantReview', 'list', { filter: 'bad', limit: 50 });
  expect(bad.reviews.length).toBe(counts.bad);
  expect(bad.reviews.length).toBeGreaterThan(0);
  for (const r of bad.reviews) expect(r.rating).toBeLessThanOrEqual(2);
  const open = await t.ok(CLERK, 'merchantReview', 'list', { filter: 'unreplied', limit: 50 });
  for (const r of open.reviews) expect(r.reply).toBeUndefined();
  const target = bad.reviews.find((r: any) => !r.reply);

  const first = await t.ok(CLERK, 'merchantReview', 'reply', { reviewId: target._id, text: '抱歉让您久等，已加派人手' });
  expect(first.review.reply).toEqual({ text: '抱歉让您久等，已加派人手', repliedAt: expect.any(String) });
  const edited = await t.ok(MERCHANT, 'merchantReview', 'reply', { reviewId: target._id, text: '抱歉让您久等，下次到店送小菜' });
  expect(edited.review.reply).toEqual({ text: '抱歉让您久等，下次到店送小菜', repliedAt: first.review.reply.repliedAt, editedAt: expect.any(String) });
  expect(t.doc('reviews', target._id).reply).toMatchObject({ by: MERCHANT, text: '抱歉让您久等，下次到店送小菜' });
  const after = await t.ok(CLERK, 'merchantReview', 'list', {});
  expect(after.counts.unreplied).toBe(counts.unreplied - 1);

  const stored = t.doc('reviews', target._id);
  expect(await t.call(OTHER_OWNER, 'merchantReview', 'reply', { reviewId: target._id, text: '路过' })).toMatchObject({ ok: false, code: 'REVIEW_NOT_FOUND' });
  expect(await t.call(CONSUMER, 'merchantReview', 'reply', { reviewId: target._id, text: '我自己回' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await t.call(CLERK, 'merchantReview', 'reply', { reviewId: target._id, text: '   ' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(t.doc('reviews', target._id)).toEqual(stored);

  const page = await t.ok(CONSUMER, 'review', 'listForStore', { storeId: STORE, limit: 50 });
  expect(page.reviews.find((r: any) => r._id === target._id).reply.text).toBe('抱歉让您久等，下次到店送小菜');
  // Another store's staff see only their own store's reviews.
  const theirs = await t.ok(OTHER_OWNER, 'merchantReview', 'list', { limit: 50 });
  expect(theirs.reviews.map((r: any) => r._id)).not.toContain(target._id);
});
