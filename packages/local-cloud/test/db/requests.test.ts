import { EJSON } from 'bson';
import { startDbCloud } from './sdk';

let t: Awaited<ReturnType<typeof startDbCloud>>;
const closed = { rules: { read: false, write: false } };

beforeAll(async () => {
  t = await startDbCloud({ big: closed, m: closed });
  const big = t.db.collection('big');
  for (let i = 0; i < 1500; i += 100) await big.add(Array.from({ length: 100 }, (_, j) => ({ i: i + j })));
});
afterAll(async () => t.close());

const post = async (body: unknown) =>
  (await fetch(`${t.cloud.url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) })).json();
const ejson = (x: unknown) => EJSON.stringify(x as any, { relaxed: false });
const stages = (list: Record<string, unknown>[]) => list.map((s) => ({ stageKey: Object.keys(s)[0], stageValue: ejson(Object.values(s)[0]) }));

describe('read limits as CloudBase applies them', () => {
  test('get() returns 100 by default and at most 1000', async () => {
    const big = t.db.collection('big');
    expect((await big.get()).data).toHaveLength(100);
    expect((await big.limit(1000).get()).data).toHaveLength(1000);
    expect((await big.count()).total).toBe(1500);
    const r = await post({ action: 'database.getDocument', collectionName: 'big', queryType: 'WHERE', limit: 5000 });
    expect(r.data.list).toHaveLength(1000);
  });

  test('a raw getDocument without limit returns 100, as CloudBase does', async () => {
    const r = await post({ action: 'database.getDocument', collectionName: 'big', queryType: 'WHERE' });
    expect(r.data.list).toHaveLength(100);
  });
});

describe('bad requests get CloudBase error codes', () => {
  test('malformed or incomplete requests are INVALID_PARAM, unknown actions INVALID_ACTION', async () => {
    expect(await post('{oops')).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await post('[1]')).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await post({ action: 'database.getDocument' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await post({ action: 'database.getDocument', collectionName: 'm', limit: -1 })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await post({ action: 'database.getDocument', collectionName: 'm', query: '{"a":' })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await post({ action: 'database.foo' })).toMatchObject({ code: 'INVALID_ACTION' });
    expect(await post({ action: 'storage.upload' })).toMatchObject({ code: 'INVALID_ACTION' });
  });

  test('creating an existing collection and using a missing one fail with their codes', async () => {
    await expect(t.db.createCollection('m')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
    await expect(t.db.collection('ghost').add({ a: 1 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await expect(t.db.collection('ghost').doc('x').update({ a: 1 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await expect(t.db.collection('ghost').aggregate().match({}).end()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });

  test('GET /admin answers who is serving', async () => {
    const res = await fetch(`${t.cloud.url}/admin`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, envId: t.cloud.envId });
  });
});

describe('aggregation stages outside what CloudBase offers are refused', () => {
  test('$out and $merge write nothing and fail with DATABASE_REQUEST_FAILED', async () => {
    await t.db.collection('m').add({ _id: 'agg', n: 1 });
    for (const stage of [{ $out: 'copy' }, { $merge: { into: 'copy' } }, { $facet: { a: [] } }, { $bogus: {} }]) {
      expect(await post({ action: 'database.aggregateDocuments', collectionName: 'm', stages: stages([stage]) })).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    }
    // Inside a $lookup pipeline too.
    const lookup = { $lookup: { from: 'big', pipeline: [{ $out: 'copy' }], as: 'x' } };
    expect(await post({ action: 'database.aggregateDocuments', collectionName: 'm', stages: stages([lookup]) })).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(t.cloud.db.collectionNames()).not.toContain('copy');
  });

  test('the offered stages still run (sortByCount, bucketAuto)', async () => {
    const $ = t.db.command.aggregate;
    const big = t.db.collection('big');
    expect(
      (
        await big
          .aggregate()
          .match({ i: t._.lt(4) })
          .sortByCount($.mod(['$i', 2]))
          .sort({ _id: 1 })
          .end()
      ).data,
    ).toEqual([
      { _id: 0, count: 2 },
      { _id: 1, count: 2 },
    ]);
    expect((await big.aggregate().bucketAuto({ groupBy: '$i', buckets: 3 }).end()).data).toHaveLength(3);
  });
});

describe('transactions that are over', () => {
  test('using a rolled-back or committed transaction fails with DATABASE_TRANSACTION_FAIL', async () => {
    const rolledBack = await t.db.startTransaction();
    await rolledBack.rollback();
    await expect(rolledBack.collection('m').doc('agg').get()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    await expect(rolledBack.collection('m').doc('agg').update({ n: 2 })).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    const committed = await t.db.startTransaction();
    await committed.commit();
    await expect(committed.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL' });
    expect((await t.db.collection('m').doc('agg').get()).data[0].n).toBe(1);
  });

  test('a transaction left open past its 30 s lifetime has expired and writes nothing', () => {
    const db = t.cloud.db;
    const id = db.startTransaction();
    db.update('m', { _id: 'agg' }, { $set: { n: 99 } }, { transactionId: id });
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(now + 30_001);
    try {
      expect(() => db.commitTransaction(id)).toThrow(expect.objectContaining({ code: 'DATABASE_TRANSACTION_FAIL' }));
    } finally {
      clock.mockRestore();
    }
    expect(db.find('m', { query: { _id: 'agg' } })[0].n).toBe(1);
  });
});
