import fc from 'fast-check';
import { priceOrder, planRefund, linesOfRefund, lineAmounts, type RefundableOrder, type RefundLine, type RefundItem, type PricingInput } from '../src';
import { makeCoupon, makeProduct, makeStore } from './fixtures';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'NO_ERROR';
};

/** 牛肉面 × 3 (payable 3364) and 卤蛋 × 2 (payable 436) after 满减, coupon and new-user discount; fees 700; paid 4500. */
function paidOrder(over: Partial<PricingInput> = {}): RefundableOrder {
  const b = priceOrder({
    store: makeStore(),
    products: { p1: makeProduct(), p2: makeProduct({ _id: 'p2', name: '卤蛋', priceFen: 350 }) },
    items: [
      { productId: 'p1', quantity: 3 },
      { productId: 'p2', quantity: 2 },
    ],
    mode: 'delivery',
    distanceM: 4000,
    coupon: makeCoupon(),
    isNewUser: true,
    now: '2026-11-25T04:00:00.000Z',
    ...over,
  });
  return { items: b.lines, breakdown: b, totalFen: b.totalFen };
}
const after = (order: RefundableOrder, ...refunds: RefundLine[][]): RefundableOrder => ({ ...order, refundedLines: refunds.flat() });

test('no items is the whole order: everything paid goes back, packaging and delivery included (as before)', () => {
  const order = paidOrder();
  expect(order.totalFen).toBe(4500);
  expect(planRefund(order)).toEqual({
    amountFen: 4500,
    feesFen: 700,
    full: true,
    lines: [
      { line: 0, quantity: 3, amountFen: 3364 },
      { line: 1, quantity: 2, amountFen: 436 },
    ],
  });
  expect(planRefund(order, [])).toEqual(planRefund(order));
  // Selecting every unit of every line is the whole order too: the fees go back with the last units.
  expect(
    planRefund(order, [
      { line: 1, quantity: 2 },
      { line: 0, quantity: 3 },
    ]),
  ).toMatchObject({ amountFen: 4500, feesFen: 700, full: true });
});

test("a partial refund is the selected units' share of their line's payable amount; fees stay with the store", () => {
  const order = paidOrder();
  expect(planRefund(order, [{ line: 1, quantity: 2 }])).toEqual({ amountFen: 436, feesFen: 0, full: false, lines: [{ line: 1, quantity: 2, amountFen: 436 }] });
  // One of three units: the payable amount's running share, rounded down (3364 / 3 = 1121.33).
  expect(planRefund(order, [{ line: 0, quantity: 1 }])).toMatchObject({ amountFen: 1121, lines: [{ line: 0, quantity: 1, amountFen: 1121 }] });
  // Every line but one unit: the lines' payable amounts, without the fees.
  expect(
    planRefund(order, [
      { line: 0, quantity: 3 },
      { line: 1, quantity: 1 },
    ]),
  ).toMatchObject({ amountFen: 3364 + 218, feesFen: 0, full: false });
});

test('units already refunded are never refunded again; all refunds together return exactly what was paid', () => {
  const order = paidOrder();
  const first = planRefund(order, [{ line: 0, quantity: 1 }]);
  expect(code(() => planRefund(after(order, first.lines), [{ line: 0, quantity: 3 }]))).toBe('REFUND_TOO_LARGE');
  const second = planRefund(after(order, first.lines), [{ line: 0, quantity: 2 }]);
  expect(second.amountFen).toBe(3364 - 1121);
  expect(code(() => planRefund(after(order, first.lines, second.lines), [{ line: 0, quantity: 1 }]))).toBe('REFUND_TOO_LARGE');
  // The last units bring the fees back with them.
  const last = planRefund(after(order, first.lines, second.lines), [{ line: 1, quantity: 2 }]);
  expect(last).toMatchObject({ amountFen: 436 + 700, feesFen: 700, full: true });
  expect(first.amountFen + second.amountFen + last.amountFen).toBe(order.totalFen);
  const done = after(order, first.lines, second.lines, last.lines);
  expect(code(() => planRefund(done))).toBe('REFUND_TOO_LARGE');
  expect(lineAmounts(done).map((l) => [l.refundedQuantity, l.refundedFen, l.netFen])).toEqual([
    [3, 3364, 0],
    [2, 436, 0],
  ]);
  // With no items after a partial refund: what is left, fees included.
  expect(planRefund(after(order, first.lines))).toMatchObject({
    amountFen: 4500 - 1121,
    full: true,
    lines: [
      { line: 0, quantity: 2 },
      { line: 1, quantity: 2 },
    ],
  });
});

test('refuses unknown or repeated lines, zero quantities, zero-value selections and orders refunded before lines were recorded', () => {
  const order = paidOrder();
  expect(code(() => planRefund(order, [{ line: 2, quantity: 1 }]))).toBe('INVALID_INPUT');
  expect(code(() => planRefund(order, [{ line: -1, quantity: 1 }]))).toBe('INVALID_INPUT');
  expect(
    code(() =>
      planRefund(order, [
        { line: 0, quantity: 1 },
        { line: 0, quantity: 1 },
      ]),
    ),
  ).toBe('INVALID_INPUT');
  expect(code(() => planRefund(order, [{ line: 0, quantity: 0 }]))).toBe('INVALID_INPUT');
  expect(code(() => planRefund(order, [{ line: 1, quantity: 3 }]))).toBe('REFUND_TOO_LARGE');
  const free = paidOrder({ products: { p1: makeProduct(), p2: makeProduct({ _id: 'p2', name: '小菜', priceFen: 0 }) } });
  expect(code(() => planRefund(free, [{ line: 1, quantity: 1 }]))).toBe('INVALID_INPUT');
  expect(code(() => planRefund({ ...order, refundedFen: 300 }, [{ line: 1, quantity: 1 }]))).toBe('REFUND_TOO_LARGE');
});

test('orders stored before lines carried shares are refunded from the shares pricing would have given them', () => {
  const order = paidOrder();
  const legacy = order.items.map(({ discounts: _d, payableFen: _p, ...rest }) => rest);
  const old = { ...order, items: legacy, breakdown: { ...order.breakdown, lines: legacy } };
  expect(planRefund(old, [{ line: 0, quantity: 1 }])).toEqual(planRefund(order, [{ line: 0, quantity: 1 }]));
  expect(planRefund(old).amountFen).toBe(4500);
});

test('the lines a refund covers, for a refund started from an amount', () => {
  const order = paidOrder();
  const partial = planRefund(order, [{ line: 1, quantity: 1 }]);
  expect(linesOfRefund({ ...order, refundRequestedFen: partial.amountFen, refundRequestedLines: partial.lines }, partial.amountFen)).toEqual(partial.lines);
  expect(linesOfRefund(order, order.totalFen)).toEqual(planRefund(order).lines);
  // A free-form amount requested before lines were recorded covers no line in particular.
  expect(linesOfRefund({ ...order, refundRequestedFen: 500 }, 500)).toBeUndefined();
});

test('property: any sequence of partial refunds never returns more than was paid, nor any line more than its payable amount', () => {
  const arb = fc.record({
    prices: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 4 }),
    qty: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 4, maxLength: 4 }),
    steps: fc.array(fc.array(fc.record({ line: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 9 }) }), { maxLength: 3 }), { maxLength: 8 }),
    finish: fc.boolean(),
  });
  fc.assert(
    fc.property(arb, (a) => {
      const products = Object.fromEntries(a.prices.map((price, i) => [`p${i}`, makeProduct({ _id: `p${i}`, name: `商品${i}`, priceFen: price, stock: 99 })]));
      const base = paidOrder({ store: makeStore({ minOrderFen: 0 }), products, items: a.prices.map((_, i) => ({ productId: `p${i}`, quantity: a.qty[i] })), coupon: null });
      let order = base;
      let refunded = 0;
      const steps: (RefundItem[] | undefined)[] = [...a.steps, ...(a.finish ? [undefined] : [])];
      for (const items of steps) {
        let plan;
        try {
          plan = planRefund(order, items);
        } catch {
          continue;
        }
        refunded += plan.amountFen;
        order = after(order, order.refundedLines ?? [], plan.lines);
        expect(refunded).toBeLessThanOrEqual(base.totalFen);
        if (plan.full) expect(refunded).toBe(base.totalFen);
      }
      for (const l of lineAmounts(order)) {
        expect(l.refundedFen).toBeLessThanOrEqual(l.payableFen);
        expect(l.refundedQuantity).toBeLessThanOrEqual(l.quantity);
      }
    }),
    { numRuns: 400 },
  );
});
