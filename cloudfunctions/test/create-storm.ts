/**
 * Child process of create-crash.test.ts: a local cloud on the given data folder (seeded by the test) that keeps
 * WORKERS order.create calls in flight until it is killed. Prints `ready <ms>` once as many creates have finished
 * (the function is loaded and creates are flowing), with how long that took, so the test can time its kill however
 * slow the machine is.
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

/** Creates kept in flight at once: each worker starts its next create as soon as its last one ends, so there is no lull between waves. */
const WORKERS = 16;

async function main() {
  const [dataDir, slotList] = process.argv.slice(2);
  const slots = slotList.split(',');
  const cloud = await startLocalCloud({ rootDir: REPO_ROOT, dataDir, port: 0 });
  const create = (r: ReturnType<typeof request>) => cloud.functions.invoke('order', { action: 'create', data: r.data }, { uid: r.user, customUserId: r.user }).catch(() => undefined);
  const started = Date.now();
  let done = 0;
  const worker = async () => {
    for (;;) {
      const r = request(slots);
      // Sometimes the same request twice at once, as a double tap sends it.
      await Promise.all(Math.random() < 0.15 ? [create(r), create(r)] : [create(r)]);
      if (++done === WORKERS) process.stdout.write(`ready ${Date.now() - started}\n`);
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
}

void main();
