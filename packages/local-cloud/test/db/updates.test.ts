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
