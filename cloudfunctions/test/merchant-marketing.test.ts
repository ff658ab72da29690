import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/** The store's own marketing through the real functions: 满减 tiers, store coupons, claiming, usage figures. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const CLERK = 'demo-clerk-001';
const OTHER_OWNER = 'demo-merchant-002';
let k = 0;
const key = () => `mkt-${++k}-${Date.now()}`;
const day = 24 * 3600_000;
const coupon = (over: Record<string, unknown> = {}) => ({
  title: '本店满40减6',
  amountFen: 600,
  thresholdFen: 4000,
  totalQuantity: 5,
  perUserLimit: 1,
  validFrom: new Date(Date.now() - 60_000).toISOString(),
  validTo: new Date(Date.now() + 7 * day).toISOString(),
  ...over,
});

test('满减 tiers: bad tier sets are refused and change nothing; a good one is stored and priced by the next quote; clerks may not change them', async () => {
  const before = t.doc('stores', STORE).fullReductions;
  const bad = [
    [
      { thresholdFen: 6000, reductionFen: 800 },
      { thresholdFen: 3000, reductionFen: 300 },
    ], // thresholds falling
    [{ thresholdFen: 3000, reductionFen: 3000 }], // reduction not below threshold
    [
      { thresholdFen: 3000, reductionFen: 500 },
      { thresholdFen: 3000, reductionFen: 600 },
    ], // repeated threshold
    [
      { thresholdFen: 3000, reductionFen: 500 },
      { thresholdFen: 5000, reductionFen: 400 },
    ], // higher tier gives less
    Array.from({ length: 6 }, (_, i) => ({ thresholdFen: 1000 * (i + 1), reductionFen: 100 * (i + 1) })), // six tiers
    [{ thresholdFen: 3000, reductionFen: 2.5 }], // not integer fen
  ];
  for (const tiers of bad) expect({ tiers, reply: await t.call(MERCHANT, 'merchantMarketing', 'setFullReductions', { tiers }) }).toMatchObject({ tiers, reply: { ok: false, code: 'INVALID_INPUT' } });
  expect(await t.call(CLERK, 'merchantMarketing', 'setFullReductions', { tiers: [] })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(t.doc('stores', STORE).fullReductions).toEqual(before);

  const tiers = [
    { thresholdFen: 1000, reductionFen: 200 },
    { thresholdFen: 2500, reductionFen: 600 },
  ];
  expect(await t.ok(MERCHANT, 'merchantMarketing', 'setFullReductions', { tiers })).toEqual({ fullReductions: tiers });
  expect(t.doc('stores', STORE).fullReductions).toEqual(tiers);
  expect((await t.ok(CLERK, 'merchantMarketing', 'overview', {})).fullReductions).toEqual(tiers);
  const { breakdown } = await t.ok(CONSUMER, 'order', 'quote', { storeId: STORE, mode: 'pickup', items: [{ productId: 'store-001-p001', quantity: 2 }] });
  const full = breakdown.discounts.find((d: any) => d.kind === 'full_reduction');
  expect(full.amountFen).toBe(breakdown.itemsFen >= 2500 ? 600 : 200);
  // Restore the seeded tiers for the tests below.
  await t.ok(MERCHANT, 'merchantMarketing', 'setFullReductions', { tiers: before });
});

test('a store coupon is created by the owner only; bad input writes nothing; it is listed with zero figures and shown to consumers', async () => {
  const count = t.count('coupons', {});
  for (const over of [{ amountFen: 4000 }, { validTo: new Date(Date.now() - 1000).toISOString() }, { totalQuantity: 0 }, { perUserLimit: 0 }, { title: '' }, { claimed: 3 }])
    expect({ over, reply: await t.call(MERCHANT, 'merchantMarketing', 'createCoupon', coupon(over)) }).toMatchObject({ over, reply: { ok: false, code: 'INVALID_INPUT' } });
  expect(await t.call(CLERK, 'merchantMarketing', 'createCoupon', coupon())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(t.count('coupons', {})).toBe(count);

  const { coupon: made } = await t.ok(MERCHANT, 'merchantMarketing', 'createCoupon', coupon({ title: '新店券' }));
  expect(made).toMatchObject({ title: '新店券', state: 'active', claimed: 0, used: 0, gmvFen: 0, discountFen: 0, totalQuantity: 5, perUserLimit: 1 });
  expect((await t.ok(CLERK, 'merchantMarketing', 'overview', {})).coupons.map((c: any) => c._id)).toContain(made._id);
  expect((await t.ok(OTHER_OWNER, 'merchantMarketing', 'overview', {})).coupons.map((c: any) => c._id)).not.toContain(made._id);
  const shown = await t.ok({ uid: 'anon-mkt', isAnonymous: true }, 'marketing', 'storeCoupons', { storeId: STORE });
  expect(shown.coupons.find((c: any) => c._id === made._id)).toEqual(expect.objectContaining({ left: 5, perUserLimit: 1 }));
  expect(shown.coupons.find((c: any) => c._id === made._id).mine).toBeUndefined();
});

test('12 people racing for 5 coupons: exactly 5 claimed, never more; one person racing themselves gets their limit only', async () => {
  const { coupon: c } = await t.ok(MERCHANT, 'merchantMarketing', 'createCoupon', coupon({ totalQuantity: 5 }));
  const users = Array.from({ length: 12 }, (_, i) => `coupon-racer-${i}`);
  const replies = await Promise.all(users.map((u) => t.call(u, 'marketing', 'claim', { couponId: c._id })));
  expect(replies.filter((r) => r.ok)).toHaveLength(5);
  expect(new Set(replies.filter((r) => !r.ok).map((r: any) => r.code))).toEqual(new Set(['COUPON_SOLD_OUT']));
  expect(t.doc('coupons', c._id).claimed).toBe(5);
  expect(t.count('user_coupons', { couponId: c._id })).toBe(5);

  const { coupon: two } = await t.ok(MERCHANT, 'merchantMarketing', 'createCoupon', coupon({ totalQuantity: 50, perUserLimit: 2 }));
  const mine = await Promise.all(Array.from({ length: 6 }, () => t.call(CONSUMER, 'marketing', 'claim', { couponId: two._id })));
  expect(mine.filter((r) => r.ok)).toHaveLength(2);
  expect(new Set(mine.filter((r) => !r.ok).map((r: any) => r.code))).toEqual(new Set(['COUPON_LIMIT_REACHED']));
  expect(t.count('user_coupons', { couponId: two._id, _openid: CONSUMER })).toBe(2);
  expect(t.doc('coupons', two._id).claimed).toBe(2);
  const shown = await t.ok(CONSUMER, 'marketing', 'storeCoupons', { storeId: STORE });
  expect(shown.coupons.find((x: any) => x._id === two._id)).toMatchObject({ left: 48, mine: 2 });
});

test('paused: nobody can claim, the claimed copies still work; resumed: claims again; another store cannot pause it', async () => {
  const { coupon: c } = await t.ok(MERCHANT, 'merchantMarketing', 'createCoupon', coupon({ totalQuantity: 10, amountFen: 100, thresholdFen: 0 }));
  const { userCoupon: held } = await t.ok('pause-a', 'marketing', 'claim', { couponId: c._id });
  expect(await t.call(OTHER_OWNER, 'merchantMarketing', 'setCouponPaused', { couponId: c._id, paused: true })).toMatchObject({ ok: false, code: 'COUPON_NOT_FOUND' });
  expect(await t.call(CLERK, 'merchantMarketing', 'setCouponPaused', { couponId: c._id, paused: true })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((await t.ok(MERCHANT, 'merchantMarketing', 'setCouponPaused', { couponId: c._id, paused: true })).coupon).toMatchObject({ state: 'paused', claimed: 1 });
  expect(await t.call('pause-b', 'marketing', 'claim', { couponId: c._id })).toMatchObject({ ok: false, code: 'COUPON_NOT_CLAIMABLE' });
  expect((await t.ok(CONSUMER, 'marketing', 'storeCoupons', { storeId: STORE })).coupons.map((x: any) => x._id)).not.toContain(c._id);
  expect(t.doc('coupons', c._id).claimed).toBe(1);
  const { breakdown } = await t.ok('pause-a', 'order', 'quote', { storeId: STORE, mode: 'pickup', items: [{ productId: 'store-001-p001', quantity: 1 }], couponId: held._id });
  expect(breakdown.discounts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'coupon', amountFen: 100 })]));
  expect((await t.ok(MERCHANT, 'merchantMarketing', 'setCouponPaused', { couponId: c._id, paused: false })).coupon.state).toBe('active');
  expect(await t.call('pause-b', 'marketing', 'claim', { couponId: c._id })).toMatchObject({ ok: true });
  // Coupons given out by hand (the demo wallet's) and unknown ids cannot be claimed.
  expect(await t.call('pause-c', 'marketing', 'claim', { couponId: 'coupon-store001-5' })).toMatchObject({ ok: false, code: 'COUPON_NOT_FOUND' });
  expect(await t.call({ uid: 'anon-claim', isAnonymous: true }, 'marketing', 'claim', { couponId: c._id })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
});

test('usage figures: a claimed coupon used on a paid order counts as used, with that order’s total and the discount it gave', async () => {
  const { coupon: c } = await t.ok(MERCHANT, 'merchantMarketing', 'createCoupon', coupon({ title: '满20减5', amountFen: 500, thresholdFen: 2000, totalQuantity: 20 }));
  const buyer = 'coupon-buyer';
  const { userCoupon } = await t.ok(buyer, 'marketing', 'claim', { couponId: c._id });
  await t.ok('coupon-holder', 'marketing', 'claim', { couponId: c._id });
  const { order } = await t.ok(buyer, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: 'store-001-p001', quantity: 3 }], couponId: userCoupon._id });
  const couponLine = order.breakdown.discounts.find((d: any) => d.kind === 'coupon');
  expect(couponLine.amountFen).toBe(500);
  const { payment } = await t.ok(buyer, 'pay', 'prepay', { orderId: order._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('user_coupons', userCoupon._id).status === 'used', 'coupon used');
  const row = (await t.ok(MERCHANT, 'merchantMarketing', 'overview', {})).coupons.find((x: any) => x._id === c._id);
  expect(row).toMatchObject({ claimed: 2, used: 1, gmvFen: order.totalFen, discountFen: 500 });
});
