import { credentialsFor, documentsUrl } from '../gateway/sdk';
import { startDbCloud } from './sdk';

let t: Awaited<ReturnType<typeof startDbCloud>>;

beforeAll(async () => {
  t = await startDbCloud({ m: { rules: { read: true, write: false } } });
  const m = t.db.collection('m');
  await m.add({ _id: 'a', n: 1, tags: ['x', 'y'], s: 'Tea\u0000Shop', items: [{ q: 2 }] });
  await m.add({ _id: 'b', n: 2, tags: ['y'], s: 'plain' });
});
afterAll(async () => t.close());

const m = () => t.db.collection('m');
const ids = (r: { data: { _id: string }[] }) => r.data.map((d) => d._id).sort();
const unchanged = async () => expect((await m().orderBy('_id', 'asc').get()).data.map((d: any) => d.n)).toEqual([1, 2]);

describe("queries CloudBase would not run are the client's mistake: INVALID_PARAM naming the operator", () => {
  test('$where is refused on every path that takes a query, and nothing changes', async () => {
    const where = { $where: 'this.n == 1' } as any;
    const refused = { code: 'INVALID_PARAM', message: expect.stringContaining('$where') };
    await expect(m().where(where).get()).rejects.toMatchObject(refused);
    await expect(m().where(where).count()).rejects.toMatchObject(refused);
    await expect(m().where(where).update({ n: 9 })).rejects.toMatchObject(refused);
    await expect(m().where(where).remove()).rejects.toMatchObject(refused);
    await expect(m().aggregate().match(where).end()).rejects.toMatchObject(refused);
    await expect(
      m()
        .where({ n: 1, $or: [where] } as any)
        .get(),
    ).rejects.toMatchObject(refused);
    await unchanged();
  });

  test('server-side JavaScript inside $expr and aggregation expressions is refused', async () => {
    const fn = { body: 'function () { return true; }', args: [], lang: 'js' };
    await expect(
      m()
        .where({ $expr: { $function: fn } } as any)
        .get(),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('$function') });
    await expect(
      m()
        .aggregate()
        .project({ x: { $function: fn } })
        .end(),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('$function') });
    const acc = { init: 'function () { return 0; }', accumulate: 'function (s) { return s; }', accumulateArgs: [], merge: 'function (a) { return a; }', lang: 'js' };
    await expect(
      m()
        .aggregate()
        .group({ _id: null, x: { $accumulator: acc } })
        .end(),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('$accumulator') });
  });

  test('operators the query library knows but CloudBase does not offer, and made-up ones, are refused', async () => {
    for (const [op, query] of [
      ['$type', { n: { $type: 'number' } }],
      ['$jsonSchema', { $jsonSchema: {} }],
      ['$text', { $text: { $search: 'tea' } }],
      ['$comment', { n: 1, $comment: 'hi' }],
      ['$bitsAllSet', { n: { $bitsAllSet: 1 } }],
      ['$foo', { n: { $foo: 1 } }],
      ['$foo', { tags: { $elemMatch: { $foo: 1 } } }],
      ['$foo', { n: { $not: { $foo: 1 } } }],
    ] as const) {
      await expect(
        m()
          .where(query as any)
          .get(),
      ).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining(op) });
    }
    // The SDKs flatten plain fields to dot paths, so only a raw request can mix the two; MongoDB refuses it.
    expect(() => t.cloud.db.find('m', { query: { n: { $gt: 0, plain: 1 } } })).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }));
  });

  test('an unknown update operator is refused and writes nothing', async () => {
    await expect(
      m()
        .doc('a')
        .update({ $bogus: { n: 5 } } as any),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('$bogus') });
    await unchanged();
  });

  test('an invalid regular expression is INVALID_PARAM', async () => {
    await expect(
      m()
        .where({ s: t.db.RegExp({ regexp: '(' }) })
        .get(),
    ).rejects.toMatchObject({ code: 'INVALID_PARAM' });
  });

  test('every query command CloudBase documents still runs', async () => {
    const { _, db } = t;
    const $ = db.command.aggregate;
    expect(
      ids(
        await m()
          .where({ n: _.neq(1) })
          .get(),
      ),
    ).toEqual(['b']);
    expect(
      ids(
        await m()
          .where({ n: _.in([1, 2]).and(_.nin([2])) })
          .get(),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        await m()
          .where({ items: _.exists(true) })
          .get(),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        await m()
          .where({ n: (_ as any).mod([2, 0]) })
          .get(),
      ),
    ).toEqual(['b']); // the SDK's types give mod no arguments
    expect(
      ids(
        await m()
          .where({ tags: _.all(['x', 'y']) })
          .get(),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        await m()
          .where({ items: _.elemMatch({ q: _.gte(2) }) })
          .get(),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        await m()
          .where({ tags: _.size(1) })
          .get(),
      ),
    ).toEqual(['b']);
    expect(
      ids(
        await m()
          .where({ n: _.not(_.eq(1)) })
          .get(),
      ),
    ).toEqual(['b']);
    expect(
      ids(
        await m()
          .where(_.or([{ n: 1 }, { n: 2 }]))
          .get(),
      ),
    ).toEqual(['a', 'b']);
    expect(
      ids(
        await m()
          .where(_.nor([{ n: 1 }]))
          .get(),
      ),
    ).toEqual(['b']);
    expect(
      ids(
        await m()
          .where(_.expr($.gt(['$n', 1])))
          .get(),
      ),
    ).toEqual(['b']);
    expect(
      ids(
        await m()
          .where({ s: db.RegExp({ regexp: '^pla', options: 'i' }) })
          .get(),
      ),
    ).toEqual(['b']);
  });
});

describe('a NUL character in a regular expression', () => {
  test('db.RegExp with a NUL matches the NUL, with options and when escaped', async () => {
    const { db } = t;
    expect(
      ids(
        await m()
          .where({ s: db.RegExp({ regexp: 'tea\u0000shop', options: 'i' }) })
          .get(),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        await m()
          .where({ s: db.RegExp({ regexp: 'Tea\\\u0000Shop' }) })
          .get(),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        await m()
          .where({ s: db.RegExp({ regexp: '\u0000' }) })
          .get(),
      ),
    ).toEqual(['a']);
    expect(
      ids(
        await m()
          .where({ s: db.RegExp({ regexp: 'Tea\\\\\u0000' }) })
          .get(),
      ),
    ).toEqual([]); // a literal backslash, then NUL
  });

  test('through the web gateway too, in canonical and legacy ($regex) form', async () => {
    const { access_token } = await credentialsFor(t.cloud.url, 'anonymous');
    for (const s of [{ $regularExpression: { pattern: 'Tea\u0000', options: '' } }, { $regex: 'tea\u0000', $options: 'i' }]) {
      const query = encodeURIComponent(JSON.stringify({ s }));
      const res = await fetch(`${documentsUrl(t.cloud.url, 'm')}?query=${query}`, { headers: { authorization: `Bearer ${access_token}` } });
      expect((await res.json()).list.map((d: { _id: string }) => d._id)).toEqual(['a']);
    }
  });
});

test('the web gateway refuses $where and unknown operators with INVALID_PARAM, not an internal error', async () => {
  const { access_token } = await credentialsFor(t.cloud.url, 'anonymous');
  for (const [op, query] of [
    ['$where', { $where: 'this.n == 1' }],
    ['$foo', { n: { $foo: 1 } }],
  ] as const) {
    const res = await fetch(`${documentsUrl(t.cloud.url, 'm')}?query=${encodeURIComponent(JSON.stringify(query))}`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining(op) });
  }
});
