import { startDbCloud } from './sdk';

let t: Awaited<ReturnType<typeof startDbCloud>>;
beforeAll(async () => {
  t = await startDbCloud({ accounts: { rules: { read: false, write: false } } });
  await t.db.collection('accounts').add({ _id: 'alice', balance: 100 });
  await t.db.collection('accounts').add({ _id: 'bob', balance: 0 });
  await t.db.collection('accounts').add({ _id: 'counter', n: 0 });
});
afterAll(async () => t.close());

const balance = async (id: string) => (await t.db.collection('accounts').doc(id).get()).data[0];

test('a committed transaction applies all its writes; reads inside see {data: doc}', async () => {
  const { _ } = t;
  const seen = await t.db.runTransaction(async (tx: any) => {
    const a = await tx.collection('accounts').doc('alice').get();
    await tx.collection('accounts').doc('alice').update({ balance: _.inc(-30) });
    await tx.collection('accounts').doc('bob').update({ balance: _.inc(30) });
    await tx.collection('accounts').add({ _id: 'log-1', amount: 30 });
    return a.data.balance;
  });
  expect(seen).toBe(100);
  expect((await balance('alice')).balance).toBe(70);
  expect((await balance('bob')).balance).toBe(30);
  expect(await balance('log-1')).toMatchObject({ amount: 30 });
});

test('a rolled back transaction leaves nothing behind', async () => {
  const { _ } = t;
  await expect(t.db.runTransaction(async (tx: any) => {
    await tx.collection('accounts').doc('alice').update({ balance: _.inc(-1000) });
    await tx.collection('accounts').add({ _id: 'log-2' });
    await tx.rollback('insufficient');
  })).rejects.toBe('insufficient');
  expect((await balance('alice')).balance).toBe(70);
  expect(await balance('log-2')).toBeUndefined();
});

test('concurrent conflicting transactions: one commits, the other gets DATABASE_TRANSACTION_CONFLICT and changes nothing', async () => {
  const { _ } = t;
  const tx1 = await t.db.startTransaction();
  const tx2 = await t.db.startTransaction();
  const n1 = (await tx1.collection('accounts').doc('counter').get()).data.n;
  const n2 = (await tx2.collection('accounts').doc('counter').get()).data.n;
  await tx1.collection('accounts').doc('counter').update({ n: n1 + 1 });
  await tx2.collection('accounts').doc('counter').update({ n: n2 + 10, touchedBy: 'tx2' });
  await tx1.commit();
  await expect(tx2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect(await balance('counter')).toEqual({ _id: 'counter', n: 1 });
  void _;
});

test('a plain write to a document a transaction read makes the transaction conflict', async () => {
  const tx = await t.db.startTransaction();
  await tx.collection('accounts').doc('bob').get();
  await tx.collection('accounts').doc('alice').update({ balance: 0 });
  await t.db.collection('accounts').doc('bob').update({ balance: 999 });
  await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  expect((await balance('alice')).balance).toBe(70);
});

test('concurrent read-modify-write transactions lose no update (retries on conflict)', async () => {
  await t.db.collection('accounts').doc('counter').set({ n: 0 });
  const bump = () => t.db.runTransaction(async (tx: any) => {
    const cur = (await tx.collection('accounts').doc('counter').get()).data.n;
    await tx.collection('accounts').doc('counter').update({ n: cur + 1 });
  }, 20).then(() => 1, (e: any) => { if (e.code !== 'DATABASE_TRANSACTION_CONFLICT') throw e; return 0; });
  const committed = (await Promise.all(Array.from({ length: 8 }, bump))).reduce((a: number, b: number) => a + b, 0);
  expect(committed).toBeGreaterThan(0);
  expect((await balance('counter')).n).toBe(committed);
});

test('changes are announced after commit, with updated and removed fields', async () => {
  const { _ } = t;
  const seen: any[] = [];
  const off = t.cloud.db.onChange((c) => seen.push(c));
  await t.db.collection('accounts').add({ _id: 'watch', a: 1, b: 2 });
  await t.db.collection('accounts').doc('watch').update({ a: 5, b: _.remove() });
  await t.db.collection('accounts').doc('watch').remove();
  off();
  expect(seen.map((c) => c.type)).toEqual(['insert', 'update', 'delete']);
  expect(seen[1]).toMatchObject({ collection: 'accounts', docId: 'watch', updatedFields: { a: 5 }, removedFields: ['b'], doc: { _id: 'watch', a: 5 } });
  expect(seen[2].doc).toBeNull();
});
