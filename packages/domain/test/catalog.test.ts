import { changedPrice, isLowStock, productWithChangedPrice, saveProductInput, withSkuTotals, DEFAULT_LOW_STOCK_AT, bulkPriceInput, type DomainError } from '../src';

const skus = [
  { id: 'big', label: '大份', priceFen: 3200, stock: 4 },
  { id: 'small', label: '小份', priceFen: 2600, stock: 7 },
];

test('a product with SKUs costs its cheapest SKU and has the sum of their stock; without SKUs it is left alone', () => {
  expect(withSkuTotals({ name: '米线', priceFen: 1, stock: 0, skus })).toMatchObject({ priceFen: 2600, stock: 11 });
  expect(withSkuTotals({ priceFen: 1500, stock: 3 })).toEqual({ priceFen: 1500, stock: 3 });
  expect(withSkuTotals({ priceFen: 1500, stock: 3, skus: [] })).toEqual({ priceFen: 1500, stock: 3, skus: [] });
});

test('low stock: at or below the product’s own mark, else the default of 5; with SKUs, any SKU', () => {
  expect(DEFAULT_LOW_STOCK_AT).toBe(5);
  expect(isLowStock({ stock: 5 })).toBe(true);
  expect(isLowStock({ stock: 6 })).toBe(false);
  expect(isLowStock({ stock: 6, lowStockAt: 10 })).toBe(true);
  expect(isLowStock({ stock: 1, lowStockAt: 0 })).toBe(false);
  expect(isLowStock({ stock: 0, lowStockAt: 0 })).toBe(true);
  // With SKUs, any SKU at or below the mark: plenty in total does not hide a sold-out 大杯.
  expect(isLowStock({ stock: 40, skus: [{ stock: 40 }, { stock: 0 }] })).toBe(true);
  expect(isLowStock({ stock: 40, lowStockAt: 2, skus: [{ stock: 37 }, { stock: 3 }] })).toBe(false);
});

test('price changes: set, add, percent rounded to the nearest fen with halves up; under 1 fen refused', () => {
  expect(changedPrice(1999, { mode: 'set', priceFen: 880 })).toBe(880);
  expect(changedPrice(1999, { mode: 'add', deltaFen: -999 })).toBe(1000);
  expect(changedPrice(1999, { mode: 'percent', percent: -10 })).toBe(1799); // 1799.1
  expect(changedPrice(15, { mode: 'percent', percent: -10 })).toBe(14); // 13.5 → 14
  expect(changedPrice(25, { mode: 'percent', percent: -10 })).toBe(23); // 22.5 → 23
  expect(changedPrice(1000, { mode: 'percent', percent: 15 })).toBe(1150);
  expect(changedPrice(1, { mode: 'percent', percent: -50 })).toBe(1); // 0.5 → 1
  expect(() => changedPrice(100, { mode: 'add', deltaFen: -100 })).toThrow(expect.objectContaining({ code: 'PRICE_TOO_LOW' }));
  expect(() => changedPrice(1, { mode: 'percent', percent: -90 })).toThrow(expect.objectContaining({ code: 'PRICE_TOO_LOW' })); // 0.1 → 0
});

test('a bulk change reprices every SKU and the product follows the cheapest; a refusal names the product', () => {
  expect(productWithChangedPrice({ name: '米线', priceFen: 2600, stock: 11, skus }, { mode: 'add', deltaFen: 200 })).toEqual({
    priceFen: 2800,
    skus: [
      { ...skus[0], priceFen: 3400 },
      { ...skus[1], priceFen: 2800 },
    ],
  });
  expect(productWithChangedPrice({ name: '荷包蛋', priceFen: 300, stock: 9 }, { mode: 'percent', percent: 10 })).toEqual({ priceFen: 330 });
  let err: DomainError | undefined;
  try {
    productWithChangedPrice({ name: '米线', priceFen: 2600, stock: 11, skus }, { mode: 'add', deltaFen: -2600 });
  } catch (e) {
    err = e as DomainError;
  }
  expect(err).toMatchObject({ code: 'PRICE_TOO_LOW', message: expect.stringContaining('「米线」') });
});

describe('the product patch', () => {
  const issues = (input: unknown) => {
    const r = saveProductInput.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test('a create needs a name, a category, a kind and a price and stock or SKUs; a service its duration (in Chinese)', () => {
    expect(issues({})).toEqual(expect.arrayContaining(['name: 请填写商品名称', 'categoryName: 请选择分类', 'kind: 请选择商品或服务', 'priceFen: 请填写价格和库存，或添加规格']));
    expect(issues({ name: '洗剪吹', categoryName: '美发', kind: 'service', priceFen: 8800, stock: 999 })).toEqual(['durationMin: 服务需要填写时长']);
    expect(issues({ name: '米线', categoryName: '主食', kind: 'goods', skus })).toEqual([]);
    expect(issues({ name: '荷包蛋', categoryName: '小食', kind: 'goods', priceFen: 300, stock: 20 })).toEqual([]);
  });

  test('an edit is a patch; bad values are refused with their reason', () => {
    expect(issues({ productId: 'p1', stock: 3 })).toEqual([]);
    expect(issues({ productId: 'p1', priceFen: 0 })).toEqual(['priceFen: 价格至少 0.01 元']);
    expect(issues({ productId: 'p1', priceFen: 12.5 })).toEqual(['priceFen: 价格以分计，须为整数']);
    expect(issues({ productId: 'p1', stock: -1 })).toEqual(['stock: 库存不能为负数']);
    expect(issues({ productId: 'p1', skus: [skus[0], { ...skus[1], label: '大份', id: 'x' }] })).toEqual(['skus: 规格名称不能重复']);
    expect(issues({ productId: 'p1', images: Array(10).fill('cloud://x') })).toEqual(['images: 最多 9 张图片']);
    expect(issues({ productId: 'p1', sales: 100 })).toHaveLength(1); // no smuggled fields
  });

  test('a bulk price change names its mode; percentages are whole numbers within -90 … 500', () => {
    expect(bulkPriceInput.safeParse({ productIds: ['a'], change: { mode: 'percent', percent: -95 } }).success).toBe(false);
    expect(bulkPriceInput.safeParse({ productIds: ['a'], change: { mode: 'percent', percent: 7.5 } }).success).toBe(false);
    expect(bulkPriceInput.safeParse({ productIds: [], change: { mode: 'add', deltaFen: 100 } }).success).toBe(false);
    expect(bulkPriceInput.safeParse({ productIds: ['a'], change: { mode: 'add', deltaFen: -100 } }).success).toBe(true);
  });
});
