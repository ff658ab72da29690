import { MAX_QUANTITY } from '@daojia/domain';
import { availability, cartCount, cartItems, cartReducer, cartTotalFen, emptyCart, parseCart, quantityOf, unavailableLines, type Cart, type CartAction } from '../src/lib/cart';

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
