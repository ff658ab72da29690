import { startSeededCloud, CONSUMER, STORE } from './harness';

/**
 * Cart lines and search keywords as a careless or hostile client sends them: a spec the product does not have, the
 * same line twice (which used to pass the 99-per-line cap), a keyword with control characters. Each is refused
 * with its own code and a Chinese message, and nothing is created.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const NOODLES = 'store-001-p001'; // no specs
let k = 0;
const order = (items: unknown[]) => ({ storeId: STORE, mode: 'pickup', items });
const create = (items: unknown[]) => t.call(CONSUMER, 'order', 'create', { ...order(items), idempotencyKey: `cart-lines-${++k}` });

test.each([
  ['a made-up spec on a product without specs', [{ productId: NOODLES, quantity: 1, specs: { 口味: '特辣' } }], 'INVALID_SPEC', '没有「口味」这个规格'],
  [
    'the same product twice, told apart by made-up specs (2 × 99 past the cap)',
    [
      { productId: NOODLES, quantity: 99, specs: { x: 'a' } },
      { productId: NOODLES, quantity: 99, specs: { x: 'b' } },
    ],
    'INVALID_SPEC',
    '这个规格',
  ],
  [
    'the same product twice',
    [
      { productId: NOODLES, quantity: 99 },
      { productId: NOODLES, quantity: 99 },
    ],
    'DUPLICATE_ITEM',
    '重复出现，请合并数量',
  ],
])('%s: quote and create refuse it, no order and no stock taken', async (_name, items, code, message) => {
  const orders = t.count('orders', {});
  const stock = t.doc('products', NOODLES).stock;
  expect(await t.call(CONSUMER, 'order', 'quote', order(items))).toMatchObject({ ok: false, code, message: expect.stringContaining(message) });
  expect(await create(items)).toMatchObject({ ok: false, code, message: expect.stringContaining(message) });
  expect(t.count('orders', {})).toBe(orders);
  expect(t.doc('products', NOODLES).stock).toBe(stock);
});

test('one line of the product is still priced and ordered (the refusals above are not blanket ones)', async () => {
  const { breakdown } = await t.ok(CONSUMER, 'order', 'quote', order([{ productId: NOODLES, quantity: 2 }]));
  expect(breakdown.lines).toEqual([expect.objectContaining({ productId: NOODLES, quantity: 2 })]);
  const created = await create([{ productId: NOODLES, quantity: 2 }]);
  expect(created).toMatchObject({ ok: true, data: { order: { items: [expect.objectContaining({ productId: NOODLES, quantity: 2 })] } } });
});

test.each([
  ['admin', 'listStores', 'demo-admin', {}],
  ['store', 'nearby', CONSUMER, { lng: 121.4737, lat: 31.2304 }],
])('%s.%s: a keyword with a NUL or another control character is INVALID_INPUT in Chinese; a plain one still searches', async (fn, action, user, base) => {
  for (const keyword of ['牛肉\u0000面', 'a\u0007', '\u001b[2J']) {
    expect(await t.call(user, fn, action, { ...base, keyword })).toEqual({ ok: false, code: 'INVALID_INPUT', message: '请求参数有误：关键词不能包含控制字符，请只输入文字' });
  }
  const found = await t.ok(user, fn, action, { ...base, keyword: '牛肉' });
  expect(found.stores.length).toBeGreaterThan(0);
});
