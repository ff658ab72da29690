import { createStoreCouponInput, fullReductionTiers, ratingOf, reviewCreateInput } from '../src';

test('a store’s rating is one decimal of its reviews’ mean, 0 before any', () => {
  expect(ratingOf(0, 0)).toBe(0);
  expect(ratingOf(14, 3)).toBe(4.7); // 4.666…
  expect(ratingOf(9, 2)).toBe(4.5);
  expect(ratingOf(13, 3)).toBe(4.3); // 4.333…
});

test.each([
  ['no tiers (满减 off)', [], true],
  [
    'rising thresholds and reductions',
    [
      { thresholdFen: 3000, reductionFen: 300 },
      { thresholdFen: 6000, reductionFen: 800 },
    ],
    true,
  ],
  ['five tiers', Array.from({ length: 5 }, (_, i) => ({ thresholdFen: 1000 * (i + 1), reductionFen: 100 * (i + 1) })), true],
  ['six tiers', Array.from({ length: 6 }, (_, i) => ({ thresholdFen: 1000 * (i + 1), reductionFen: 100 * (i + 1) })), false],
  [
    'falling thresholds',
    [
      { thresholdFen: 6000, reductionFen: 800 },
      { thresholdFen: 3000, reductionFen: 900 },
    ],
    false,
  ],
  [
    'a repeated threshold',
    [
      { thresholdFen: 3000, reductionFen: 300 },
      { thresholdFen: 3000, reductionFen: 500 },
    ],
    false,
  ],
  [
    'a higher tier giving less',
    [
      { thresholdFen: 3000, reductionFen: 500 },
      { thresholdFen: 5000, reductionFen: 500 },
    ],
    false,
  ],
  ['a reduction not below its threshold', [{ thresholdFen: 3000, reductionFen: 3000 }], false],
  ['a zero threshold', [{ thresholdFen: 0, reductionFen: 1 }], false],
  ['fractional fen', [{ thresholdFen: 3000, reductionFen: 2.5 }], false],
])('满减 tiers: %s', (_name, tiers, ok) => {
  expect(fullReductionTiers.safeParse(tiers).success).toBe(ok);
});

const coupon = { title: '满20减5', amountFen: 500, thresholdFen: 2000, totalQuantity: 10, perUserLimit: 1, validFrom: '2026-01-01T00:00:00+08:00', validTo: '2099-01-01T00:00:00+08:00' };
test.each([
  ['a good coupon', {}, true],
  ['no threshold', { thresholdFen: 0 }, true],
  ['amount not below threshold', { amountFen: 2000 }, false],
  ['ends before it starts', { validFrom: '2099-02-01T00:00:00+08:00' }, false],
  ['already ended', { validTo: '2020-01-01T00:00:00+08:00' }, false],
  ['zero copies', { totalQuantity: 0 }, false],
  ['a claimed count smuggled in', { claimed: 3 }, false],
])('store coupon input: %s', (_name, over, ok) => {
  expect(createStoreCouponInput.safeParse({ ...coupon, ...over }).success).toBe(ok);
});

test('a review takes 1–5 whole stars and at most 9 photos; text and photos default empty', () => {
  expect(reviewCreateInput.parse({ orderId: 'o1', rating: 5 })).toEqual({ orderId: 'o1', rating: 5, text: '', photos: [], anonymous: false });
  for (const rating of [0, 6, 4.5]) expect(reviewCreateInput.safeParse({ orderId: 'o1', rating }).success).toBe(false);
  expect(reviewCreateInput.safeParse({ orderId: 'o1', rating: 3, photos: Array.from({ length: 10 }, (_, i) => `cloud://e.b/uploads/u/${i}.jpg`) }).success).toBe(false);
  expect(reviewCreateInput.safeParse({ orderId: 'o1', rating: 3, storeId: 's1' }).success).toBe(false);
});
