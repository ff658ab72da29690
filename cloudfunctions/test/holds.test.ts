import { randomUUID } from 'node:crypto';
import { startSeededCloud, MERCHANT, STORE, prepayIdOf, waitFor } from './harness';

/** What an order holds is written on the held documents: taken at create, kept at acceptance, given back once. */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const USER = 'demo-consumer-2';
const A = 'store-001-p001';
const B = 'store-001-p002';
const key = () => `holds-${randomUUID().slice(0, 12)}`;
const product = (id: string) => t.doc('products', id);
const create = (items: { productId: string; quantity: number }[], idempotencyKey = key()) => t.call(USER, 'order', 'create', { idempotencyKey, storeId: STORE, mode: 'pickup', items });

async function paid(items: { productId: string; quantity: number }[]) {
  const r = await create(items);
  if (!r.ok) throw new Error(r.code);
  const { payment } = await t.ok(USER, 'pay', 'prepay', { orderId: r.data.order._id });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('orders', r.data.order._id).status === 'paid', 'paid');
  return t.doc('orders', r.data.order._id);
}

test('an order holds its products under a random hold id; acceptance keeps the stock and drops the hold', async () => {
  const before = product(A).stock;
  const order = await paid([
    { productId: A, quantity: 1 },
    { productId: B, quantity: 1 },
  ]);
  expect(order.holdId).toEqual(expect.any(String));
  expect(product(A)).toMatchObject({ stock: before - 1, holds: expect.arrayContaining([order.holdId]) });
  expect(JSON.stringify(product(A).holds)).not.toContain(order._id); // public documents carry no order numbers
  await t.ok(MERCHANT, 'merchantOrder', 'accept', { orderId: order._id });
  expect(product(A).stock).toBe(before - 1);
  // The hold is dropped after the fact, by the order-event `holds` subscriber the accept's event triggers.
  await t.cloud.functions.drainTriggers();
  expect(product(A).holds).not.toContain(order.holdId);
  expect(product(B).holds).not.toContain(order.holdId);
});

test('a rejected order gives its stock back once, however often the refund sweep runs after it', async () => {
  const before = product(A).stock;
  const order = await paid([{ productId: A, quantity: 3 }]);
  await t.ok(MERCHANT, 'merchantOrder', 'reject', { orderId: order._id, reason: '打烊了' });
  await Promise.all([1, 2, 3].map(() => t.timer('reconcile')));
  await t.timer('expireUnpaid');
  expect(product(A).stock).toBe(before);
  expect(product(A).holds).not.toContain(order.holdId);
});

test('a create that fails half-way gives back what it took at once and leaves no order, so the same key may try again', async () => {
  const beforeA = product(A).stock;
  await t.cloud.db.update('products', { _id: B }, { $set: { stock: 1 } });
  const idempotencyKey = key();
  expect(
    await create(
      [
        { productId: A, quantity: 2 },
        { productId: B, quantity: 2 },
      ],
      idempotencyKey,
    ),
  ).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
  expect(product(A).stock).toBe(beforeA);
  expect(t.count('orders', { idempotencyKey })).toBe(0);
  await t.cloud.db.update('products', { _id: B }, { $set: { stock: 50 } });
  const retried = await create(
    [
      { productId: A, quantity: 2 },
      { productId: B, quantity: 2 },
    ],
    idempotencyKey,
  );
  expect(retried).toMatchObject({ ok: true, data: { order: { status: 'pending_payment' } } });
  expect(product(A).stock).toBe(beforeA - 2);
});
