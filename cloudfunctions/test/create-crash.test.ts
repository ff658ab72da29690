import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { startLocalCloud, type LocalCloud } from '@daojia/local-cloud';
import { seedDemo } from '../../scripts/seed';
import { runTimer } from './harness';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * order.create killed for real: a local cloud in a child process fires concurrent creates and is killed with
 * SIGKILL at varied moments, until at least one create died between taking something and finishing. Restarted on
 * the same data, the expiry job (reserve grace 0) must give back exactly what the dead creates took.
 */
const ROOT = path.resolve(__dirname, '../..');
const STORM = path.join(__dirname, 'create-storm.ts');
const MAX_KILLS = 30;
const MAX_MS = 120_000;
const STOCK = 100_000;
const SCARCE = { id: 'store-001-p003', stock: 40 }; // runs out: creates that fail cleanly give back what they took
const slots = [10, 11, 12, 13, 14, 15].map((h) => dayjs().tz('Asia/Shanghai').add(1, 'day').hour(h).startOf('hour').toISOString());

jest.setTimeout(MAX_MS + 60_000);

let dataDir: string;
const open = (functionEnv?: Record<string, string>) => startLocalCloud({ rootDir: ROOT, dataDir, port: 0, functionEnv });
const all = (cloud: LocalCloud, collection: string, query: Record<string, unknown> = {}) => cloud.db.find(collection, { query }) as any[];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'daojia-crash-'));
  const cloud = await open();
  await seedDemo(cloud);
  for (const p of all(cloud, 'products', { storeId: { $in: ['store-001', 'store-002'] } })) {
    await cloud.db.update('products', { _id: p._id }, { $set: { stock: p._id === SCARCE.id ? SCARCE.stock : STOCK, sales: 0 } });
  }
  await cloud.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Starts the storm and kills it with SIGKILL at a random moment within twice the time its first creates took (cold:
 * the function is bundled and loaded then): on a loaded machine a fixed delay would kill it before any create got
 * going. The storm keeps creates in flight without pause, so a kill always finds some mid-way.
 */
function stormAndKill(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', STORM, dataDir, slots.join(',')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killing = false;
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.stdout.on('data', (d) => {
      out += d;
      const ready = /ready (\d+)\n/.exec(out);
      if (ready && !killing) {
        killing = true;
        const waveMs = Math.max(20, Number(ready[1]));
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * waveMs * 2));
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`storm exited ${code} before the kill: ${err.slice(-2000)}`))));
  });
}

/** Reserving orders whose create died after taking something: a hold on a product or slot, or a locked coupon. */
function diedMidCreate(cloud: LocalCloud) {
  const held = new Set([...all(cloud, 'products'), ...all(cloud, 'booking_slots')].flatMap((d) => d.holds ?? []));
  const locked = new Set(all(cloud, 'user_coupons', { status: 'locked' }).map((c) => c.orderId));
  return all(cloud, 'orders', { status: 'reserving' }).filter((o) => held.has(o.holdId) || locked.has(o._id));
}

/** What the data must say whatever moment creates died at: every take belongs to a live order, and only to one. */
function assertBalanced(cloud: LocalCloud) {
  const orders = all(cloud, 'orders', { idempotencyKey: { $regex: '^storm-' } });
  expect(orders.filter((o) => o.status === 'reserving')).toEqual([]);
  const live = orders.filter((o) => o.status === 'pending_payment');
  for (const p of all(cloud, 'products', { storeId: { $in: ['store-001', 'store-002'] } })) {
    const holders = live.filter((o) => o.items.some((i: any) => i.productId === p._id));
    const held = holders.reduce((n, o) => n + o.items.filter((i: any) => i.productId === p._id).reduce((m: number, i: any) => m + i.quantity, 0), 0);
    expect({ product: p._id, total: p.stock + held, sales: p.sales }).toEqual({ product: p._id, total: p._id === SCARCE.id ? SCARCE.stock : STOCK, sales: held });
    expect([...(p.holds ?? [])].sort()).toEqual(holders.map((o) => o.holdId).sort());
  }
  for (const s of all(cloud, 'booking_slots', { storeId: 'store-002' })) {
    const holders = live.filter((o) => o.slot?.slotId === s._id);
    expect({ slot: s._id, booked: s.booked }).toEqual({ slot: s._id, booked: holders.length });
    expect([...(s.holds ?? [])].sort()).toEqual(holders.map((o) => o.holdId).sort());
  }
  for (const c of all(cloud, 'user_coupons')) {
    const holder = live.find((o) => o.userCouponId === c._id);
    expect({ coupon: c._id, status: c.status, orderId: c.orderId }).toEqual({ coupon: c._id, status: holder ? 'locked' : 'available', orderId: holder?._id });
  }
  return { live: live.length, cancelled: orders.filter((o) => o.status === 'cancelled').length };
}

test('creates killed between reserving and finishing give back exactly what they took, once', async () => {
  const started = Date.now();
  let kills = 0;
  let dead = 0;
  while (kills < MAX_KILLS && Date.now() - started < MAX_MS && (dead === 0 || kills < 3)) {
    await stormAndKill();
    kills++;
    const cloud = await open();
    dead = diedMidCreate(cloud).length;
    await cloud.close();
  }
  expect(dead).toBeGreaterThan(0);

  const cloud = await open({ ORDER_RESERVE_GRACE_S: '0' });
  const call = (user: string, fn: string, action: string, data: unknown) => cloud.functions.invoke(fn, { action, data }, { uid: user, customUserId: user }) as Promise<any>;
  try {
    const abandoned = diedMidCreate(cloud).map((o) => o._id);
    // Not an order yet: made the newest, it still shows in no list, and no product read shows whose stock is held.
    const stuck = all(cloud, 'orders', { _id: abandoned[0] })[0];
    await cloud.db.update('orders', { _id: stuck._id }, { $set: { createdAt: new Date().toISOString() } });
    expect((await call(stuck._openid, 'order', 'list', {})).data.orders.map((o: any) => o._id)).not.toContain(stuck._id);
    expect((await call('demo-admin', 'admin', 'listOrders', {})).data.orders.map((o: any) => o._id)).not.toContain(stuck._id);
    const staff = stuck.storeId === 'store-001' ? 'demo-merchant-001' : 'demo-merchant-002';
    expect((await call(staff, 'merchantOrder', 'list', {})).data.orders.map((o: any) => o._id)).not.toContain(stuck._id);
    const { products } = (await call(stuck._openid, 'store', 'detail', { storeId: 'store-001' })).data;
    expect(products.length).toBeGreaterThan(0);
    expect(products.filter((p: any) => 'holds' in p)).toEqual([]);

    await runTimer(cloud, 'expireUnpaid');
    const first = assertBalanced(cloud);
    expect(first.live).toBeGreaterThan(0);
    for (const id of abandoned) expect(all(cloud, 'orders', { _id: id })[0]).toMatchObject({ status: 'cancelled', reservationsReleased: true });
    // A second run finds nothing left to give back.
    await runTimer(cloud, 'expireUnpaid');
    expect(assertBalanced(cloud)).toEqual(first);
    // The app retrying the dead create with its key gets that attempt's result, not a second order.
    const retry = await call(stuck._openid, 'order', 'create', { idempotencyKey: stuck.idempotencyKey, storeId: 'store-001', mode: 'pickup', items: [{ productId: 'store-001-p001', quantity: 1 }] });
    expect(retry).toMatchObject({ ok: true, data: { order: { _id: stuck._id, status: 'cancelled' } } });
    expect(all(cloud, 'orders', { idempotencyKey: stuck.idempotencyKey })).toHaveLength(1);
  } finally {
    await cloud.close();
  }
});
