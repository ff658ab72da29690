import { ratingOf } from '@daojia/domain';

type Doc = Record<string, any>;

const NAMES = ['王女士', '李先生', '小陈', '张同学', '刘阿姨', '赵先生'];
const GOOD = ['味道不错，会再来', '服务很周到', '性价比高', '出餐很快', '包装很用心，分量足', '老板人很好，推荐'];
const SO_SO = ['还可以，高峰期等得有点久'];
const BAD = ['等了一个多小时才到，送到时已经凉了'];

/**
 * Reviews of the demo city, and each store's rating computed from them as the reviews module keeps it (ratingSum,
 * ratingCount, rating = one decimal of the mean), so the stars on a store card are the stars of its reviews. Goods
 * stores' reviews are of their completed history orders, by those orders' customers; service stores (no history
 * orders) keep reviews of visits booked before the platform (their orderId names no order). store-001, the demo
 * store, gets a 差评 without a reply, an anonymous one and one the store answered, so every merchant filter shows
 * something. Deterministic, no rand(): the seeded sequence of everything else does not move.
 */
export function buildReviews(stores: Doc[], orders: Doc[]): Doc[] {
  const reviews: Doc[] = [];
  stores.forEach((s, i) => {
    const n = i + 1;
    const demo = s._id === 'store-001';
    const own = orders.filter((o) => o.storeId === s._id).slice(0, demo ? 5 : 3);
    const count = own.length || 2;
    for (let k = 0; k < count; k++) {
      const order = own[k];
      const stars = demo ? [5, 4, 2, 5, 3][k] : [5, 4, 5, 4][(n + k) % 4];
      const text = stars >= 4 ? GOOD[(n + k) % GOOD.length] : stars === 3 ? SO_SO[0] : BAD[0];
      const createdAt = order ? new Date(Date.parse(order.completedAt) + 60 * 60_000).toISOString() : '2026-01-05T02:00:00.000Z';
      const orderId = order ? order._id : `${s._id}-visit-${k + 1}`;
      reviews.push({
        _id: `review-${orderId}`,
        storeId: s._id,
        orderId,
        _openid: order ? order._openid : `seed-customer-visit-${n}-${k + 1}`,
        userName: NAMES[(n + k) % NAMES.length],
        anonymous: demo && k === 1,
        rating: stars,
        text,
        photos: [],
        hasPhotos: false,
        ...(demo && k === 0 ? { reply: { text: '感谢您的支持，欢迎常来！', by: 'demo-merchant-001', repliedAt: createdAt } } : {}),
        createdAt,
      });
    }
    const mine = reviews.filter((r) => r.storeId === s._id);
    const sum = mine.reduce((t, r) => t + r.rating, 0);
    Object.assign(s, { ratingSum: sum, ratingCount: mine.length, rating: ratingOf(sum, mine.length) });
  });
  return reviews;
}
