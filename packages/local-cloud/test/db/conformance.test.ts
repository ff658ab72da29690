import { startDbCloud } from './sdk';

/** node-sdk's types list Geo.Point only; Polygon, LineString and the Multi* shapes exist at runtime. */
const geoOf = (db: { Geo: unknown }) => db.Geo as any;

let t: Awaited<ReturnType<typeof startDbCloud>>;
const open = { rules: { read: true, write: false } };

beforeAll(async () => {
  t = await startDbCloud({
    items: {
      ...open,
      indexes: [
        { name: 'sku', keys: { sku: 1 }, unique: true },
        { name: 'cat', keys: { cat: 1, price: 1 } },
      ],
    },
    places: { ...open, indexes: [{ name: 'loc', keys: { loc: '2dsphere' } }] },
    tags: open,
    counters: open,
    misc: open,
  });
  const items = t.db.collection('items');
  const docs = [
    { _id: 'a', sku: 'A', cat: 'tea', price: 1200, stock: 5, tags: ['hot', 'new'], spec: { size: 'L' }, name: '珍珠奶茶' },
    { _id: 'b', sku: 'B', cat: 'tea', price: 1500, stock: 0, tags: ['cold'], spec: { size: 'M' }, name: '杨枝甘露' },
    {
      _id: 'c',
      sku: 'C',
      cat: 'food',
      price: 3800,
      stock: 2,
      tags: [],
      name: '牛肉面',
      scores: [
        { by: 'u1', n: 5 },
        { by: 'u2', n: 3 },
      ],
    },
    { _id: 'd', sku: 'D', cat: 'food', price: 900, stock: 10, tags: ['hot'], name: '肉夹馍', off: true },
  ];
  for (const d of docs) await items.add(d);
});
afterAll(async () => t.close());

const ids = (r: { data: { _id: string }[] }) => r.data.map((d) => d._id);

describe('reads', () => {
  test('doc get, where, orderBy, skip, limit, field, count', async () => {
    const items = t.db.collection('items');
    expect((await items.doc('a').get()).data[0]).toMatchObject({ name: '珍珠奶茶', spec: { size: 'L' } });
    expect((await items.doc('zzz').get()).data).toEqual([]);
    expect(ids(await items.where({ cat: 'tea' }).orderBy('price', 'desc').get())).toEqual(['b', 'a']);
    expect(ids(await items.orderBy('price', 'asc').skip(1).limit(2).get())).toEqual(['a', 'b']);
    const projected = await items.where({ _id: 'c' }).field({ name: true }).get();
    expect(projected.data[0]).toEqual({ _id: 'c', name: '牛肉面' });
    expect((await items.where({ cat: 'food' }).count()).total).toBe(2);
    expect((await items.where({ 'spec.size': 'M' }).get()).data.map((d: any) => d._id)).toEqual(['b']);
  });

  test('comparison, logical and element operators', async () => {
    const { _ } = t;
    const items = t.db.collection('items');
    const q = async (w: object) => ids(await items.where(w).orderBy('_id', 'asc').get());
    expect(await q({ price: _.gt(1200) })).toEqual(['b', 'c']);
    expect(await q({ price: _.gte(1200).and(_.lt(3800)) })).toEqual(['a', 'b']);
    expect(await q({ price: _.lte(900) })).toEqual(['d']);
    expect(await q({ cat: _.neq('tea') })).toEqual(['c', 'd']);
    expect(await q({ sku: _.in(['A', 'D']) })).toEqual(['a', 'd']);
    expect(await q({ sku: _.nin(['A', 'D']) })).toEqual(['b', 'c']);
    expect(await q(_.or([{ stock: 0 }, { price: _.gt(3000) }]))).toEqual(['b', 'c']);
    expect(await q(_.nor([{ cat: 'tea' }, { off: true }]))).toEqual(['c']);
    expect(await q({ price: _.not(_.gt(1000)) })).toEqual(['d']);
    expect(await q({ off: _.exists(true) })).toEqual(['d']);
    expect(await q({ tags: _.size(2) })).toEqual(['a']);
    expect(await q({ tags: _.all(['hot']) })).toEqual(['a', 'd']);
    expect(await q({ scores: _.elemMatch({ by: 'u2', n: _.lt(4) }) })).toEqual(['c']);
    expect(await q({ price: (_ as any).mod([1000, 200]) })).toEqual(['a']); // the SDK's types give mod no arguments
    expect(await q({ name: t.db.RegExp({ regexp: '面$' }) })).toEqual(['c']);
    expect(await q({ name: /^杨/ })).toEqual(['b']);
  });

  test('an unknown collection fails with DATABASE_COLLECTION_NOT_EXIST', async () => {
    await expect(t.db.collection('nope').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });

  test('equality on an indexed field is answered by the index', () => {
    expect(t.cloud.db.explain('items', { cat: 'tea' })).toMatch(/USING INDEX i_items_cat/);
    expect(t.cloud.db.explain('items', { name: 'x' })).toMatch(/SCAN/);
    expect(t.cloud.db.explain('items', { cat: { $gte: 'a', $lt: 'u' } })).toMatch(/USING INDEX i_items_cat/);
  });

  test('range conditions pushed to the index keep MongoDB type semantics', async () => {
    const { _ } = t;
    const c = t.db.collection('items');
    await c.add({ _id: 'typed', sku: 'T', cat: 12, price: '1300', name: '类型测试' }); // numbers vs strings in the same field
    const q = async (w: object) => ids(await c.where(w).orderBy('_id', 'asc').get());
    expect(await q({ cat: _.gt(5) })).toEqual(['typed']);
    expect(await q({ cat: _.gte('food').and(_.lt('tea')) })).toEqual(['c', 'd']);
    expect(await q({ cat: _.lte('tea') })).toEqual(['a', 'b', 'c', 'd']);
    await c.doc('typed').remove();
  });
});

describe('writes', () => {
  test('update operators', async () => {
    const { _ } = t;
    const c = t.db.collection('misc');
    await c.add({ _id: 'u', n: 1, m: 2, arr: [1, 2, 3], set: ['x'], gone: 1, old: 'v', lo: 5, hi: 5, nested: { a: 1 } });
    const r = await c.doc('u').update({
      n: _.inc(2),
      m: _.mul(3),
      arr: _.push([4]),
      set: _.addToSet('x'),
      gone: _.remove(),
      lo: _.min(3),
      hi: _.max(9),
      'nested.b': 2,
    });
    expect(r.updated).toBe(1);
    await c.doc('u').update({ old: _.rename('renamed') });
    let d: any = (await c.doc('u').get()).data[0];
    expect(d).toMatchObject({ n: 3, m: 6, arr: [1, 2, 3, 4], set: ['x'], lo: 3, hi: 9, nested: { a: 1, b: 2 }, renamed: 'v' });
    expect(d.gone).toBeUndefined();
    expect(d.old).toBeUndefined();
    await c.doc('u').update({ arr: _.pop() });
    await c.doc('u').update({ arr: _.shift() });
    await c.doc('u').update({ arr: _.unshift([0]) });
    d = (await c.doc('u').get()).data[0];
    expect(d.arr).toEqual([0, 2, 3]);
    await c.doc('u').update({ arr: _.pull(2) });
    await c.doc('u').update({ arr: _.pullAll([0]) });
    expect((await c.doc('u').get()).data[0].arr).toEqual([3]);
    await c.doc('u').update({ nested: _.set({ z: 1 }) });
    expect((await c.doc('u').get()).data[0].nested).toEqual({ z: 1 });
  });

  test('$inc on a string and $push on a non-array are errors and write nothing', async () => {
    const { _ } = t;
    const c = t.db.collection('misc');
    await c.add({ _id: 'bad', s: 'text', n: 1 });
    await expect(c.doc('bad').update({ s: _.inc(1), n: _.inc(1) })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(c.doc('bad').update({ s: _.push(['x']) })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect((await c.doc('bad').get()).data[0]).toMatchObject({ s: 'text', n: 1 });
  });

  test('set replaces a document, upserts a missing one; where().update and remove', async () => {
    const c = t.db.collection('misc');
    await c.add({ _id: 'r', a: 1, b: 2 });
    await c.doc('r').set({ c: 3 });
    expect((await c.doc('r').get()).data[0]).toEqual({ _id: 'r', c: 3 });
    const up = await c.doc('new-one').set({ fresh: true });
    expect(up.upsertedId).toBe('new-one');
    await c.add({ g: 'grp', v: 1 });
    await c.add({ g: 'grp', v: 2 });
    expect((await c.where({ g: 'grp' }).update({ seen: true })).updated).toBe(2);
    expect((await c.where({ g: 'grp' }).remove()).deleted).toBe(2);
    expect((await c.where({ g: 'grp' }).count()).total).toBe(0);
  });

  test('a conditional update is atomic: only one of two concurrent takes the last unit', async () => {
    const { _ } = t;
    const c = t.db.collection('misc');
    await c.add({ _id: 'last', stock: 1 });
    const take = () => c.where({ _id: 'last', stock: _.gte(1) }).update({ stock: _.inc(-1) });
    const results = await Promise.all(Array.from({ length: 10 }, take));
    expect(results.filter((r: any) => r.updated === 1)).toHaveLength(1);
    expect((await c.doc('last').get()).data[0].stock).toBe(0);
  });

  test('serverDate, Date and add with generated ids', async () => {
    const c = t.db.collection('misc');
    const before = Date.now();
    const { id } = await c.add({ at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }), fixed: new Date('2026-01-02T03:04:05Z') });
    expect(typeof id).toBe('string');
    const d: any = (await c.doc(id!).get()).data[0];
    expect(new Date(d.at).getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(new Date(d.later).getTime() - new Date(d.at).getTime()).toBeGreaterThanOrEqual(59_000);
    expect(new Date(d.fixed).toISOString()).toBe('2026-01-02T03:04:05.000Z');
  });

  test('a unique index refuses a duplicate and writes nothing', async () => {
    const items = t.db.collection('items');
    await expect(items.add({ sku: 'A', name: 'dup' })).rejects.toMatchObject({ code: 'DATABASE_DUPLICATE_WRITE' });
    expect((await items.where({ name: 'dup' }).count()).total).toBe(0);
  });

  test('updateAndReturn returns the updated document', async () => {
    const { _ } = t;
    const c = t.db.collection('misc');
    await c.add({ _id: 'uar', n: 1 });
    const r = await c.where({ _id: 'uar' }).updateAndReturn({ n: _.inc(5) });
    expect(r.updated).toBe(1);
    expect(r.doc).toMatchObject({ _id: 'uar', n: 6 });
  });
});

describe('aggregation', () => {
  test('match, group, sort, project, addFields, count, skip, limit, unwind, replaceRoot, bucket', async () => {
    const { _ } = t;
    const $ = t.db.command.aggregate;
    const items = t.db.collection('items');
    const grouped = await items
      .aggregate()
      .group({ _id: '$cat', total: $.sum('$price'), n: $.sum(1) })
      .sort({ _id: 1 })
      .end();
    expect(grouped.data).toEqual([
      { _id: 'food', total: 4700, n: 2 },
      { _id: 'tea', total: 2700, n: 2 },
    ]);
    const proj = await items
      .aggregate()
      .match({ price: _.gt(1000) })
      .addFields({ yuan: $.divide(['$price', 100]) })
      .project({ _id: 0, sku: 1, yuan: 1 })
      .sort({ sku: 1 })
      .skip(1)
      .limit(1)
      .end();
    expect(proj.data).toEqual([{ sku: 'B', yuan: 15 }]);
    expect((await items.aggregate().match({ cat: 'tea' }).count('n').end()).data).toEqual([{ n: 2 }]);
    const unwound = await items.aggregate().match({ _id: 'a' }).unwind('$tags').project({ _id: 0, tags: 1 }).end();
    expect(unwound.data).toEqual([{ tags: 'hot' }, { tags: 'new' }]);
    const root = await items.aggregate().match({ _id: 'a' }).replaceRoot({ newRoot: '$spec' }).end();
    expect(root.data).toEqual([{ size: 'L' }]);
    const buckets = await items
      .aggregate()
      .bucket({ groupBy: '$price', boundaries: [0, 1000, 2000, 5000], default: 'other', output: { n: $.sum(1) } })
      .end();
    expect(buckets.data).toEqual([
      { _id: 0, n: 1 },
      { _id: 1000, n: 2 },
      { _id: 2000, n: 1 },
    ]);
  });

  test('lookup (simple and pipeline form) and sample without repeats', async () => {
    const $ = t.db.command.aggregate;
    const tags = t.db.collection('tags');
    await tags.add({ _id: 't1', code: 'hot', label: '热饮' });
    await tags.add({ _id: 't2', code: 'new', label: '新品' });
    const joined = await t.db.collection('items').aggregate().match({ _id: 'a' }).lookup({ from: 'tags', localField: 'tags', foreignField: 'code', as: 'tagDocs' }).end();
    expect(joined.data[0].tagDocs.map((x: any) => x.label).sort()).toEqual(['新品', '热饮']);
    const piped = await t.db
      .collection('items')
      .aggregate()
      .match({ _id: 'd' })
      .lookup({
        from: 'tags',
        let: { t: '$tags' },
        pipeline: $.pipeline()
          .match(t.db.command.expr($.in(['$code', '$$t'])))
          .project({ _id: 0, label: 1 })
          .done(),
        as: 'labels',
      })
      .end();
    expect(piped.data[0].labels).toEqual([{ label: '热饮' }]);
    const sampled = await t.db.collection('items').aggregate().sample({ size: 4 }).end();
    expect(new Set(sampled.data.map((d: any) => d._id)).size).toBe(4);
  });
});

describe('geo', () => {
  const P = (lng: number, lat: number) => ({ type: 'Point', coordinates: [lng, lat] });
  beforeAll(async () => {
    const places = t.db.collection('places');
    await places.add({ _id: 'jingan', loc: new t.db.Geo.Point(121.4484, 31.229) }); // 静安寺
    await places.add({ _id: 'xujiahui', loc: new t.db.Geo.Point(121.4375, 31.1955) }); // 徐家汇, ~3.8 km
    await places.add({ _id: 'pudong', loc: new t.db.Geo.Point(121.506, 31.245) }); // 陆家嘴, ~5.7 km
  });

  test('geoNear query: nearest first within maxDistance; points come back as Geo.Point', async () => {
    const { _ } = t;
    const r = await t.db
      .collection('places')
      .where({ loc: _.geoNear({ geometry: new t.db.Geo.Point(121.4484, 31.229), maxDistance: 5000 }) })
      .get();
    expect(ids(r)).toEqual(['jingan', 'xujiahui']);
    expect(r.data[0].loc.longitude).toBeCloseTo(121.4484);
  });

  test('geoWithin polygon and centerSphere, geoIntersects', async () => {
    const { _ } = t;
    const square = new (geoOf(t.db).Polygon)([
      new (geoOf(t.db).LineString)([
        new t.db.Geo.Point(121.4, 31.2),
        new t.db.Geo.Point(121.47, 31.2),
        new t.db.Geo.Point(121.47, 31.25),
        new t.db.Geo.Point(121.4, 31.25),
        new t.db.Geo.Point(121.4, 31.2),
      ]),
    ]);
    expect(
      ids(
        await t.db
          .collection('places')
          .where({ loc: _.geoWithin({ geometry: square }) })
          .get(),
      ),
    ).toEqual(['jingan']);
    const circle = await t.db
      .collection('places')
      .where({ loc: _.geoWithin({ centerSphere: [[121.4484, 31.229], 4.5 / 6378.1] }) })
      .orderBy('_id', 'asc')
      .get();
    expect(ids(circle)).toEqual(['jingan', 'xujiahui']);
    expect(
      ids(
        await t.db
          .collection('places')
          .where({ loc: _.geoIntersects({ geometry: square }) })
          .get(),
      ),
    ).toEqual(['jingan']);
  });

  test('aggregate geoNear adds distances in metres and must be the first stage', async () => {
    const $ = t.db.command.aggregate;
    const r = await t.db
      .collection('places')
      .aggregate()
      .geoNear({ near: new t.db.Geo.Point(121.4484, 31.229), distanceField: 'dist', spherical: true })
      .end();
    expect(r.data.map((d: any) => d._id)).toEqual(['jingan', 'xujiahui', 'pudong']);
    expect(r.data[0].dist).toBeLessThan(1);
    expect(r.data[1].dist).toBeGreaterThan(3500);
    expect(r.data[1].dist).toBeLessThan(4200);
    expect(r.data[2].loc).toEqual(P(121.506, 31.245));
    await expect(
      t.db
        .collection('places')
        .aggregate()
        .match({})
        .geoNear({ near: new t.db.Geo.Point(121, 31), distanceField: 'd' })
        .end(),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    void $;
  });

  test('a 2dsphere index narrows geo queries to a bounding box before exact distances', () => {
    expect(t.cloud.db.explainGeo('places')).toMatch(/USING INDEX i_places_loc/);
  });
});
