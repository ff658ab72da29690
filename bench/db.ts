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
  await Promise.all(Array.from({ length: Math.min(concurrency, ops) }, async () => {
    while (next < ops) await run(next++);
  }));
  return ops / (Number(process.hrtime.bigint() - started) / 1e9);
}

const doc = (i: number) => ({ seq: i, storeId: `s${i % 500}`, status: ['paid', 'accepted', 'completed'][i % 3], totalFen: 1000 + (i % 9000), note: `order ${i}`, location: { type: 'Point', coordinates: [121.3 + (i % 1000) / 5000, 31.1 + Math.floor(i / 1000) % 100 / 500] } });

function floor(n: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-floor-'));
  const db = new Sqlite(path.join(dir, 'f.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE t (id TEXT PRIMARY KEY, version INTEGER, doc TEXT); CREATE INDEX t_store ON t (json_extract(doc, '$.storeId'))`);
  const ins = db.prepare('INSERT INTO t VALUES (?, 1, ?)');
  const byStore = db.prepare(`SELECT doc FROM t WHERE json_extract(doc, '$.storeId') = ? LIMIT 100`);
  const scan = db.prepare(`SELECT doc FROM t WHERE json_extract(doc, '$.note') = ?`);
  const upd = db.prepare(`UPDATE t SET version = version + 1, doc = json_set(doc, '$.totalFen', json_extract(doc, '$.totalFen') + 1) WHERE id = ?`);
  const all = db.prepare('SELECT doc FROM t');
  const t = (ops: number, f: (i: number) => unknown) => { const s = process.hrtime.bigint(); for (let i = 0; i < ops; i++) f(i); return ops / (Number(process.hrtime.bigint() - s) / 1e9); };
  const r = {
    insert: t(n, (i) => ins.run(`f${i}`, JSON.stringify(doc(i)))),
    indexed: t(2000, (i) => byStore.all(`s${i % 500}`).map((x: any) => JSON.parse(x.doc))),
    unindexed: t(5, (i) => scan.all(`order ${i * 7}`)),
    update: t(5000, (i) => upd.run(`f${i % n}`)),
    transaction: t(2000, (i) => db.transaction(() => { upd.run(`f${i % n}`); upd.run(`f${(i + 1) % n}`); })()),
    geoNear: t(5, () => all.all().map((x: any) => JSON.parse(x.doc)).length),
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
    indexed: await timed(2000, (i) => orders.where({ storeId: `s${i % 500}` }).limit(100).get()),
    unindexed: await timed(5, (i) => orders.where({ note: `order ${i * 7}` }).get(), 1),
    update: await timed(5000, (i) => orders.doc(`o${i % n}`).update({ totalFen: _.inc(1) })),
    transaction: await timed(2000, (i) => db.runTransaction(async (tx: any) => {
      await tx.collection('bench_orders').doc(`o${i % n}`).update({ totalFen: _.inc(1) });
      await tx.collection('bench_orders').doc(`o${(i + 1) % n}`).update({ totalFen: _.inc(1) });
    })),
    geoNear: await timed(5, () => orders.aggregate().geoNear({ near: new db.Geo.Point(121.47, 31.23), distanceField: 'd', maxDistance: 3000, spherical: true }).limit(20).end(), 1),
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

main().catch((e) => { console.error(e); process.exit(1); });
