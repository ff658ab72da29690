import fc from 'fast-check';
import { priceOrder, DomainError, type PricingInput } from '../src';
import { makeCoupon, makeProduct, makeStore } from './fixtures';

const NOW = '2026-11-25T04:00:00.000Z';
const base = (over: Partial<PricingInput> = {}): PricingInput => ({
  store: makeStore(), products: { p1: makeProduct(), p2: makeProduct({ _id: 'p2', name: '卤蛋', priceFen: 300, specs: [{ name: '辣度', options: [{ label: '不辣', priceDeltaFen: 0 }, { label: '加辣', priceDeltaFen: 50 }] }] }) },
  items: [{ productId: 'p1', quantity: 2 }], mode: 'delivery', distanceM: 2500, coupon: null, isNewUser: false, now: NOW, ...over,
});

const code = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as DomainError).code; } return 'NO_ERROR'; };

test('itemised breakdown: lines, packaging, delivery tier, best 满减 tier, coupon and new-user discount', () => {
  const b = priceOrder(base({ items: [{ productId: 'p1', quantity: 3 }, { productId: 'p2', quantity: 2, specs: { 辣度: '加辣' } }], distanceM: 4000, coupon: makeCoupon(), isNewUser: true }));
  expect(b.lines).toEqual([
    { productId: 'p1', name: '牛肉面', unitPriceFen: 1800, quantity: 3, subtotalFen: 5400 },
    { productId: 'p2', name: '卤蛋', specLabel: '加辣', unitPriceFen: 350, quantity: 2, subtotalFen: 700 },
  ]);
  expect(b.itemsFen).toBe(6100);
  expect(b.packagingFen).toBe(100);
  expect(b.deliveryFen).toBe(600);
  expect(b.discounts).toEqual([
    { kind: 'full_reduction', label: '满60.00减12.00', amountFen: 1200 },
    { kind: 'coupon', label: '满30减8', amountFen: 800 },
    { kind: 'new_user', label: '新客立减', amountFen: 300 },
  ]);
  expect(b.totalFen).toBe(6100 + 100 + 600 - 1200 - 800 - 300);
});

test('pickup has no delivery fee or minimum; booking has no packaging', () => {
  const pickup = priceOrder(base({ mode: 'pickup', items: [{ productId: 'p1', quantity: 1 }], distanceM: undefined }));
  expect(pickup).toMatchObject({ itemsFen: 1800, packagingFen: 100, deliveryFen: 0, totalFen: 1900 });
  const booking = priceOrder(base({ mode: 'booking', items: [{ productId: 'p1', quantity: 1 }] }));
  expect(booking).toMatchObject({ packagingFen: 0, deliveryFen: 0, totalFen: 1800 });
});

test('every rule that refuses an order says why with a stable code', () => {
  expect(code(() => priceOrder(base({ items: [] })))).toBe('EMPTY_CART');
  expect(code(() => priceOrder(base({ items: [{ productId: 'p1', quantity: 0 }] })))).toBe('INVALID_QUANTITY');
  expect(code(() => priceOrder(base({ items: [{ productId: 'p1', quantity: 1e9 }] })))).toBe('INVALID_QUANTITY');
  expect(code(() => priceOrder(base({ items: [{ productId: 'nope', quantity: 1 }] })))).toBe('PRODUCT_NOT_FOUND');
  expect(code(() => priceOrder(base({ products: { p1: makeProduct({ onShelf: false }) } })))).toBe('PRODUCT_OFF_SHELF');
  expect(code(() => priceOrder(base({ products: { p1: makeProduct({ stock: 1 }) } })))).toBe('OUT_OF_STOCK');
  expect(code(() => priceOrder(base({ products: { p1: makeProduct({ storeId: 'other' }) } })))).toBe('STORE_MISMATCH');
  expect(code(() => priceOrder(base({ items: [{ productId: 'p1', quantity: 1 }] })))).toBe('BELOW_MIN_ORDER');
  expect(code(() => priceOrder(base({ distanceM: 5001 })))).toBe('OUT_OF_DELIVERY_RANGE');
  expect(code(() => priceOrder(base({ distanceM: undefined })))).toBe('ADDRESS_REQUIRED');
  expect(code(() => priceOrder(base({ coupon: makeCoupon({ status: 'used' }) })))).toBe('COUPON_UNAVAILABLE');
  expect(code(() => priceOrder(base({ coupon: makeCoupon({ storeId: 'other' }) })))).toBe('COUPON_NOT_APPLICABLE');
  expect(code(() => priceOrder(base({ coupon: makeCoupon({ validTo: '2026-01-02T00:00:00.000Z' }) })))).toBe('COUPON_EXPIRED');
  expect(code(() => priceOrder(base({ coupon: makeCoupon({ thresholdFen: 99999 }) })))).toBe('COUPON_THRESHOLD_NOT_MET');
  expect(code(() => priceOrder(base({ items: [{ productId: 'p2', quantity: 1, specs: { 辣度: '特辣' } }, { productId: 'p1', quantity: 2 }] })))).toBe('INVALID_SPEC');
});

test('a cart line is its product and resolved specs: unknown specs are refused, identical lines are one line, real specs are lines of their own', () => {
  // A product without specs given a made-up one, twice: priced as two lines of 99 before.
  const madeUp = [{ productId: 'p1', quantity: 99, specs: { 口味: 'a' } }, { productId: 'p1', quantity: 99, specs: { 口味: 'b' } }];
  expect(code(() => priceOrder(base({ items: madeUp })))).toBe('INVALID_SPEC');
  expect(code(() => priceOrder(base({ items: [{ productId: 'p2', quantity: 1, specs: { 辣度: '不辣', 温度: '热' } }, { productId: 'p1', quantity: 2 }] })))).toBe('INVALID_SPEC');
  // An omitted spec is its first option, so these two are the same line.
  expect(code(() => priceOrder(base({ items: [{ productId: 'p1', quantity: 2 }, { productId: 'p2', quantity: 1 }, { productId: 'p2', quantity: 1, specs: { 辣度: '不辣' } }] })))).toBe('DUPLICATE_ITEM');
  expect(code(() => priceOrder(base({ items: [{ productId: 'p1', quantity: 1 }, { productId: 'p1', quantity: 1 }] })))).toBe('DUPLICATE_ITEM');
  const twoSpecs = priceOrder(base({ items: [{ productId: 'p1', quantity: 2 }, { productId: 'p2', quantity: 1 }, { productId: 'p2', quantity: 2, specs: { 辣度: '加辣' } }] }));
  expect(twoSpecs.lines.map((l) => [l.productId, l.specLabel, l.quantity])).toEqual([['p1', undefined, 2], ['p2', '不辣', 1], ['p2', '加辣', 2]]);
  // Both specs draw on the product's one stock.
  const p2 = makeProduct({ _id: 'p2', name: '卤蛋', priceFen: 300, stock: 3, specs: [{ name: '辣度', options: [{ label: '不辣', priceDeltaFen: 0 }, { label: '加辣', priceDeltaFen: 50 }] }] });
  const bothSpecs = [{ productId: 'p1', quantity: 2 }, { productId: 'p2', quantity: 2 }, { productId: 'p2', quantity: 2, specs: { 辣度: '加辣' } }];
  expect(code(() => priceOrder(base({ products: { p1: makeProduct(), p2 }, items: bothSpecs })))).toBe('OUT_OF_STOCK');
});

describe('pricing invariants (property-based)', () => {
  const arbInput = fc.record({
    price: fc.integer({ min: 0, max: 100_000 }),
    qty: fc.integer({ min: 1, max: 99 }),
    packaging: fc.integer({ min: 0, max: 500 }),
    delivery: fc.integer({ min: 0, max: 2000 }),
    reductions: fc.array(fc.record({ thresholdFen: fc.integer({ min: 1, max: 200_000 }), reductionFen: fc.integer({ min: 1, max: 200_000 }) }), { maxLength: 4 }),
    couponAmount: fc.option(fc.integer({ min: 1, max: 500_000 })),
    newUser: fc.integer({ min: 0, max: 100_000 }),
    mode: fc.constantFrom('delivery' as const, 'pickup' as const, 'booking' as const),
  });
  const build = (a: fc.Arbitrary<any> extends never ? never : any): PricingInput => base({
    store: makeStore({ minOrderFen: 0, packagingFeeFen: a.packaging, deliveryTiers: [{ upToM: 5000, feeFen: a.delivery }], fullReductions: a.reductions, newUserDiscountFen: a.newUser }),
    products: { p1: makeProduct({ priceFen: a.price, stock: 99 }) },
    items: [{ productId: 'p1', quantity: a.qty }],
    coupon: a.couponAmount === null ? null : makeCoupon({ amountFen: a.couponAmount, thresholdFen: 0 }),
    isNewUser: true, mode: a.mode,
  });

  test('never negative, discounts never exceed the goods subtotal, the breakdown sums to the total, all integer fen', () => {
    fc.assert(fc.property(arbInput, (a) => {
      const b = priceOrder(build(a));
      const discounts = b.discounts.reduce((s, d) => s + d.amountFen, 0);
      expect(b.totalFen).toBeGreaterThanOrEqual(0);
      expect(discounts).toBeLessThanOrEqual(b.itemsFen);
      expect(b.itemsFen).toBe(b.lines.reduce((s, l) => s + l.subtotalFen, 0));
      expect(b.totalFen).toBe(b.itemsFen + b.packagingFen + b.deliveryFen - discounts);
      for (const v of [b.totalFen, b.itemsFen, b.packagingFen, b.deliveryFen, ...b.discounts.map((d) => d.amountFen)]) expect(Number.isInteger(v)).toBe(true);
      expect(b.discounts.every((d) => d.amountFen > 0)).toBe(true);
    }), { numRuns: 500 });
  });
});
