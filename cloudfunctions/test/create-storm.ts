/**
 * Child process of create-crash.test.ts: a local cloud on the given data folder (seeded by the test) that fires
 * waves of concurrent order.create calls until it is killed. Prints `ready <ms>` once the first wave has finished
 * (the function is loaded and creates are flowing), with how long that wave took, so the test can time its kill
 * inside a wave however slow the machine is.
 * Run as `node --import tsx create-storm.ts <dataDir> <slotStart,...>`.
 */
import { randomUUID } from 'node:crypto';
import { startLocalCloud } from '@daojia/local-cloud';
import { REPO_ROOT } from '../../packages/local-cloud/src/testing';

const STORM = {
  store: 'store-001',
  salon: 'store-002',
  products: ['store-001-p001', 'store-001-p002', 'store-001-p003'],
  consumers: ['demo-consumer-1', 'demo-consumer-2', 'demo-consumer-3'],
};

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

/** One create: a cart of one to three products (sometimes with a coupon), or a booking; some keys sent twice at once. */
function request(slots: string[]) {
  const user = pick(STORM.consumers);
  const idempotencyKey = `storm-${randomUUID()}`;
  if (Math.random() < 0.25) {
    return { user, data: { idempotencyKey, storeId: STORM.salon, mode: 'booking', items: [{ productId: 'store-002-p001', quantity: 1 }], slot: { start: pick(slots) } } };
  }
  const items = STORM.products.filter(() => Math.random() < 0.6).map((productId) => ({ productId, quantity: 1 + Math.floor(Math.random() * 3) }));
  if (!items.length) items.push({ productId: STORM.products[0], quantity: 2 });
  const couponId = Math.random() < 0.4 ? `uc-${user.slice(-1)}-${1 + Math.floor(Math.random() * 2)}` : undefined;
  return { user, data: { idempotencyKey, storeId: STORM.store, mode: 'pickup', items, ...(couponId ? { couponId } : {}) } };
}

async function main() {
  const [dataDir, slotList] = process.argv.slice(2);
  const slots = slotList.split(',');
  const cloud = await startLocalCloud({ rootDir: REPO_ROOT, dataDir, port: 0 });
  let announced = false;
  for (;;) {
    const wave = Array.from({ length: 12 }, () => request(slots)).flatMap((r) => (Math.random() < 0.15 ? [r, r] : [r]));
    const started = Date.now();
    await Promise.all(wave.map((r) => cloud.functions.invoke('order', { action: 'create', data: r.data }, { uid: r.user, customUserId: r.user }).catch(() => undefined)));
    if (!announced) {
      announced = true;
      process.stdout.write(`ready ${Date.now() - started}\n`);
    }
  }
}

void main();
