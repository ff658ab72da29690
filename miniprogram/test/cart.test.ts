import fc from 'fast-check';
import { MAX_QUANTITY } from '@daojia/domain';
import { availability, cartCount, cartItems, cartReducer, cartTotalFen, emptyCart, leftOf, lineKey, parseCart, quantityOf, unavailableLines, type Cart, type CartAction } from '../src/lib/cart';

const noodles = { _id: 'p1', name: '牛肉面', priceFen: 1800, stock: 2 };
const tea = { _id: 'p2', name: '柠檬茶', priceFen: 650 };

const run = (actions: CartAction[], start: Cart = emptyCart('s1')) => actions.reduce(cartReducer, start);

test('adding the same product twice raises its quantity, totals follow', () => {
  const cart = run([
    { type: 'add', product: noodles },
    { type: 'add', product: tea },
    { type: 'add', product: noodles },
  ]);
  expect(quantityOf(cart, 'p1')).toBe(2);
  expect(quantityOf(cart, 'p2')).toBe(1);
  expect(cartCount(cart)).toBe(3);
  expect(cartTotalFen(cart)).toBe(2 * 1800 + 650);
  expect(cartItems(cart)).toEqual([
    { productId: 'p1', quantity: 2 },
    { productId: 'p2', quantity: 1 },
  ]);
});

test('cannot add beyond stock', () => {
  const cart = run([
    { type: 'add', product: noodles },
    { type: 'add', product: noodles },
    { type: 'add', product: noodles },
  ]);
  expect(quantityOf(cart, 'p1')).toBe(2);
});

test('removing the last unit drops the line; removing an absent product changes nothing', () => {
  const cart = run([
    { type: 'add', product: tea },
    { type: 'add', product: noodles },
    { type: 'remove', productId: 'p2' },
    { type: 'remove', productId: 'zz' },
  ]);
  expect(cart.lines.map((l) => l.productId)).toEqual(['p1']);
  expect(cartTotalFen(cart)).toBe(1800);
});

test('clear keeps the store and empties the lines; the reducer never mutates its input', () => {
  const before = run([{ type: 'add', product: tea }]);
  const snapshot = JSON.stringify(before);
  const after = cartReducer(before, { type: 'clear' });
  expect(after).toEqual({ storeId: 's1', lines: [] });
  cartReducer(before, { type: 'add', product: tea });
  expect(JSON.stringify(before)).toBe(snapshot);
});

test('never more than the order limit of one product, even with plenty in stock', () => {
  const service = { _id: 'p3', name: '精剪造型', priceFen: 12800, stock: 999 };
  const cart = run(Array.from({ length: MAX_QUANTITY + 5 }, () => ({ type: 'add', product: service }) as CartAction));
  expect(MAX_QUANTITY).toBe(99);
  expect(quantityOf(cart, 'p3')).toBe(99);
});

test('a stored cart that breaks the rules loses the offending lines, not the good ones', () => {
  const good = { productId: 'p1', name: '牛肉面', unitPriceFen: 1800, quantity: 2 };
  const saved = {
    storeId: 's1',
    lines: [
      good,
      { ...good, productId: 'p2', quantity: 0 },
      { ...good, productId: 'p3', quantity: 1e9 },
      { ...good, productId: 'p4', quantity: 1.5 },
      { ...good, productId: 'p5', unitPriceFen: -1 },
      { productId: 'p6' },
      { ...good, quantity: 5 },
    ],
  };
  expect(parseCart(saved, 's1')).toEqual({ storeId: 's1', lines: [good] });
  expect(parseCart(saved, 'other-store')).toEqual(emptyCart('other-store'));
  for (const junk of ['', null, 42, { storeId: 's1', lines: 'x' }]) expect(parseCart(junk, 's1')).toEqual(emptyCart('s1'));
});

test('prune drops lines off sale and trims quantities to stock; unavailableLines names them first', () => {
  const cart = run([
    { type: 'add', product: noodles },
    { type: 'add', product: noodles },
    { type: 'add', product: tea },
  ]);
  const available = availability([
    { _id: 'p1', stock: 1, onShelf: true },
    { _id: 'p2', stock: 9, onShelf: false },
  ]);
  expect(available).toEqual({ p1: 1 });
  expect(unavailableLines(cart, available).map((l) => l.productId)).toEqual(['p1', 'p2']);
  const pruned = cartReducer(cart, { type: 'prune', available });
  expect(pruned.lines).toEqual([{ productId: 'p1', name: '牛肉面', unitPriceFen: 1800, quantity: 1 }]);
  expect(unavailableLines(pruned, available)).toEqual([]);
  expect(cartReducer(cart, { type: 'prune', available: { p1: 0 } }).lines).toEqual([]);
});

describe('SKUs and specs', () => {
  const bowl = {
    _id: 'p9',
    name: '红烧牛肉面',
    priceFen: 2200,
    stock: 5,
    skus: [
      { id: 'big', label: '大碗', priceFen: 2800, stock: 2 },
      { id: 'small', label: '小碗', priceFen: 2200, stock: 3 },
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
  };
  const big = { skuId: 'big' };
  const bigHot = { skuId: 'big', specs: { 辣度: '加辣' } };

  test('a line is the product in one SKU with its specs: the same choice merges, another SKU or spec is its own line, priced by its SKU', () => {
    const cart = run([
      { type: 'add', product: bowl, choice: big },
      { type: 'add', product: bowl, choice: { skuId: 'big', specs: { 辣度: '不辣' } } }, // the same as `big`: its first option
      { type: 'add', product: bowl, choice: { skuId: 'small' } },
      { type: 'add', product: bowl, choice: { skuId: 'small', specs: { 辣度: '加辣' } } },
    ]);
    expect(cart.lines.map((l) => [l.skuLabel, l.specLabel, l.unitPriceFen, l.quantity])).toEqual([
      ['大碗', '不辣', 2800, 2],
      ['小碗', '不辣', 2200, 1],
      ['小碗', '加辣', 2300, 1],
    ]);
    expect(quantityOf(cart, 'p9')).toBe(4);
    expect(cartTotalFen(cart)).toBe(2 * 2800 + 2200 + 2300);
    expect(cartItems(cart)[0]).toEqual({ productId: 'p9', skuId: 'big', quantity: 2, specs: { 辣度: '不辣' } });
  });

  test("a product with SKUs is not added without one (or with one it lacks); lines of one SKU share that SKU's stock", () => {
    expect(run([{ type: 'add', product: bowl }]).lines).toEqual([]);
    expect(run([{ type: 'add', product: bowl, choice: { skuId: 'huge' } }]).lines).toEqual([]);
    const cart = run([
      { type: 'add', product: bowl, choice: big },
      { type: 'add', product: bowl, choice: bigHot },
      { type: 'add', product: bowl, choice: bigHot }, // 大碗 has 2: refused
      { type: 'add', product: bowl, choice: { skuId: 'small' } },
    ]);
    expect(cart.lines.map((l) => [l.skuId, l.quantity])).toEqual([
      ['big', 1],
      ['big', 1],
      ['small', 1],
    ]);
  });

  test('availability is per SKU; prune and unavailableLines count the lines of one SKU together', () => {
    const cart = run([
      { type: 'add', product: bowl, choice: big },
      { type: 'add', product: bowl, choice: bigHot },
      { type: 'add', product: bowl, choice: { skuId: 'small' } },
      { type: 'add', product: noodles },
    ]);
    const available = availability([
      { ...bowl, onShelf: true, skus: [{ ...bowl.skus[0], stock: 1 }, bowl.skus[1]] },
      { _id: 'p1', stock: 2, onShelf: true },
    ]);
    expect(available).toEqual({ 'p9/big': 1, 'p9/small': 3, p1: 2 });
    expect(unavailableLines(cart, available).map((l) => [l.skuId, l.specLabel])).toEqual([['big', '加辣']]);
    const pruned = cartReducer(cart, { type: 'prune', available });
    expect(pruned.lines.map((l) => [l.productId, l.skuId, l.quantity])).toEqual([
      ['p9', 'big', 1],
      ['p9', 'small', 1],
      ['p1', undefined, 1],
    ]);
    // A line saved before the product had SKUs draws on nothing the store sells now.
    expect(unavailableLines(run([{ type: 'add', product: { ...bowl, skus: undefined, specs: undefined } }]), available)).toHaveLength(1);
  });

  test('removeLine and addLine step one line by its key; a stored cart keeps one line per key', () => {
    const cart = run([
      { type: 'add', product: bowl, choice: big },
      { type: 'add', product: bowl, choice: bigHot },
    ]);
    expect(leftOf(cart, bowl, 'big')).toBe(0); // 大碗 has 2, both in the cart
    expect(leftOf(cart, bowl, 'small')).toBe(3);
    expect(leftOf(cart, bowl, 'huge')).toBe(0);
    const [plain, hot] = cart.lines.map(lineKey);
    const next = run(
      [
        { type: 'removeLine', key: plain },
        { type: 'addLine', key: hot, available: { 'p9/big': 2 } },
        { type: 'addLine', key: hot, available: { 'p9/big': 2 } },
      ],
      cart,
    );
    expect(next.lines.map((l) => [l.specLabel, l.quantity])).toEqual([['加辣', 2]]);
    expect(parseCart({ storeId: 's1', lines: [...cart.lines, { ...cart.lines[1], quantity: 3 }] }, 's1').lines).toEqual(cart.lines);
  });
});

describe('cart invariants (property-based)', () => {
  const product = {
    _id: 'p7',
    name: '奶茶',
    priceFen: 1500,
    stock: 9,
    skus: [
      { id: 'm', label: '中杯', priceFen: 1500, stock: 4 },
      { id: 'l', label: '大杯', priceFen: 1800, stock: 5 },
    ],
    specs: [
      {
        name: '冰量',
        options: [
          { label: '正常冰', priceDeltaFen: 0 },
          { label: '少冰', priceDeltaFen: 0 },
          { label: '去冰', priceDeltaFen: 0 },
        ],
      },
    ],
  };
  const arbAction = fc.oneof(
    fc
      .record({ sku: fc.constantFrom('m', 'l', 'x', undefined), ice: fc.constantFrom('正常冰', '少冰', '去冰', undefined) })
      .map(({ sku, ice }): CartAction => ({ type: 'add', product, choice: { ...(sku ? { skuId: sku } : {}), ...(ice ? { specs: { 冰量: ice } } : {}) } })),
    fc.nat(5).map((i): CartAction => ({ type: 'removeLine', key: `line-${i}` })),
    fc.nat(5).map((i): CartAction => ({ type: 'addLine', key: `line-${i}`, available: availability([{ ...product, onShelf: true }]) })),
  );
  test('whatever is added, stepped or removed: one line per product+SKU+specs, every line names a real SKU at its price, no SKU beyond its stock', () => {
    fc.assert(
      fc.property(fc.array(arbAction, { maxLength: 40 }), (actions) => {
        let cart = emptyCart('s1');
        for (const a of actions) {
          // Step actions name a line by its position in the cart so far.
          const resolved = a.type === 'removeLine' || a.type === 'addLine' ? { ...a, key: cart.lines[Number(a.key.slice(5))] ? lineKey(cart.lines[Number(a.key.slice(5))]) : 'none' } : a;
          cart = cartReducer(cart, resolved);
        }
        const keys = cart.lines.map(lineKey);
        expect(new Set(keys).size).toBe(keys.length);
        for (const l of cart.lines) {
          const sku = product.skus.find((s) => s.id === l.skuId)!;
          expect(l).toMatchObject({ skuLabel: sku.label, unitPriceFen: sku.priceFen, specs: { 冰量: expect.any(String) } });
          expect(l.quantity).toBeGreaterThan(0);
        }
        for (const s of product.skus) expect(quantityOfSku(cart, s.id)).toBeLessThanOrEqual(s.stock);
        expect(unavailableLines(cart, availability([{ ...product, onShelf: true }]))).toEqual([]);
      }),
    );
  });
  const quantityOfSku = (cart: Cart, skuId: string) => cart.lines.filter((l) => l.skuId === skuId).reduce((n, l) => n + l.quantity, 0);
});
