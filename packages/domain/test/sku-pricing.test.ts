import fc from 'fast-check';
import { priceOrder, choiceKey, resolveChoice, lineTitle, withSkuTotals, DomainError, breakdown, type PricingInput, type Product } from '../src';
import { makeProduct, makeStore } from './fixtures';

/** SKUs (大碗 / 小碗) through pricing: each line names one, is priced and stocked by it, and says which it was. */
const NOW = '2026-11-25T04:00:00.000Z';
const noodles: Product = withSkuTotals(
  makeProduct({
    _id: 'sku1',
    name: '红烧牛肉面',
    priceFen: 0,
    stock: 0,
    skus: [
      { id: 'big', label: '大碗', priceFen: 2800, stock: 3 },
      { id: 'small', label: '小碗', priceFen: 2200, stock: 10 },
    ],
    specs: [
      {
        name: '辣度',
        options: [
          { label: '不辣', priceDeltaFen: 0 },
          { label: '加辣', priceDeltaFen: 100 },
        ],
      },
    ],
  }),
);
const plain = makeProduct({ _id: 'p1', name: '葱油拌面', priceFen: 1500 });
const input = (items: PricingInput['items'], products: Record<string, Product> = { sku1: noodles, p1: plain }): PricingInput => ({
  store: makeStore({ fullReductions: [], newUserDiscountFen: 0 }),
  products,
  items,
  mode: 'pickup',
  coupon: null,
  isNewUser: false,
  now: NOW,
});
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as DomainError).code;
  }
  return 'NO_ERROR';
};

test("a product with SKUs is priced at the chosen SKU's price plus its options, and the line records the SKU", () => {
  expect(noodles).toMatchObject({ priceFen: 2200, stock: 13 }); // the cheapest SKU's price, the SKUs' stock summed
  const b = priceOrder(
    input([
      { productId: 'sku1', skuId: 'big', quantity: 2, specs: { 辣度: '加辣' } },
      { productId: 'sku1', skuId: 'small', quantity: 1 },
      { productId: 'p1', quantity: 1 },
    ]),
  );
  expect(b.lines).toEqual([
    expect.objectContaining({ productId: 'sku1', skuId: 'big', skuLabel: '大碗', specLabel: '加辣', unitPriceFen: 2900, quantity: 2, subtotalFen: 5800 }),
    expect.objectContaining({ productId: 'sku1', skuId: 'small', skuLabel: '小碗', specLabel: '不辣', unitPriceFen: 2200, subtotalFen: 2200 }),
    expect.objectContaining({ productId: 'p1', unitPriceFen: 1500 }),
  ]);
  expect(b.lines[2]).not.toHaveProperty('skuId');
  expect(b.itemsFen).toBe(5800 + 2200 + 1500);
  expect(breakdown.parse(b)).toEqual(b); // the stored shape keeps skuId and skuLabel
  expect(b.lines.map(lineTitle)).toEqual(['红烧牛肉面（大碗/加辣）', '红烧牛肉面（小碗/不辣）', '葱油拌面']);
});

test('the SKU is required for a product with SKUs, must be one of its own, and is refused on a product without SKUs', () => {
  expect(code(() => priceOrder(input([{ productId: 'sku1', quantity: 1 }])))).toBe('SKU_REQUIRED');
  expect(() => priceOrder(input([{ productId: 'sku1', quantity: 1 }]))).toThrow('请选择「红烧牛肉面」的规格（大碗/小碗）');
  expect(code(() => priceOrder(input([{ productId: 'sku1', skuId: 'huge', quantity: 1 }])))).toBe('SKU_NOT_FOUND');
  expect(code(() => priceOrder(input([{ productId: 'p1', skuId: 'big', quantity: 1 }])))).toBe('SKU_NOT_FOUND');
  expect(code(() => priceOrder(input([{ productId: 'sku1', skuId: 'big', quantity: 1, specs: { 辣度: '变态辣' } }])))).toBe('INVALID_SPEC');
});

test("each SKU has its own stock: lines of one SKU share it, another SKU's stock does not help", () => {
  expect(code(() => priceOrder(input([{ productId: 'sku1', skuId: 'big', quantity: 4 }])))).toBe('OUT_OF_STOCK');
  expect(() => priceOrder(input([{ productId: 'sku1', skuId: 'big', quantity: 4 }]))).toThrow('「红烧牛肉面（大碗）」库存不足，仅剩 3 件');
  // Two lines of 大碗 (told apart by a spec) draw on its 3 together.
  expect(
    code(() =>
      priceOrder(
        input([
          { productId: 'sku1', skuId: 'big', quantity: 2 },
          { productId: 'sku1', skuId: 'big', quantity: 2, specs: { 辣度: '加辣' } },
        ]),
      ),
    ),
  ).toBe('OUT_OF_STOCK');
  expect(
    code(() =>
      priceOrder(
        input([
          { productId: 'sku1', skuId: 'big', quantity: 3 },
          { productId: 'sku1', skuId: 'small', quantity: 10 },
        ]),
      ),
    ),
  ).toBe('NO_ERROR');
});

test('identical lines are one line: the same product, SKU and resolved specs twice is DUPLICATE_ITEM; another SKU is another line', () => {
  const twice = [
    { productId: 'sku1', skuId: 'small', quantity: 1 },
    { productId: 'sku1', skuId: 'small', quantity: 1, specs: { 辣度: '不辣' } }, // the omitted spec is its first option
  ];
  expect(code(() => priceOrder(input(twice)))).toBe('DUPLICATE_ITEM');
  expect(choiceKey({ productId: 'x', skuId: 'a', specs: { b: '1', a: '2' } })).toBe(choiceKey({ productId: 'x', skuId: 'a', specs: { a: '2', b: '1' } }));
  expect(choiceKey({ productId: 'x', skuId: 'a' })).not.toBe(choiceKey({ productId: 'x', skuId: 'b' }));
  expect(resolveChoice(noodles, { skuId: 'small' }).key).toBe(resolveChoice(noodles, { skuId: 'small', specs: { 辣度: '不辣' } }).key);
});

test('lineTitle: the dish, then its SKU and options in brackets', () => {
  expect(lineTitle({ name: '红烧牛肉面', skuLabel: '大份' })).toBe('红烧牛肉面（大份）');
  expect(lineTitle({ name: '珍珠奶茶', skuLabel: '大杯', specLabel: '少冰/半糖' })).toBe('珍珠奶茶（大杯/少冰/半糖）');
  expect(lineTitle({ name: '卤蛋', specLabel: '加辣' })).toBe('卤蛋（加辣）');
  expect(lineTitle({ name: '葱油拌面' })).toBe('葱油拌面');
});

describe('SKU pricing invariants (property-based)', () => {
  const arb = fc.record({
    skus: fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd'), priceFen: fc.integer({ min: 1, max: 20_000 }), stock: fc.integer({ min: 0, max: 50 }) }), {
      minLength: 1,
      maxLength: 4,
      selector: (s) => s.id,
    }),
    delta: fc.integer({ min: 0, max: 500 }),
    lines: fc.array(fc.record({ sku: fc.nat(3), spicy: fc.boolean(), qty: fc.integer({ min: 1, max: 60 }) }), { minLength: 1, maxLength: 6 }),
  });
  test('a priced cart costs each SKU its own price, never takes more of a SKU than it has, and names the SKU on every line', () => {
    fc.assert(
      fc.property(arb, (a) => {
        const product = withSkuTotals(
          makeProduct({
            _id: 'q',
            priceFen: 1,
            stock: 0,
            skus: a.skus.map((s) => ({ ...s, label: `规格${s.id}` })),
            specs: [
              {
                name: '辣度',
                options: [
                  { label: '不辣', priceDeltaFen: 0 },
                  { label: '加辣', priceDeltaFen: a.delta },
                ],
              },
            ],
          }),
        );
        const items = a.lines.map((l) => ({ productId: 'q', skuId: a.skus[l.sku % a.skus.length].id, quantity: l.qty, specs: { 辣度: l.spicy ? '加辣' : '不辣' } }));
        let b;
        try {
          b = priceOrder(input(items, { q: product }));
        } catch (e) {
          const c = (e as DomainError).code;
          const keys = items.map((i) => choiceKey(i));
          const wanted = (id: string) => items.filter((i) => i.skuId === id).reduce((n, i) => n + i.quantity, 0);
          // Refused only for a repeated line or a SKU asked for beyond its stock.
          if (c === 'DUPLICATE_ITEM') return new Set(keys).size < keys.length;
          return c === 'OUT_OF_STOCK' && a.skus.some((s) => wanted(s.id) > s.stock);
        }
        for (const s of a.skus) expect(b.lines.filter((l) => l.skuId === s.id).reduce((n, l) => n + l.quantity, 0)).toBeLessThanOrEqual(s.stock);
        b.lines.forEach((l, i) => {
          const sku = a.skus.find((s) => s.id === items[i].skuId)!;
          expect(l).toMatchObject({ skuId: sku.id, skuLabel: `规格${sku.id}`, unitPriceFen: sku.priceFen + (a.lines[i].spicy ? a.delta : 0) });
        });
        expect(b.itemsFen).toBe(b.lines.reduce((n, l) => n + l.subtotalFen, 0));
        return true;
      }),
    );
  });
});
