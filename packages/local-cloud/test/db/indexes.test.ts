import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine } from '../../src/db/engine';
import { startDbCloud } from './sdk';

let t: Awaited<ReturnType<typeof startDbCloud>>;
const closed = { rules: { read: false, write: false } };

beforeAll(async () => {
  t = await startDbCloud({
    it: {
      ...closed,
      indexes: [
        { name: 'tags', keys: { tags: 1 } },
        { name: 'sb', keys: { 'scores.by': 1 } },
        { name: 'code', keys: { code: 1 }, unique: true },
        { name: 'price', keys: { price: 1 } },
        { name: 'label', keys: { label: 1 } },
      ],
    },
    orders: {
      ...closed,
      indexes: [
        { name: 'openid_createdAt', keys: { _openid: 1, createdAt: -1 } },
        { name: 'status', keys: { status: 1 } },
        { name: 'n', keys: { n: 1 } },
        { name: 'mixed', keys: { mixed: 1 } },
      ],
    },
  });
  await t.db.collection('it').add({ _id: 'a', tags: ['hot', 'new'], scores: [{ by: 'u1' }], code: 'A', price: 5 });
  await t.db.collection('it').add({ _id: 'b', tags: 'hot', scores: { by: 'u1' }, code: 'B', price: [1, 20] });
  await t.db.collection('it').add({ _id: 'c', tags: 'cold', scores: { by: 'u2' }, code: 'C', price: 30 });
  const orders = [
    { _id: 'o1', _openid: 'u1', createdAt: '2026-03-01T08:00:00.000Z', status: 'paid', n: 3, mixed: 'b' },
    { _id: 'o2', _openid: 'u1', createdAt: '2026-03-02T08:00:00.000Z', status: 'accepted', n: null, mixed: 2 },
    { _id: 'o3', _openid: 'u2', createdAt: '2026-03-03T08:00:00.000Z', status: 'paid', n: -1, mixed: 'a' },
    { _id: 'o4', _openid: 'u1', createdAt: '2026-03-04T08:00:00.000Z', status: 'completed', mixed: 10 },
    { _id: 'o5', _openid: 'u1', createdAt: '2026-03-02T08:00:00.000Z', status: 'paid', n: 3 },
    { _id: 'o6', _openid: 'u1', createdAt: '2026-03-05T08:00:00.000Z', status: 'cancelled', n: 12.5, mixed: -3 },
  ];
  for (const o of orders) await t.db.collection('orders').add(o);
});
afterAll(async () => t.close());

const ids = (r: { data: { _id: string }[] }) => r.data.map((d) => d._id);

describe('indexes on fields that hold arrays keep MongoDB multikey semantics', () => {
  const q = async (w: object) => ids(await t.db.collection('it').where(w).orderBy('_id', 'asc').get());

  test('equality matches an array element and a path through an array of documents', async () => {
    expect(await q({ tags: 'hot' })).toEqual(['a', 'b']);
    expect(await q({ 'scores.by': 'u1' })).toEqual(['a', 'b']);
    expect(await q({ price: 20 })).toEqual(['b']);
    expect(await q({ price: t._.in([20, 30]) })).toEqual(['b', 'c']);
    expect(await q({ tags: ['hot', 'new'] })).toEqual(['a']); // the whole array, too
  });

  test('a range matches when any element is in range', async () => {
    const { _ } = t;
    expect(await q({ price: _.gt(10) })).toEqual(['b', 'c']);
    expect(await q({ price: _.lt(3) })).toEqual(['b']);
    expect(await q({ tags: _.gte('n') })).toEqual(['a']);
  });

  test('a field that becomes an array through an update is still matched by element', async () => {
    const c = t.db.collection('it');
    await c.add({ _id: 'd', code: 'D', label: 'x' });
    expect(await q({ label: 'x' })).toEqual(['d']);
    await c.doc('d').update({ label: ['x', 'y'] });
    expect(await q({ label: 'y' })).toEqual(['d']);
    await c.doc('d').remove();
  });

  test('scalar equality on an indexed field still uses its index', () => {
    expect(t.cloud.db.explain('it', { code: 'A' })).toMatch(/USING INDEX i_it_code/);
  });

  test('an index declared over existing documents learns which of them hold arrays', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'daojia-multikey-'));
    try {
      const before = createEngine({ dataDir: dir, collections: { x: [] } });
      before.insert('x', [
        { _id: '1', tags: ['hot'] },
        { _id: '2', tags: 'cold' },
      ]);
      before.close();
      const after = createEngine({ dataDir: dir, collections: { x: [{ name: 'tags', keys: { tags: 1 } }] } });
      expect(after.find('x', { query: { tags: 'hot' } }).map((d) => d._id)).toEqual(['1']);
      after.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sorting and $in are answered by indexes', () => {
  const orders = () => t.db.collection('orders');

  test("a caller's newest orders come from the compound index, paged, ties in insertion order", async () => {
    const page = (skip: number) => orders().where({ _openid: 'u1' }).orderBy('createdAt', 'desc').skip(skip).limit(2).get();
    expect(ids(await page(0))).toEqual(['o6', 'o4']);
    expect(ids(await page(2))).toEqual(['o2', 'o5']); // o2 and o5 share createdAt: inserted first, listed first
    expect(ids(await page(4))).toEqual(['o1']);
    const plan = t.cloud.db.explain('orders', { _openid: 'u1' }, [['createdAt', -1]]);
    expect(plan).toMatch(/USING INDEX i_orders_openid_createdAt/);
    expect(plan).not.toMatch(/USE TEMP B-TREE FOR ORDER BY/); // the index supplies the order; no sort of all rows
  });

  test('a filter the index cannot answer still pages correctly', async () => {
    const r = await orders()
      .where({ _openid: 'u1', status: t._.neq('cancelled') })
      .orderBy('createdAt', 'desc')
      .limit(2)
      .get();
    expect(ids(r)).toEqual(['o4', 'o2']);
  });

  test('null and missing sort first ascending and last descending; numbers before strings', async () => {
    expect(ids(await orders().orderBy('n', 'asc').orderBy('_id', 'asc').get())).toEqual(['o2', 'o4', 'o3', 'o1', 'o5', 'o6']);
    expect(ids(await orders().orderBy('n', 'desc').orderBy('_id', 'asc').get())).toEqual(['o6', 'o1', 'o5', 'o3', 'o2', 'o4']);
    expect(ids(await orders().orderBy('mixed', 'asc').get())).toEqual(['o5', 'o6', 'o2', 'o4', 'o3', 'o1']);
    expect(t.cloud.db.explain('orders', {}, [['n', 1]])).toMatch(/USING INDEX i_orders_n\b/);
  });

  test('a field holding dates beside other types is sorted in memory, in MongoDB type order', async () => {
    await orders().add({ _id: 'o7', mixed: new Date('2026-01-01T00:00:00Z') });
    await orders().add({ _id: 'o8', mixed: true });
    expect(t.cloud.db.explain('orders', {}, [['mixed', 1]])).toBe('sorted in memory');
    // MongoDB: null/missing < numbers < strings < booleans < dates.
    expect(ids(await orders().orderBy('mixed', 'asc').get())).toEqual(['o5', 'o6', 'o2', 'o4', 'o3', 'o1', 'o8', 'o7']);
    await orders().doc('o7').remove();
    await orders().doc('o8').remove();
  });

  test('$in on an indexed field is answered by the index', async () => {
    expect(
      ids(
        await orders()
          .where({ status: t._.in(['accepted', 'completed']) })
          .orderBy('_id', 'asc')
          .get(),
      ),
    ).toEqual(['o2', 'o4']);
    expect(t.cloud.db.explain('orders', { status: { $in: ['accepted', 'completed'] } })).toMatch(/USING INDEX i_orders_status/);
  });
});
