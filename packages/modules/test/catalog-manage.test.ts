/**
 * The stock write's compare-and-set, step by step: an order's take landing between the merchant's read and write
 * makes the write match nothing; it is computed again from a fresh read, keeping the merchant's difference, so the
 * take stays taken. The repository is a stand-in here (the real database: cloudfunctions/test/catalog-manage.test.ts).
 */
import type { Product } from '@daojia/domain';

const writes: { read: Product; set: Record<string, unknown> }[] = [];
let stored: Product;
/** Applied to `stored` once, just after the service's first read: an order takes one. */
let takeAfterRead: ((p: Product) => Product) | undefined;

jest.mock('../src/catalog/repository', () => ({
  storeProduct: async () => {
    const read = structuredClone(stored);
    if (takeAfterRead) {
      stored = takeAfterRead(stored);
      takeAfterRead = undefined;
    }
    return { product: read, held: false };
  },
  updateIfStockUnchanged: async (_storeId: string, read: Product, set: Record<string, unknown>) => {
    writes.push({ read, set });
    const same = read.stock === stored.stock && JSON.stringify(read.skus?.map((s) => s.stock)) === JSON.stringify(stored.skus?.map((s) => s.stock));
    if (!same) return false;
    stored = { ...stored, ...(set as Partial<Product>) };
    for (const [k, v] of Object.entries(set)) {
      const m = /^skus\.(\d+)\.stock$/.exec(k);
      if (m) stored.skus![Number(m[1])].stock = v as number;
    }
    return true;
  },
  categoriesOf: async () => [{ _id: 'c1', storeId: 's', name: '面食', sort: 0 }],
}));
jest.mock('../src/runtime', () => ({ _: { remove: () => ({ remove: true }) }, db: {} }));

import { saveProduct, setStock } from '../src/catalog/manage';

const base = (): Product => ({
  _id: 'p1',
  storeId: 's',
  name: '米线',
  description: '',
  image: '',
  priceFen: 2600,
  stock: 70,
  onShelf: true,
  kind: 'goods',
  categoryName: '面食',
  skus: [
    { id: 'big', label: '大份', priceFen: 3200, stock: 40 },
    { id: 'small', label: '小份', priceFen: 2600, stock: 30 },
  ],
});
const take = (skuId: string) => (p: Product) => ({ ...p, stock: p.stock - 1, skus: p.skus!.map((s) => (s.id === skuId ? { ...s, stock: s.stock - 1 } : s)) });

beforeEach(() => {
  writes.length = 0;
  stored = base();
});

test('set 20 while an order takes one of the same SKU: the first write misses, the second keeps the take (19)', async () => {
  takeAfterRead = take('big');
  const p = await setStock('s', 'p1', 20, 'big');
  expect(writes).toHaveLength(2);
  expect(writes[0].read.skus![0].stock).toBe(40);
  expect(writes[1].read.skus![0].stock).toBe(39);
  expect(p).toMatchObject({ stock: 49, skus: [{ stock: 19 }, { stock: 30 }] });
  expect(stored).toMatchObject({ stock: 49, skus: [{ stock: 19 }, { stock: 30 }] });
});

test('a take of another SKU in between is kept too, and the total stays the sum', async () => {
  takeAfterRead = take('small');
  await setStock('s', 'p1', 20, 'big');
  expect(stored).toMatchObject({ stock: 49, skus: [{ stock: 20 }, { stock: 29 }] });
});

test('set to 0 while an order takes one: 0, never below', async () => {
  takeAfterRead = take('big');
  await setStock('s', 'p1', 0, 'big');
  expect(stored.skus![0].stock).toBe(0);
  expect(stored.stock).toBe(30);
});

test('an edit of the whole product typed against the first read keeps a take that lands before its write', async () => {
  takeAfterRead = take('big');
  await saveProduct(
    's',
    {
      productId: 'p1',
      name: '过桥米线',
      skus: [
        { id: 'big', label: '大份', priceFen: 3300, stock: 50 },
        { id: 'small', label: '小份', priceFen: 2600, stock: 30 },
      ],
    },
    'u',
  );
  expect(writes).toHaveLength(2);
  expect(stored).toMatchObject({ name: '过桥米线', stock: 79, priceFen: 2600, skus: [{ stock: 49, priceFen: 3300 }, { stock: 30 }] });
});
