import { cartCount, cartItems, cartReducer, cartTotalFen, emptyCart, quantityOf, type Cart, type CartAction } from '../src/lib/cart';

const noodles = { _id: 'p1', name: '牛肉面', priceFen: 1800, stock: 2 };
const tea = { _id: 'p2', name: '柠檬茶', priceFen: 650 };

const run = (actions: CartAction[], start: Cart = emptyCart('s1')) => actions.reduce(cartReducer, start);

test('adding the same product twice raises its quantity, totals follow', () => {
  const cart = run([{ type: 'add', product: noodles }, { type: 'add', product: tea }, { type: 'add', product: noodles }]);
  expect(quantityOf(cart, 'p1')).toBe(2);
  expect(quantityOf(cart, 'p2')).toBe(1);
  expect(cartCount(cart)).toBe(3);
  expect(cartTotalFen(cart)).toBe(2 * 1800 + 650);
  expect(cartItems(cart)).toEqual([{ productId: 'p1', quantity: 2 }, { productId: 'p2', quantity: 1 }]);
});

test('cannot add beyond stock', () => {
  const cart = run([{ type: 'add', product: noodles }, { type: 'add', product: noodles }, { type: 'add', product: noodles }]);
  expect(quantityOf(cart, 'p1')).toBe(2);
});

test('removing the last unit drops the line; removing an absent product changes nothing', () => {
  const cart = run([{ type: 'add', product: tea }, { type: 'add', product: noodles }, { type: 'remove', productId: 'p2' }, { type: 'remove', productId: 'zz' }]);
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
