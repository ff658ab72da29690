import path from 'node:path';
import { startHarness, type Harness, watchPage, SCREENSHOTS, fillField } from './lib/harness';
import { shows, until } from './lib/poll';

/**
 * Reviews and the store's own marketing in the browser: the consumer reviews a completed order with a photo,
 * anonymously; the store page shows it as 匿名用户 and offers the store's coupon to claim; the owner replies on the
 * merchant 评价 page, and the 营销 page shows the claimed coupon and creates and pauses a new one.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const STORE = 'store-001';
const BUYER = 'demo-consumer-2';
const PHOTO = path.join(__dirname, '..', 'scripts', 'seed', 'pictures', 'products', 'bread.webp');
type Doc = Record<string, any>;

test('consumer reviews with a photo and claims a coupon; the owner replies and runs the store’s coupons', async () => {
  // A completed order of the buyer at the demo store (a seeded history order, made theirs).
  const history = (h.cloud.db.find('orders', { query: { storeId: STORE, status: 'completed' } }) as Doc[])[0];
  const order = { ...history, _id: 'e2e-review-order', orderNo: 'e2e-review-order', idempotencyKey: 'e2e-review-order', _openid: BUYER };
  h.cloud.db.insert('orders', [order]);

  const consumer = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const c = await consumer.newPage();
  const consumerErrors = watchPage(c);
  await c.goto(h.urls.consumer);
  await c.click(`#login-${BUYER}`);
  await c.waitForSelector(`#store-card-${STORE}`);
  await c.goto(`${h.urls.consumer}#/pages/order/index?id=${order._id}`);
  await c.waitForSelector('#review-form');
  const [chooser] = await Promise.all([c.waitForEvent('filechooser'), c.click('#review-photo-add')]);
  await chooser.setFiles(PHOTO);
  await shows(c, '#review-photo-add', '1/9');
  await fillField(c, 'review-text', '牛腩软烂，汤很浓');
  await c.click('#review-anonymous');
  await c.click('#review-submit');
  await c.waitForSelector('#review-done');
  const review = await until(
    async () => h.cloud.db.find('reviews', { query: { orderId: order._id } })[0] as Doc | undefined,
    (r) => !!r,
    'the review is stored',
  );
  expect(review).toMatchObject({ storeId: STORE, _openid: BUYER, anonymous: true, text: '牛腩软烂，汤很浓', rating: 5, hasPhotos: true });
  // Published under the store's reviews, not at the upload's path (which names the buyer).
  expect(review!.photos[0]).toMatch(/\/reviews\/store-001\/[0-9a-f]{20}-1\.(webp|jpg|png)$/);

  await c.goto(`${h.urls.consumer}#/pages/store/index?id=${STORE}`);
  await shows(c, `#store-review-${review!._id}`, '匿名用户');
  await shows(c, `#store-review-${review!._id}`, '牛腩软烂');
  await c.click('#claim-coupon-store001-claim');
  await shows(c, '#claim-coupon-store001-claim', '已领取');
  expect(h.cloud.db.find('user_coupons', { query: { couponId: 'coupon-store001-claim', _openid: BUYER } })).toHaveLength(1);
  await c.locator('#store-reviews').scrollIntoViewIfNeeded();
  await c.screenshot({ path: path.join(SCREENSHOTS, 'consumer-store-reviews.png') });

  const merchant = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const m = await merchant.newPage();
  const errors = watchPage(m);
  await m.goto(h.urls.merchant);
  await m.click('#login-demo-merchant-001');
  await m.waitForSelector('#page-merchant-orders, #page-workbench');
  await m.goto(`${h.urls.merchant}#/pages/reviews/index`);
  await shows(m, `#review-${review!._id}`, '匿名用户');
  await m.click(`#review-reply-open-${review!._id}`);
  await fillField(m, `review-reply-input-${review!._id}`, '谢谢喜欢，欢迎再来');
  await m.click(`#review-reply-save-${review!._id}`);
  await shows(m, `#review-reply-${review!._id}`, '谢谢喜欢，欢迎再来');
  expect((h.cloud.db.find('reviews', { query: { _id: review!._id } })[0] as Doc).reply).toMatchObject({ text: '谢谢喜欢，欢迎再来', by: 'demo-merchant-001' });
  await m.screenshot({ path: path.join(SCREENSHOTS, 'merchant-reviews.png') });

  await m.goto(`${h.urls.merchant}#/pages/marketing/index`);
  await shows(m, '#coupon-figures-coupon-store001-claim', '已领 1/200');
  await m.click('#coupon-new');
  await fillField(m, 'coupon-title', '周末满50减8');
  await fillField(m, 'coupon-amount', '8');
  await fillField(m, 'coupon-threshold', '50');
  await fillField(m, 'coupon-total', '30');
  await m.click('#coupon-create');
  const made = await until(
    async () => h.cloud.db.find('coupons', { query: { storeId: STORE, title: '周末满50减8' } })[0] as Doc | undefined,
    (x) => !!x,
    'the coupon is stored',
  );
  expect(made).toMatchObject({ amountFen: 800, thresholdFen: 5000, totalQuantity: 30, perUserLimit: 1, claimed: 0, paused: false });
  await shows(m, `#coupon-state-${made!._id}`, '发放中');
  await m.click(`#coupon-toggle-${made!._id}`);
  await shows(m, `#coupon-state-${made!._id}`, '已暂停');
  expect((h.cloud.db.find('coupons', { query: { _id: made!._id } })[0] as Doc).paused).toBe(true);
  await m.screenshot({ path: path.join(SCREENSHOTS, 'merchant-marketing.png') });

  expect(consumerErrors).toEqual([]);
  expect(errors).toEqual([]);
  await consumer.close();
  await merchant.close();
});
