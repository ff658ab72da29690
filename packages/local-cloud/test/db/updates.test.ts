import { startDbCloud } from './sdk';

let t: Awaited<ReturnType<typeof startDbCloud>>;

beforeAll(async () => {
  t = await startDbCloud({ arrays: { rules: { read: false, write: false } } });
});
afterAll(async () => t.close());

const read = async (id: string) => (await t.db.collection('arrays').doc(id).get()).data[0] as any;

describe('array update operators, with the options CloudBase documents', () => {
  test('addToSet({each}) adds each missing value once, as MongoDB $addToSet with $each', async () => {
    const { _ } = t;
    const c = t.db.collection('arrays');
    await c.add({ _id: 'set', tags: ['a', 'b'] });
    await c.doc('set').update({ tags: _.addToSet({ each: ['b', 'c', 'c', 'd'] }) });
    expect((await read('set')).tags).toEqual(['a', 'b', 'c', 'd']);
    // A single value is added as it is, even an array (no $each without `each`).
    await c.doc('set').update({ tags: _.addToSet(['x']) });
    expect((await read('set')).tags).toEqual(['a', 'b', 'c', 'd', ['x']]);
    // On a missing field the array is created.
    await c.doc('set').update({ fresh: _.addToSet({ each: [1, 1, 2] }) });
    expect((await read('set')).fresh).toEqual([1, 2]);
  });

  test('push with position, sort and slice', async () => {
    const { _ } = t;
    const c = t.db.collection('arrays');
    await c.add({ _id: 'push', arr: [1, 5, 9] });
    await c.doc('push').update({ arr: _.push({ each: [0], position: 0 }) });
    expect((await read('push')).arr).toEqual([0, 1, 5, 9]);
    await c.doc('push').update({ arr: _.push({ each: [3, 2], position: -1 }) });
    expect((await read('push')).arr).toEqual([0, 1, 5, 3, 2, 9]);
    // $sort then $slice: the three smallest remain.
    await c.doc('push').update({ arr: _.push({ each: [7], sort: 1, slice: 3 }) });
    expect((await read('push')).arr).toEqual([0, 1, 2]);
    await c.doc('push').update({ arr: _.push({ each: [4], sort: -1, slice: -2 }) });
    expect((await read('push')).arr).toEqual([1, 0]);
  });
});

describe('array elements by position, as CloudBase updates them', () => {
  test('a positional path (skus.$.stock) changes the element an elemMatch query matched, with the guards in the same update', async () => {
    const { _ } = t;
    const c = t.db.collection('arrays');
    await c.add({
      _id: 'pos',
      stock: 5,
      skus: [
        { id: 'big', stock: 2 },
        { id: 'small', stock: 3 },
      ],
      holds: [],
    });
    const take = (id: string, n: number, hold: string) =>
      c.where({ _id: 'pos', stock: _.gte(n), skus: _.elemMatch({ id, stock: _.gte(n) }), holds: _.neq(hold) }).update({ 'skus.$.stock': _.inc(-n), stock: _.inc(-n), holds: _.push([hold]) });
    expect((await take('small', 2, 'h1')).updated).toBe(1);
    expect(await read('pos')).toMatchObject({
      stock: 3,
      skus: [
        { id: 'big', stock: 2 },
        { id: 'small', stock: 1 },
      ],
      holds: ['h1'],
    });
    // Not enough of that element (though enough in total and in the other element): nothing is written.
    expect((await take('small', 2, 'h2')).updated).toBe(0);
    expect((await take('gone', 1, 'h3')).updated).toBe(0);
    expect(await read('pos')).toMatchObject({
      stock: 3,
      skus: [
        { id: 'big', stock: 2 },
        { id: 'small', stock: 1 },
      ],
      holds: ['h1'],
    });
    // A dotted query on the array's field picks the element too; an index path names it directly.
    await c.where({ _id: 'pos', 'skus.id': 'big' }).update({ 'skus.$.stock': _.inc(4) });
    await c.doc('pos').update({ 'skus.1.stock': _.inc(1) });
    expect((await read('pos')).skus).toEqual([
      { id: 'big', stock: 6 },
      { id: 'small', stock: 2 },
    ]);
  });

  test('a positional path without a query on its array is INVALID_PARAM and writes nothing', async () => {
    const { _ } = t;
    const c = t.db.collection('arrays');
    await c.add({ _id: 'pos2', skus: [{ id: 'a', stock: 1 }] });
    await expect(c.where({ _id: 'pos2' }).update({ 'skus.$.stock': _.inc(1) })).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('array field') });
    await expect(c.doc('pos2').update({ 'skus.$.stock': _.inc(1) })).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('array field') });
    expect((await read('pos2')).skus).toEqual([{ id: 'a', stock: 1 }]);
  });
});
