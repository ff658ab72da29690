import { startTestCloud } from '../src/testing';
import type { LocalCloud } from '../src/cloud';
import { makeProject } from './fixture';

/**
 * The dashboard's order-event view on its own: failed and waiting deliveries with error and attempts, and "retry
 * now" making one due, taking its event back into the outbox scan and running the outbox timer of the function that
 * delivers order events (the one with a trigger on order_events and a timer). The real runner is tested in
 * cloudfunctions/test/order-events.test.ts.
 */
const closed = JSON.stringify({ rules: { read: false, write: false } });
const project = makeProject({
  'database-rules/order_events.json': closed,
  'database-rules/order_event_deliveries.json': closed,
  'cloudbaserc.json': JSON.stringify({
    envId: 'events-local',
    functions: [
      {
        name: 'events',
        timeout: 10,
        triggers: [
          { name: 'onInsert', type: 'database', config: { collection: 'order_events', events: ['insert'] } },
          { name: 'outbox', type: 'timer', config: '0 0 0 1 1 * *' },
        ],
      },
    ],
  }),
  // A stand-in outbox: marks every due delivery done, as the real runner would after a successful attempt.
  'cloudfunctions/events/index.ts': `
    import { db, _ } from '@daojia/function-kit';
    export async function main(event: { Type?: string }) {
      if (event.Type !== 'Timer') return 'trigger';
      const { updated } = await db.collection('order_event_deliveries').where({ status: 'pending', nextAttemptAt: _.lte(new Date().toISOString()) })
        .update({ status: 'done', attempts: _.inc(1) });
      return { handled: updated };
    }`,
});

let cloud: LocalCloud;
beforeAll(async () => {
  cloud = await startTestCloud({ rootDir: project.rootDir, triggers: false });
});
afterAll(async () => {
  await cloud?.close();
  project.remove();
});

const now = () => new Date().toISOString();
const delivery = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
  _id: `ev1:${id}`,
  eventId: 'ev1',
  orderId: 'DJ1',
  event: 'pay',
  subscriber: id,
  status,
  attempts: 1,
  createdAt: now(),
  updatedAt: now(),
  ...extra,
});
const retry = (id: string) => fetch(`${cloud.url}/dashboard/api/order-events/retry`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });

test('failed and waiting deliveries are listed with error and attempts; retry now delivers one through the outbox', async () => {
  cloud.db.insert('order_events', [{ _id: 'ev1', orderId: 'DJ1', event: 'pay', at: now(), dispatchedAt: now() }]);
  cloud.db.insert('order_event_deliveries', [
    delivery('risk', 'failed', { attempts: 5, lastError: 'DATABASE_REQUEST_FAILED: broken row' }),
    delivery('settlement', 'pending', { attempts: 2, nextAttemptAt: new Date(Date.now() + 60_000).toISOString(), lastError: 'timeout' }),
    delivery('notifications', 'done'),
  ]);
  const board = await (await fetch(`${cloud.url}/dashboard/api/order-events`)).json();
  expect(board.deliveries.map((d: { _id: string; status: string; attempts: number; lastError: string }) => [d._id, d.status, d.attempts, d.lastError]).sort()).toEqual([
    ['ev1:risk', 'failed', 5, 'DATABASE_REQUEST_FAILED: broken row'],
    ['ev1:settlement', 'pending', 2, 'timeout'],
  ]);
  expect(board.counts).toEqual({ running: 0, pending: 1, done: 1, failed: 1 });

  const reply = await (await retry('ev1:risk')).json();
  // Only that one was made due (the waiting one keeps its time); the outbox ran and delivered it.
  expect(reply.result).toEqual({ handled: 1 });
  expect(reply.delivery).toMatchObject({ _id: 'ev1:risk', status: 'done', attempts: 6 });
  const event = cloud.db.find('order_events', { query: { _id: 'ev1' } })[0];
  expect(event.dispatchedAt).toBeUndefined();
  expect(event.retryAt).toEqual(expect.any(String));
  const after = await (await fetch(`${cloud.url}/dashboard/api/order-events`)).json();
  expect(after.deliveries.map((d: { _id: string }) => d._id)).toEqual(['ev1:settlement']);
});

test('only a failed or waiting delivery can be retried', async () => {
  for (const id of ['ev1:notifications', 'ev1:nothing', '']) {
    const r = await retry(id);
    expect(r.status).toBe(404);
    expect(await r.json()).toMatchObject({ code: 'DELIVERY_NOT_RETRYABLE' });
  }
});
