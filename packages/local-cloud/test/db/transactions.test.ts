import { startDbCloud } from './sdk';

let t: Awaited<ReturnType<typeof startDbCloud>>;
beforeAll(async () => {
  t = await startDbCloud({ accounts: { rules: { read: false, write: false } } });
  await t.db.collection('accounts').add({ _id: 'alice', balance: 100 });
  await t.db.collection('accounts').add({ _id: 'bob', balance: 0 });
});
afterAll(async () => t.close());

const accounts = () => t.db.collection('accounts');
const current = async (id: string) => (await accounts().doc(id).get()).data[0];
const seed = async (id: string, doc: object) => {
  await accounts().doc(id).set(doc);
};

test('a committed transaction applies all its writes; reads inside see {data: doc}', async () => {
  const { _ } = t;
  const seen = await t.db.runTransaction(async (tx: any) => {
    const a = await tx.collection('accounts').doc('alice').get();
    await tx
      .collection('accounts')
      .doc('alice')
      .update({ balance: _.inc(-30) });
    await tx
      .collection('accounts')
      .doc('bob')
      .update({ balance: _.inc(30) });
    await tx.collection('accounts').add({ _id: 'log-1', amount: 30 });
    return a.data.balance;
  });
  expect(seen).toBe(100);
  expect((await current('alice')).balance).toBe(70);
  expect((await current('bob')).balance).toBe(30);
  expect(await current('log-1')).toMatchObject({ amount: 30 });
});

test('a rolled back transaction leaves nothing behind', async () => {
  const { _ } = t;
  await expect(
    t.db.runTransaction(async (tx: any) => {
      await tx
        .collection('accounts')
        .doc('alice')
        .update({ balance: _.inc(-1000) });
      await tx.collection('accounts').add({ _id: 'log-2' });
      await tx.rollback('insufficient');
    }),
  ).rejects.toBe('insufficient');
  expect((await current('alice')).balance).toBe(70);
  expect(await current('log-2')).toBeUndefined();
});

describe('snapshot reads', () => {
  test('a transaction re-reads its snapshot, not what was committed after it; its own writes it sees, others do not', async () => {
    await seed('snap-a', { v: 1 });
    await seed('snap-b', { v: 1 });
    await seed('snap-removed', { v: 1 });
    const tx = await t.db.startTransaction();
    expect((await tx.collection('accounts').doc('snap-a').get()).data).toEqual({ _id: 'snap-a', v: 1 });
    await accounts().doc('snap-a').update({ v: 2 });
    await accounts().doc('snap-b').update({ v: 2 });
    await accounts().doc('snap-gone').set({ v: 1 });
    await accounts().doc('snap-removed').remove();
    expect((await tx.collection('accounts').doc('snap-a').get()).data).toEqual({ _id: 'snap-a', v: 1 });
    expect((await tx.collection('accounts').doc('snap-b').get()).data).toEqual({ _id: 'snap-b', v: 1 }); // read skew: not even first read
    expect((await tx.collection('accounts').doc('snap-gone').get()).data).toBeNull(); // created after the snapshot
    expect((await tx.collection('accounts').doc('snap-removed').get()).data).toEqual({ _id: 'snap-removed', v: 1 }); // removed after it
    await tx.collection('accounts').doc('snap-new').set({ mine: true });
    expect((await tx.collection('accounts').doc('snap-new').get()).data).toEqual({ _id: 'snap-new', mine: true });
    expect(await current('snap-new')).toBeUndefined();
    await tx.commit();
    expect(await current('snap-new')).toEqual({ _id: 'snap-new', mine: true });
    expect(await current('snap-a')).toEqual({ _id: 'snap-a', v: 2 });
  });

  test('the snapshot is taken at the first read or write, not at startTransaction (as MongoDB under CloudBase does)', async () => {
    await seed('late', { v: 1 });
    const tx = await t.db.startTransaction();
    await accounts().doc('late').update({ v: 2 });
    expect((await tx.collection('accounts').doc('late').get()).data.v).toBe(2);
    await tx.collection('accounts').doc('late').update({ v: 3 });
    await tx.commit();
    expect((await current('late')).v).toBe(3);
  });

  test('a read-only transaction whose documents changed after its snapshot commits', async () => {
    await seed('ro', { v: 1 });
    const tx = await t.db.startTransaction();
    expect((await tx.collection('accounts').doc('ro').get()).data.v).toBe(1);
    await accounts().doc('ro').update({ v: 2 });
    await expect(tx.commit()).resolves.toMatchObject({ requestId: expect.any(String) });
    expect((await current('ro')).v).toBe(2);
  });
});

describe('write conflicts are raised on the write, first writer wins', () => {
  test('writing a document changed outside after the snapshot is refused on the write; the transaction is released, its staged writes dropped', async () => {
    await seed('stale', { v: 1 });
    const tx = await t.db.startTransaction();
    await tx.collection('accounts').doc('stale').get();
    await tx.collection('accounts').doc('stale-log').set({ note: 'staged before the conflict' });
    await accounts().doc('stale').update({ v: 2 });
    await expect(tx.collection('accounts').doc('stale').update({ v: 10 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    // The server released it: nothing staged is ever written, and it cannot be committed.
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect(await current('stale')).toEqual({ _id: 'stale', v: 2 });
    expect(await current('stale-log')).toBeUndefined();
  });

  test('removing or re-creating a document changed outside after the snapshot is refused too', async () => {
    await seed('gone-soon', { v: 1 });
    const removing = await t.db.startTransaction();
    await removing.collection('accounts').doc('gone-soon').get();
    await accounts().doc('gone-soon').update({ v: 2 });
    await expect(removing.collection('accounts').doc('gone-soon').remove()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await current('gone-soon')).toEqual({ _id: 'gone-soon', v: 2 });

    const inserting = await t.db.startTransaction();
    expect((await inserting.collection('accounts').doc('born-outside').get()).data).toBeNull();
    await accounts().add({ _id: 'born-outside', by: 'plain write' });
    await expect(inserting.collection('accounts').add({ _id: 'born-outside', by: 'transaction' })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await current('born-outside')).toEqual({ _id: 'born-outside', by: 'plain write' });
  });

  test('the second writer of a document another open transaction wrote is refused; the first commits', async () => {
    await seed('counter', { n: 0 });
    const tx1 = await t.db.startTransaction();
    const tx2 = await t.db.startTransaction();
    const n1 = (await tx1.collection('accounts').doc('counter').get()).data.n;
    const n2 = (await tx2.collection('accounts').doc('counter').get()).data.n;
    await tx2
      .collection('accounts')
      .doc('counter')
      .update({ n: n2 + 10, by: 'tx2' });
    await expect(
      tx1
        .collection('accounts')
        .doc('counter')
        .update({ n: n1 + 1, by: 'tx1' }),
    ).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await tx2.commit();
    expect(await current('counter')).toEqual({ _id: 'counter', n: 10, by: 'tx2' });
    await expect(tx1.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
  });

  test('a rolled back writer releases the document for the next transaction', async () => {
    await seed('released', { n: 0 });
    const first = await t.db.startTransaction();
    await first.collection('accounts').doc('released').update({ n: 1 });
    await first.rollback();
    const next = await t.db.startTransaction();
    await next.collection('accounts').doc('released').update({ n: 2 });
    await next.commit();
    expect(await current('released')).toEqual({ _id: 'released', n: 2 });
  });

  test('a plain write to a document an open transaction already wrote lands, and that transaction cannot commit', async () => {
    await seed('contended', { n: 0 });
    await seed('contended-side', { n: 0 });
    const tx = await t.db.startTransaction();
    await tx.collection('accounts').doc('contended').update({ n: 1 });
    await tx.collection('accounts').doc('contended-side').update({ n: 1 });
    await accounts().doc('contended').update({ n: 5 });
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await current('contended')).toEqual({ _id: 'contended', n: 5 });
    expect(await current('contended-side')).toEqual({ _id: 'contended-side', n: 0 });
  });
});

test('concurrent read-modify-write runTransactions lose no update: conflicting attempts are retried until each commits', async () => {
  await seed('rmw', { n: 0 });
  let attempts = 0;
  const bump = () =>
    t.db.runTransaction(async (tx: any) => {
      attempts++;
      const cur = (await tx.collection('accounts').doc('rmw').get()).data.n;
      await tx
        .collection('accounts')
        .doc('rmw')
        .update({ n: cur + 1 });
    }, 20);
  await Promise.all(Array.from({ length: 8 }, bump));
  expect((await current('rmw')).n).toBe(8);
  expect(attempts).toBeGreaterThan(8); // they did collide, and the losers were retried rather than lost
});

test("a transaction's writes are announced when it commits, not before", async () => {
  await seed('announced', { n: 0 });
  const seen: any[] = [];
  const off = t.cloud.db.onChange((c) => {
    if (c.docId === 'announced' || c.docId === 'announced-log') seen.push(c);
  });
  const tx = await t.db.startTransaction();
  await tx.collection('accounts').doc('announced').update({ n: 1 });
  await tx.collection('accounts').add({ _id: 'announced-log' });
  expect(seen).toEqual([]);
  await tx.commit();
  off();
  expect(seen.map((c) => [c.type, c.docId])).toEqual([
    ['update', 'announced'],
    ['insert', 'announced-log'],
  ]);
  expect(seen[0]).toMatchObject({ updatedFields: { n: 1 }, before: { _id: 'announced', n: 0 } });
});

test('changes are announced after commit, with updated and removed fields', async () => {
  const { _ } = t;
  const seen: any[] = [];
  const off = t.cloud.db.onChange((c) => seen.push(c));
  await accounts().add({ _id: 'watch', a: 1, b: 2 });
  await accounts().doc('watch').update({ a: 5, b: _.remove() });
  await accounts().doc('watch').remove();
  off();
  expect(seen.map((c) => c.type)).toEqual(['insert', 'update', 'delete']);
  expect(seen[1]).toMatchObject({ collection: 'accounts', docId: 'watch', updatedFields: { a: 5 }, removedFields: ['b'], doc: { _id: 'watch', a: 5 } });
  expect(seen[2].doc).toBeNull();
});
