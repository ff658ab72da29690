import fc from 'fast-check';
import { priceOrder, pricedLines, lineAmounts, orderFees, breakdown, DomainError, type PricingInput } from '../src';
import { makeCoupon, makeProduct, makeStore } from './fixtures';

const NOW = '2026-11-25T04:00:00.000Z';
const base = (over: Partial<PricingInput> = {}): PricingInput => ({
  store: makeStore(),
  products: {
    p1: makeProduct(),
    p2: makeProduct({
      _id: 'p2',
      name: '卤蛋',
      priceFen: 300,
      specs: [
        {
          name: '辣度',
          options: [
            { label: '不辣', priceDeltaFen: 0 },
            { label: '加辣', priceDeltaFen: 50 },
          ],
        },
      ],
    }),
  },
  items: [{ productId: 'p1', quantity: 2 }],
  mode: 'delivery',
  distanceM: 2500,
  coupon: null,
  isNewUser: false,
  now: NOW,
  ...over,
});

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'NO_ERROR';
};

test('itemised breakdown: lines, packaging, delivery tier, best 满减 tier, coupon and new-user discount', () => {
  const b = priceOrder(
    base({
      items: [
        { productId: 'p1', quantity: 3 },
        { productId: 'p2', quantity: 2, specs: { 辣度: '加辣' } },
      ],
      distanceM: 4000,
      coupon: makeCoupon(),
      isNewUser: true,
    }),
  );
  // Each discount is spread over the lines by what they still cost (largest remainder): 满减 1200 over 5400/700,
  // the coupon's 800 over 4338/562, the new-user 300 over 3630/470.
  expect(b.lines).toEqual([
    {
      productId: 'p1',
      name: '牛肉面',
      unitPriceFen: 1800,
      quantity: 3,
      subtotalFen: 5400,
      payableFen: 3364,
      discounts: [
        { kind: 'full_reduction', amountFen: 1062 },
        { kind: 'coupon', amountFen: 708 },
        { kind: 'new_user', amountFen: 266 },
      ],
    },
    {
      productId: 'p2',
      name: '卤蛋',
      specLabel: '加辣',
      unitPriceFen: 350,
      quantity: 2,
      subtotalFen: 700,
      payableFen: 436,
      discounts: [
        { kind: 'full_reduction', amountFen: 138 },
        { kind: 'coupon', amountFen: 92 },
        { kind: 'new_user', amountFen: 34 },
      ],
    },
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
  // The total is the lines' payable amounts plus the order-level fees, which no line carries.
  expect(b.totalFen).toBe(3364 + 436 + b.packagingFen + b.deliveryFen);
});

test('without discounts a line pays its subtotal; a free line takes no share of a discount', () => {
  const plain = priceOrder(base({ store: makeStore({ fullReductions: [] }) }));
  expect(plain.lines).toEqual([expect.objectContaining({ subtotalFen: 3600, payableFen: 3600, discounts: [] })]);
  const withFree = priceOrder(
    base({
      products: { p1: makeProduct(), p3: makeProduct({ _id: 'p3', name: '小菜', priceFen: 0 }) },
      items: [
        { productId: 'p1', quantity: 2 },
        { productId: 'p3', quantity: 1 },
      ],
    }),
  );
  expect(withFree.lines.map((l) => [l.subtotalFen, l.payableFen, l.discounts])).toEqual([
    [3600, 3100, [{ kind: 'full_reduction', amountFen: 500 }]],
    [0, 0, []],
  ]);
});

test("orders stored before lines carried shares: pricedLines spreads the breakdown's discounts the way pricing does", () => {
  const b = priceOrder(
    base({
      items: [
        { productId: 'p1', quantity: 3 },
        { productId: 'p2', quantity: 2, specs: { 辣度: '加辣' } },
      ],
      distanceM: 4000,
      coupon: makeCoupon(),
      isNewUser: true,
    }),
  );
  const legacy = b.lines.map(({ discounts: _d, payableFen: _p, ...rest }) => rest);
  expect(breakdown.parse({ ...b, lines: legacy }).lines[0]).not.toHaveProperty('payableFen');
  const order = { items: legacy, breakdown: { ...b, lines: legacy }, totalFen: b.totalFen };
  expect(pricedLines(order)).toEqual(b.lines);
  expect(pricedLines(b)).toEqual(b.lines);
  // What settlement reads: per-line payable and net amounts; fees stay on the order.
  const amounts = lineAmounts(order);
  expect(amounts.map((l) => [l.line, l.payableFen, l.discountFen, l.refundedFen, l.netFen])).toEqual([
    [0, 3364, 2036, 0, 3364],
    [1, 436, 264, 0, 436],
  ]);
  expect(amounts.reduce((a, l) => a + l.payableFen, 0) + orderFees(order).totalFen).toBe(b.totalFen);
  // A legacy whole-order refund counts as every line refunded; a legacy free-form amount is spread by payable.
  expect(lineAmounts({ ...order, refundedFen: b.totalFen }).map((l) => [l.refundedQuantity, l.refundedFen, l.netFen])).toEqual([
    [3, 3364, 0],
    [2, 436, 0],
  ]);
  expect(lineAmounts({ ...order, refundedFen: 380 }).map((l) => [l.refundedQuantity, l.refundedFen])).toEqual([
    [0, 336],
    [0, 44],
  ]);
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
  expect(
    code(() =>
      priceOrder(
        base({
          items: [
            { productId: 'p2', quantity: 1, specs: { 辣度: '特辣' } },
            { productId: 'p1', quantity: 2 },
          ],
        }),
      ),
    ),
  ).toBe('INVALID_SPEC');
});

test('a cart line is its product and resolved specs: unknown specs are refused, identical lines are one line, real specs are lines of their own', () => {
  // A product without specs given a made-up one, twice: priced as two lines of 99 before.
  const madeUp = [
    { productId: 'p1', quantity: 99, specs: { 口味: 'a' } },
    { productId: 'p1', quantity: 99, specs: { 口味: 'b' } },
  ];
  expect(code(() => priceOrder(base({ items: madeUp })))).toBe('INVALID_SPEC');
  expect(
    code(() =>
      priceOrder(
        base({
          items: [
            { productId: 'p2', quantity: 1, specs: { 辣度: '不辣', 温度: '热' } },
            { productId: 'p1', quantity: 2 },
          ],
        }),
      ),
    ),
  ).toBe('INVALID_SPEC');
  // An omitted spec is its first option, so these two are the same line.
  expect(
    code(() =>
      priceOrder(
        base({
          items: [
            { productId: 'p1', quantity: 2 },
            { productId: 'p2', quantity: 1 },
            { productId: 'p2', quantity: 1, specs: { 辣度: '不辣' } },
          ],
        }),
      ),
    ),
  ).toBe('DUPLICATE_ITEM');
  expect(
    code(() =>
      priceOrder(
        base({
          items: [
            { productId: 'p1', quantity: 1 },
            { productId: 'p1', quantity: 1 },
          ],
        }),
      ),
    ),
  ).toBe('DUPLICATE_ITEM');
  const twoSpecs = priceOrder(
    base({
      items: [
        { productId: 'p1', quantity: 2 },
        { productId: 'p2', quantity: 1 },
        { productId: 'p2', quantity: 2, specs: { 辣度: '加辣' } },
      ],
    }),
  );
  expect(twoSpecs.lines.map((l) => [l.productId, l.specLabel, l.quantity])).toEqual([
    ['p1', undefined, 2],
    ['p2', '不辣', 1],
    ['p2', '加辣', 2],
  ]);
  // Both specs draw on the product's one stock.
  const p2 = makeProduct({
    _id: 'p2',
    name: '卤蛋',
    priceFen: 300,
    stock: 3,
    specs: [
      {
        name: '辣度',
        options: [
          { label: '不辣', priceDeltaFen: 0 },
          { label: '加辣', priceDeltaFen: 50 },
        ],
      },
    ],
  });
  const bothSpecs = [
    { productId: 'p1', quantity: 2 },
    { productId: 'p2', quantity: 2 },
    { productId: 'p2', quantity: 2, specs: { 辣度: '加辣' } },
  ];
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
  const build = (a: fc.Arbitrary<any> extends never ? never : any): PricingInput =>
    base({
      store: makeStore({ minOrderFen: 0, packagingFeeFen: a.packaging, deliveryTiers: [{ upToM: 5000, feeFen: a.delivery }], fullReductions: a.reductions, newUserDiscountFen: a.newUser }),
      products: { p1: makeProduct({ priceFen: a.price, stock: 99 }) },
      items: [{ productId: 'p1', quantity: a.qty }],
      coupon: a.couponAmount === null ? null : makeCoupon({ amountFen: a.couponAmount, thresholdFen: 0 }),
      isNewUser: true,
      mode: a.mode,
    });

  test('never negative, discounts never exceed the goods subtotal, the breakdown sums to the total, all integer fen', () => {
    fc.assert(
      fc.property(arbInput, (a) => {
        const b = priceOrder(build(a));
        const discounts = b.discounts.reduce((s, d) => s + d.amountFen, 0);
        expect(b.totalFen).toBeGreaterThanOrEqual(0);
        expect(discounts).toBeLessThanOrEqual(b.itemsFen);
        expect(b.itemsFen).toBe(b.lines.reduce((s, l) => s + l.subtotalFen, 0));
        expect(b.totalFen).toBe(b.itemsFen + b.packagingFen + b.deliveryFen - discounts);
        for (const v of [b.totalFen, b.itemsFen, b.packagingFen, b.deliveryFen, ...b.discounts.map((d) => d.amountFen)]) expect(Number.isInteger(v)).toBe(true);
        expect(b.discounts.every((d) => d.amountFen > 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  const arbCart = fc.record({
    prices: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 5 }),
    qty: fc.array(fc.integer({ min: 1, max: 99 }), { minLength: 5, maxLength: 5 }),
    packaging: fc.integer({ min: 0, max: 500 }),
    delivery: fc.integer({ min: 0, max: 2000 }),
    reductions: fc.array(fc.record({ thresholdFen: fc.integer({ min: 1, max: 200_000 }), reductionFen: fc.integer({ min: 1, max: 200_000 }) }), { maxLength: 3 }),
    couponAmount: fc.option(fc.integer({ min: 1, max: 500_000 })),
    newUser: fc.integer({ min: 0, max: 100_000 }),
    mode: fc.constantFrom('delivery' as const, 'pickup' as const, 'booking' as const),
  });

  test('every line carries its share of every discount: shares add up to each discount, lines plus fees to the total', () => {
    fc.assert(
      fc.property(arbCart, (a) => {
        const products = Object.fromEntries(a.prices.map((price, i) => [`p${i}`, makeProduct({ _id: `p${i}`, name: `商品${i}`, priceFen: price, stock: 99 })]));
        const b = priceOrder(
          base({
            store: makeStore({ minOrderFen: 0, packagingFeeFen: a.packaging, deliveryTiers: [{ upToM: 5000, feeFen: a.delivery }], fullReductions: a.reductions, newUserDiscountFen: a.newUser }),
            products,
            items: a.prices.map((_, i) => ({ productId: `p${i}`, quantity: a.qty[i] })),
            coupon: a.couponAmount === null ? null : makeCoupon({ amountFen: a.couponAmount, thresholdFen: 0 }),
            isNewUser: true,
            mode: a.mode,
          }),
        );
        for (const line of b.lines) {
          expect(line.payableFen).toBe(line.subtotalFen - line.discounts!.reduce((s, d) => s + d.amountFen, 0));
          expect(line.payableFen).toBeGreaterThanOrEqual(0);
          expect(line.discounts!.every((d) => Number.isInteger(d.amountFen) && d.amountFen > 0)).toBe(true);
        }
        for (const d of b.discounts) {
          expect(b.lines.reduce((s, l) => s + (l.discounts!.find((x) => x.kind === d.kind)?.amountFen ?? 0), 0)).toBe(d.amountFen);
        }
        expect(b.totalFen).toBe(b.lines.reduce((s, l) => s + l.payableFen!, 0) + b.packagingFen + b.deliveryFen);
        expect(breakdown.parse(b)).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });
});
