/**
 * `npm run bench:db`: the local cloud's database through the real @cloudbase/node-sdk (loopback HTTP, as functions
 * use it), beside a raw better-sqlite3 floor doing the same work in-process. Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import tcb from '@cloudbase/node-sdk';
import { startTestCloud, useLocalCloudEnv } from '@daojia/local-cloud';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const CONCURRENCY = 16;

async function timed(ops: number, run: (i: number) => Promise<unknown> | unknown, concurrency = CONCURRENCY): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, ops) }, async () => {
      while (next < ops) await run(next++);
    }),
  );
  return ops / (Number(process.hrtime.bigint() - started) / 1e9);
}

const NEAR: [number, number] = [121.47, 31.23];
const RADIUS_M = 3000;
const EARTH_RADIUS_M = 6378100;

/** Great-circle distance in metres, the same formula the local cloud uses. */
function haversineM([lng1, lat1]: number[], [lng2, lat2]: number[]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

const doc = (i: number) => ({
  seq: i,
  storeId: `s${i % 500}`,
  status: ['paid', 'accepted', 'completed'][i % 3],
  totalFen: 1000 + (i % 9000),
  note: `order ${i}`,
  location: { type: 'Point', coordinates: [121.3 + (i % 1000) / 5000, 31.1 + (Math.floor(i / 1000) % 100) / 500] },
});

function floor(n: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
  const db = new Sqlite(path.join(dir, 'f.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, version INTEGER, doc TEXT);
    CREATE INDEX t_store ON t (json_extract(doc, '$.storeId'));
    CREATE INDEX t_total ON t (json_extract(doc, '$.totalFen'));
    CREATE INDEX t_loc ON t (json_extract(doc, '$.location.coordinates[0]'), json_extract(doc, '$.location.coordinates[1]'))`);
  const ins = db.prepare('INSERT INTO t VALUES (?, 1, ?)');
  const byStore = db.prepare(`SELECT doc FROM t WHERE json_extract(doc, '$.storeId') = ? LIMIT 100`);
  const scan = db.prepare(`SELECT doc FROM t WHERE json_extract(doc, '$.note') = ?`);
  const upd = db.prepare(`UPDATE t SET version = version + 1, doc = json_set(doc, '$.totalFen', json_extract(doc, '$.totalFen') + 1) WHERE id = ?`);
  const sorted = db.prepare(`SELECT doc FROM t ORDER BY json_extract(doc, '$.totalFen') DESC LIMIT 20`);
  const box = db.prepare(`SELECT doc FROM t WHERE json_extract(doc, '$.location.coordinates[0]') BETWEEN ? AND ? AND json_extract(doc, '$.location.coordinates[1]') BETWEEN ? AND ?`);
  // The same work as the local cloud's geoNear: indexed lng/lat box, exact distance, nearest first, first 20.
  const dLat = (RADIUS_M / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.cos((NEAR[1] * Math.PI) / 180);
  const geoNear = () =>
    (box.all(NEAR[0] - dLng, NEAR[0] + dLng, NEAR[1] - dLat, NEAR[1] + dLat) as { doc: string }[])
      .map((x) => {
        const d = JSON.parse(x.doc);
        return { ...d, d: haversineM(NEAR, d.location.coordinates) };
      })
      .filter((d) => d.d <= RADIUS_M)
      .sort((a, b) => a.d - b.d)
      .slice(0, 20);
  const t = (ops: number, f: (i: number) => unknown) => {
    const s = process.hrtime.bigint();
    for (let i = 0; i < ops; i++) f(i);
    return ops / (Number(process.hrtime.bigint() - s) / 1e9);
  };
  const r = {
    insert: t(n, (i) => ins.run(`f${i}`, JSON.stringify(doc(i)))),
    indexed: t(2000, (i) => byStore.all(`s${i % 500}`).map((x: any) => JSON.parse(x.doc))),
    unindexed: t(50, (i) => scan.all(`order ${i * 7}`)),
    sorted: t(2000, () => sorted.all().map((x: any) => JSON.parse(x.doc))),
    update: t(5000, (i) => upd.run(`f${i % n}`)),
    transaction: t(2000, (i) =>
      db.transaction(() => {
        upd.run(`f${i % n}`);
        upd.run(`f${(i + 1) % n}`);
      })(),
    ),
    geoNear: t(500, geoNear),
  };
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return r;
}

async function cloudRun(n: number) {
  const cloud = await startTestCloud({ rootDir: path.join(__dirname, 'fixture') });
  useLocalCloudEnv(cloud);
  const app = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' } as never);
  const db = app.database();
  const _ = db.command;
  const orders = db.collection('bench_orders');
  const r = {
    insert: await timed(n, (i) => orders.add({ _id: `o${i}`, ...doc(i) })),
    indexed: await timed(2000, (i) =>
      orders
        .where({ storeId: `s${i % 500}` })
        .limit(100)
        .get(),
    ),
    unindexed: await timed(10, (i) => orders.where({ note: `order ${i * 7}` }).get(), 1),
    sorted: await timed(500, () => orders.orderBy('totalFen', 'desc').limit(20).get()),
    update: await timed(5000, (i) => orders.doc(`o${i % n}`).update({ totalFen: _.inc(1) })),
    transaction: await timed(2000, (i) =>
      db.runTransaction(async (tx: any) => {
        await tx
          .collection('bench_orders')
          .doc(`o${i % n}`)
          .update({ totalFen: _.inc(1) });
        await tx
          .collection('bench_orders')
          .doc(`o${(i + 1) % n}`)
          .update({ totalFen: _.inc(1) });
      }),
    ),
    geoNear: await timed(200, () =>
      orders
        .aggregate()
        .geoNear({ near: new db.Geo.Point(...NEAR), distanceField: 'd', maxDistance: RADIUS_M, spherical: true })
        .limit(20)
        .end(),
    ),
  };
  await cloud.close();
  return r;
}

async function main() {
  console.log(`local cloud database vs raw better-sqlite3 (ops/s; SDK calls over loopback HTTP, ${CONCURRENCY} in flight)`);
  for (const n of SIZES) {
    const f = floor(n);
    const c = await cloudRun(n);
    console.log(`\n${n.toLocaleString('en')} documents`);
    console.log('operation      local cloud     raw sqlite   ratio');
    for (const k of Object.keys(f) as (keyof typeof f)[]) {
      console.log(`${k.padEnd(14)} ${c[k].toFixed(0).padStart(11)} ${f[k].toFixed(0).padStart(14)}   ${(f[k] / c[k]).toFixed(1)}×`);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
