import { startDbCloud } from './sdk';

/** node-sdk's types list Geo.Point only; Polygon, LineString and the Multi* shapes exist at runtime. */
const geoOf = (db: { Geo: unknown }) => db.Geo as any;

let t: Awaited<ReturnType<typeof startDbCloud>>;
const closed = { rules: { read: false, write: false } };

beforeAll(async () => {
  t = await startDbCloud({ g: closed, shapes: closed, m: closed });
  const Geo = geoOf(t.db);
  const g = t.db.collection('g');
  await g.add({ _id: 'jingan', loc: new Geo.Point(121.4484, 31.229) });
  await g.add({ _id: 'xujiahui', loc: new Geo.Point(121.4375, 31.1955) }); // ~3.8 km from 静安寺
  await g.add({ _id: 'nowhere', loc: 'not a point' });
  await g.add({ _id: 'missing' });
  const ring = (pts: [number, number][]) => new Geo.LineString(pts.map(([x, y]) => new Geo.Point(x, y)));
  const s = t.db.collection('shapes');
  await s.add({
    _id: 'zone',
    area: new Geo.Polygon([
      ring([
        [121.4, 31.2],
        [121.47, 31.2],
        [121.47, 31.25],
        [121.4, 31.25],
        [121.4, 31.2],
      ]),
    ]),
  });
  await s.add({
    _id: 'far',
    area: new Geo.Polygon([
      ring([
        [120.0, 30.0],
        [120.1, 30.0],
        [120.1, 30.1],
        [120.0, 30.1],
        [120.0, 30.0],
      ]),
    ]),
  });
  await s.add({
    _id: 'route',
    path: ring([
      [121.0, 31.0],
      [121.1, 31.1],
    ]),
  });
  const m = t.db.collection('m');
  await m.add({ _id: 'h1', s: 'Hello world', d: new Date('2026-01-02T03:04:05Z') });
  await m.add({ _id: 'h2', s: 'say hello\nHELLO again', d: new Date('2026-02-01T00:00:00Z') });
  await m.add({ _id: 'h3', s: 'nothing', d: new Date('2025-12-31T23:59:59.999Z') });
});
afterAll(async () => t.close());

const ids = (r: { data: { _id: string }[] }) => r.data.map((d) => d._id);

describe('geo', () => {
  test('geoNear with minDistance leaves out what is nearer; documents without a point do not match', async () => {
    const { _, db } = t;
    const near = (o: object) =>
      t.db
        .collection('g')
        .where({ loc: _.geoNear({ geometry: new db.Geo.Point(121.4484, 31.229), ...o }) })
        .get();
    expect(ids(await near({ maxDistance: 5000 }))).toEqual(['jingan', 'xujiahui']);
    expect(ids(await near({ maxDistance: 5000, minDistance: 100 }))).toEqual(['xujiahui']);
    expect(ids(await near({ maxDistance: 3000 }))).toEqual(['jingan']);
  });

  test('stored Polygon and LineString values come back as Geo objects', async () => {
    const zone = (await t.db.collection('shapes').doc('zone').get()).data[0].area;
    expect(zone).toBeInstanceOf(geoOf(t.db).Polygon);
    expect(zone.toJSON()).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [121.4, 31.2],
          [121.47, 31.2],
          [121.47, 31.25],
          [121.4, 31.25],
          [121.4, 31.2],
        ],
      ],
    });
    expect((await t.db.collection('shapes').doc('route').get()).data[0].path).toBeInstanceOf(geoOf(t.db).LineString);
  });

  test('geoIntersects with a point finds the stored polygons containing it', async () => {
    const { _, db } = t;
    const r = await t.db
      .collection('shapes')
      .where({ area: _.geoIntersects({ geometry: new db.Geo.Point(121.45, 31.22) }) })
      .get();
    expect(ids(r)).toEqual(['zone']);
  });

  test('geo operators the local cloud cannot evaluate on stored shapes fail loudly', async () => {
    const { _, db } = t;
    const square = new (geoOf(db).Polygon)([new (geoOf(db).LineString)([new db.Geo.Point(121, 31), new db.Geo.Point(122, 31), new db.Geo.Point(122, 32), new db.Geo.Point(121, 31)])]);
    const shapes = t.db.collection('shapes');
    await expect(shapes.where({ area: _.geoWithin({ geometry: square }) }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(shapes.where({ area: _.geoIntersects({ geometry: square }) }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(shapes.where({ path: _.geoNear({ geometry: new db.Geo.Point(121, 31) }) }).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(
      shapes
        .aggregate()
        .geoNear({ near: new db.Geo.Point(121, 31), distanceField: 'd', key: 'area', spherical: true })
        .end(),
    ).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});

describe('regular expressions and dates', () => {
  const q = async (w: object) => ids(await t.db.collection('m').where(w).orderBy('_id', 'asc').get());

  test('RegExp options: i ignores case, m anchors at line starts, s lets . cross newlines', async () => {
    const { db } = t;
    expect(await q({ s: db.RegExp({ regexp: '^hello' }) })).toEqual([]);
    expect(await q({ s: db.RegExp({ regexp: '^hello', options: 'i' }) })).toEqual(['h1']);
    expect(await q({ s: db.RegExp({ regexp: '^hello', options: 'im' }) })).toEqual(['h1', 'h2']);
    expect(await q({ s: db.RegExp({ regexp: 'hello.HELLO', options: 's' }) })).toEqual(['h2']);
    expect(await q({ s: /WORLD$/i })).toEqual(['h1']);
  });

  test('Date ranges compare instants, to the millisecond', async () => {
    const { _ } = t;
    expect(await q({ d: _.gte(new Date('2026-01-01T00:00:00Z')) })).toEqual(['h1', 'h2']);
    expect(await q({ d: _.gt(new Date('2026-01-02T03:04:05Z')).and(_.lte(new Date('2026-02-01T00:00:00Z'))) })).toEqual(['h2']);
    expect(await q({ d: _.lt(new Date('2026-01-01T00:00:00Z')) })).toEqual(['h3']);
    expect(await q({ d: new Date('2025-12-31T23:59:59.999Z') })).toEqual(['h3']);
    expect(await q({ d: _.lt(t.db.serverDate()) })).toEqual(['h1', 'h2', 'h3']);
  });
});
