/**
 * The import's planning against the store's catalogue, without a database: which product each of the file's
 * products is, what may not change while an order holds stock, and the product written (SKU ids kept by label,
 * stock moved by the file's difference against the first read, a blank stock cell keeping it).
 */
import type { Product, SheetProduct } from '@daojia/domain';

jest.mock('../src/runtime', () => ({ _: { remove: () => ({ remove: true }), set: (v: unknown) => ({ set: v }) }, db: {}, app: {}, log: {}, nowIso: () => '', readAll: async () => [] }));

import { matchProducts, nextProduct } from '../src/catalog/import';

const product = (over: Partial<Product>): Product => ({
  _id: 'p',
  storeId: 's',
  name: '面',
  description: '',
  image: '',
  priceFen: 100,
  stock: 1,
  onShelf: true,
  kind: 'goods',
  categoryName: '主食',
  ...over,
});
const sheet = (over: Partial<SheetProduct>): SheetProduct => ({
  rows: [2],
  name: '面',
  categoryName: '主食',
  kind: 'goods',
  durationMin: null,
  description: '',
  onShelf: true,
  lowStockAt: null,
  priceFen: 100,
  ...over,
});
const current = (p: Product, held = false) => ({ product: p, held });

test('matched by code, else by name; a code new to the store adopts the uncoded product of that name', () => {
  const a = product({ _id: 'a', name: '拉面', code: 'A1' });
  const b = product({ _id: 'b', name: '米线' });
  const { matches, errors } = matchProducts(
    [sheet({ code: 'a1', name: '拉面（改名）' }), sheet({ rows: [3], name: '米线', code: 'B9' }), sheet({ rows: [4], name: '新品' })],
    [current(a), current(b)],
  );
  expect(errors).toEqual([]);
  expect(matches.map((m) => m.first?.product._id)).toEqual(['a', 'b', undefined]);
});

test('an ambiguous name, two rows on one product, and reshaping a held product’s SKUs are row problems', () => {
  const twins = [current(product({ _id: 't1', name: '双胞胎' })), current(product({ _id: 't2', name: '双胞胎' }))];
  const held = current(product({ _id: 'h', name: '拉面', code: 'H', skus: [{ id: 'k1', label: '大', priceFen: 100, stock: 1 }] }), true);
  const { errors } = matchProducts(
    [
      sheet({ name: '双胞胎' }),
      sheet({ rows: [3], code: 'H', name: '拉面', skus: [{ row: 3, label: '大', priceFen: 100 }] }),
      sheet({ rows: [4], code: 'H', name: '拉面二', skus: [{ row: 4, label: '大', priceFen: 100 }] }),
      sheet({ rows: [5], code: 'H2', name: '拉面', skus: [{ row: 5, label: '小', priceFen: 100 }] }),
    ],
    [...twins, held],
  );
  expect(errors).toEqual([
    { row: 2, column: '商品编号', message: '店里有 2 个名为「双胞胎」的商品，请填写商品编号区分' },
    { row: 4, column: '商品编号', message: '与第 3 行对应同一个已有商品「拉面」' },
  ]);
  // Row 5's code H2 is new and 拉面 already has a code: a new product, not a reshape of the held one.
  const held2 = matchProducts([sheet({ rows: [6], code: 'H', name: '拉面', skus: [{ row: 6, label: '小', priceFen: 100 }] })], [held]);
  expect(held2.errors).toEqual([{ row: 6, column: '规格(SKU)', message: expect.stringContaining('暂不能增删规格') }]);
});

test('the product written: SKU ids kept by label, stock moved by the difference, blank stock kept, the rest left alone', () => {
  const first = product({
    _id: 'x',
    images: ['cloud://e.b/uploads/u/a.png'],
    image: 'cloud://e.b/uploads/u/a.png',
    sales: 9,
    skus: [
      { id: 'k1', label: '大', priceFen: 300, stock: 10 },
      { id: 'k2', label: '小', priceFen: 200, stock: 10 },
    ],
    stock: 20,
    priceFen: 200,
  });
  // Since the first read an order took 2 大.
  const now = { ...first, stock: 18, skus: [{ ...first.skus![0], stock: 8 }, first.skus![1]] };
  const next = nextProduct(
    's',
    sheet({
      skus: [
        { row: 2, label: '大', priceFen: 350, stock: 15 },
        { row: 3, label: '小', priceFen: 180 },
        { row: 4, label: '中', priceFen: 250, stock: 4 },
      ],
    }),
    now,
    first,
  );
  expect(next.skus).toEqual([
    { id: 'k1', label: '大', priceFen: 350, stock: 13 },
    { id: 'k2', label: '小', priceFen: 180, stock: 10 },
    { id: expect.stringMatching(/^k[0-9a-f]{8}$/), label: '中', priceFen: 250, stock: 4 },
  ]);
  expect(next).toMatchObject({ priceFen: 180, stock: 27, images: first.images, image: first.image, sales: 9, _id: 'x' });
  expect(nextProduct('s', sheet({ stock: undefined }))).toMatchObject({ stock: 0, priceFen: 100, sales: 0, image: '' });
  expect(nextProduct('s', sheet({ stock: 5 }), product({ stock: 3 }), product({ stock: 4 }))).toMatchObject({ stock: 4 });
});
