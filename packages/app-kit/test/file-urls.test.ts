import { createFileUrlResolver } from '../src/file-urls';

/** The web's file-id → URL resolver: one request for everything a page asks in a tick, answers reused until stale. */
test('ids asked for in the same tick go in one request; http URLs pass through; a missing file resolves undefined', async () => {
  const calls: string[][] = [];
  const r = createFileUrlResolver(async (ids) => {
    calls.push(ids);
    return Object.fromEntries(ids.filter((id) => id !== 'cloud://e.b/gone.jpg').map((id) => [id, `http://files/${id.split('/').pop()}`]));
  });
  const [a, b, again, web, gone] = await Promise.all([
    r.resolve('cloud://e.b/a.jpg'),
    r.resolve('cloud://e.b/b.jpg'),
    r.resolve('cloud://e.b/a.jpg'),
    r.resolve('https://cdn.example.com/x.png'),
    r.resolve('cloud://e.b/gone.jpg'),
  ]);
  expect([a, b, again, web, gone]).toEqual(['http://files/a.jpg', 'http://files/b.jpg', 'http://files/a.jpg', 'https://cdn.example.com/x.png', undefined]);
  expect(calls).toEqual([['cloud://e.b/a.jpg', 'cloud://e.b/b.jpg', 'cloud://e.b/gone.jpg']]);
  // Known now: no second request, and peek answers synchronously.
  expect(r.peek('cloud://e.b/a.jpg')).toBe('http://files/a.jpg');
  await r.resolve('cloud://e.b/b.jpg');
  expect(calls).toHaveLength(1);
});

test('a URL older than the ttl is fetched again; a failed request is not cached', async () => {
  let t = 0;
  let fail = true;
  const calls: string[][] = [];
  const r = createFileUrlResolver(
    async (ids) => {
      calls.push(ids);
      if (fail) throw new Error('network');
      return Object.fromEntries(ids.map((id) => [id, `http://files/${calls.length}`]));
    },
    { ttlMs: 1000, now: () => t },
  );
  await expect(r.resolve('cloud://e.b/a.jpg')).rejects.toThrow('network');
  fail = false;
  expect(await r.resolve('cloud://e.b/a.jpg')).toBe('http://files/2');
  t = 999;
  expect(await r.resolve('cloud://e.b/a.jpg')).toBe('http://files/2');
  t = 1000;
  expect(r.peek('cloud://e.b/a.jpg')).toBeUndefined();
  expect(await r.resolve('cloud://e.b/a.jpg')).toBe('http://files/3');
});

test('large pages are fetched in batches of maxBatch', async () => {
  const calls: number[] = [];
  const r = createFileUrlResolver(
    async (ids) => {
      calls.push(ids.length);
      return Object.fromEntries(ids.map((id) => [id, id]));
    },
    { maxBatch: 2 },
  );
  await Promise.all(['1', '2', '3', '4', '5'].map((n) => r.resolve(`cloud://e.b/${n}.jpg`)));
  expect(calls).toEqual([2, 2, 1]);
});
