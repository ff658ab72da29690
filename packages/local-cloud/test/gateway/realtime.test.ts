import type { AddressInfo } from 'node:net';
import cloudbase from '@cloudbase/js-sdk';
import WebSocket from 'ws';
import { startSeededCloud, waitFor, CONSUMER, NEW_CONSUMER, STORE } from '../../../../cloudfunctions/test/harness';
import { createHttpServer } from '../../src/http/server';
import { createRouter } from '../../src/http/router';
import { createTokenIssuer } from '../../src/gateway/tokens';
import { mountRealtime } from '../../src/gateway/realtime';

/**
 * The real @cloudbase/js-sdk `watch()` against the local cloud's realtime gateway: init snapshot, pushed changes,
 * security rules, and resuming after the socket drops.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  // The SDK narrates every socket event (`[realtime] …`, and `nextevent N ignored`, a leftover debug line: nothing is ignored).
  for (const level of ['log', 'warn', 'error'] as const) {
    const original = console[level].bind(console);
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      if (!/^(\[realtime|nextevent )/.test(String(args[0]))) original(...args);
    });
  }
  t = await startSeededCloud();
});
afterAll(async () => {
  await t.close();
});

let apps = 0;
/** A signed-in js-sdk database; `webUrl` is where the SDK asks for its socket (default: the cloud itself). */
async function database(accountId: string, webUrl = t.cloud.url) {
  // The SDK keeps one socket client per env for the life of the process, so each app gets its own env.
  const app = cloudbase.init({ env: `realtime-test-${++apps}` } as any) as any;
  app.registerEndPoint(`${webUrl.replace(/^http:/, '')}/web`, 'http');
  app.registerEndPointWithKey({ key: 'GATEWAY', url: `${t.cloud.url.replace(/^http:/, '')}/v1`, protocol: 'http' });
  const auth = app.auth({ persistence: 'none' });
  const { ticket } = await (await fetch(`${t.cloud.url}/dev/ticket`, { method: 'POST', body: JSON.stringify({ accountId }) })).json();
  const r = await auth.signInWithCustomTicket(async () => ticket);
  expect(r?.error).toBeFalsy();
  return app.database();
}

interface Snap {
  id: number;
  docs: any[];
  docChanges: any[];
}
function watch(ref: { watch(o: object): { close(): void } }) {
  const snaps: Snap[] = [];
  const errors: unknown[] = [];
  const listener = ref.watch({ onChange: (s: Snap) => snaps.push(s), onError: (e: unknown) => errors.push(e) }) as any;
  return {
    snaps,
    errors,
    listener,
    next: (count: number) => waitFor(async () => snaps.length >= count && snaps[count - 1], `snapshot #${count}`),
    async close() {
      listener.close();
      await new Promise((r) => setTimeout(r, 50));
      // SDK quirk: a closed watch keeps re-arming its 10 s ACK timer forever; stop it so the process can exit.
      listener.virtualClient?.clearACKSchedule?.();
    },
  };
}
/**
 * SDK quirk: when the server refuses INIT_WATCH, onError fires, but the SDK also rejects a promise nobody awaits
 * (VirtualWebSocketClient's constructor calls `this.initWatch()` bare), which jest reports as a failure. The SDK
 * assigns `initWatch` per instance, so a setter on the class prototype can mark that promise handled.
 */
function tolerateRefusedInit(listener: any) {
  const proto = Object.getPrototypeOf(listener.virtualClient);
  if (Object.getOwnPropertyDescriptor(proto, 'initWatch')) return;
  Object.defineProperty(proto, 'initWatch', {
    configurable: true,
    set(fn: (...a: unknown[]) => Promise<void>) {
      Object.defineProperty(this, 'initWatch', {
        configurable: true,
        writable: true,
        value: (...a: unknown[]) => {
          const p = fn(...a);
          p.catch(() => {});
          return p;
        },
      });
    },
  });
}
const denied = (errors: unknown[]) => errors.some((e) => /PERMISSION_DENIED/.test(JSON.stringify(e) + String((e as Error)?.message)));

let orders = 0;
function order(openid: string, extra: Record<string, unknown> = {}) {
  const _id = `rt-order-${++orders}-${Date.now()}`;
  t.cloud.db.insert('orders', [{ _id, _openid: openid, status: 'pending', storeId: 'store-001', createdAt: new Date(), ...extra }]);
  return _id;
}

test('doc(id).watch: the owner gets the document, then each change in order', async () => {
  const db = await database(CONSUMER);
  const id = order(CONSUMER);
  const w = watch(db.collection('orders').doc(id));
  try {
    const init = await w.next(1);
    expect(init.docs.map((d) => [d._id, d.status])).toEqual([[id, 'pending']]);

    t.cloud.db.update('orders', { _id: id }, { $set: { status: 'accepted' } });
    t.cloud.db.update('orders', { _id: id }, { $set: { status: 'serving', note: 'on the way' } });
    const second = await w.next(3);
    expect(w.snaps[1].docChanges).toMatchObject([{ dataType: 'update', queueType: 'update', docId: id, updatedFields: { status: 'accepted' } }]);
    expect(w.snaps[1].docs[0].status).toBe('accepted');
    expect(second.docs).toMatchObject([{ _id: id, status: 'serving', note: 'on the way' }]);
    expect(second.id).toBe(w.snaps[1].id + 1);

    t.cloud.db.remove('orders', { _id: id });
    const removed = await w.next(4);
    expect(removed.docChanges).toMatchObject([{ dataType: 'remove', queueType: 'dequeue', docId: id }]);
    expect(removed.docs).toEqual([]);
    expect(w.errors).toEqual([]);
  } finally {
    await w.close();
  }
});

test("where({_openid}).watch: own orders placed and cancelled through the order function arrive, other users' never do", async () => {
  const db = await database(CONSUMER);
  const w = watch(db.collection('orders').where({ _openid: CONSUMER }));
  try {
    const init = await w.next(1);
    expect(init.docs.every((d) => d._openid === CONSUMER)).toBe(true);

    const others = order(NEW_CONSUMER);
    const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
    const { order: mine } = await t.ok(CONSUMER, 'order', 'create', { idempotencyKey: `rt-${Date.now()}`, storeId: STORE, mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] });
    const added = await waitFor(async () => w.snaps.find((s) => s.docChanges.some((c) => c.docId === mine._id)), 'the add event');
    expect(added.docChanges).toMatchObject([{ dataType: 'add', queueType: 'enqueue', docId: mine._id, doc: { _openid: CONSUMER } }]);
    expect(added.docs).toHaveLength(init.docs.length + 1);

    t.cloud.db.update('orders', { _id: others }, { $set: { status: 'accepted' } });
    await t.ok(CONSUMER, 'order', 'cancel', { orderId: mine._id });
    const cancelled = await waitFor(async () => w.snaps.find((s) => s.docs.some((d) => d._id === mine._id && d.status === 'cancelled')), 'the cancellation');
    expect(cancelled.docChanges).toMatchObject([{ dataType: 'update', queueType: 'update', docId: mine._id, updatedFields: { status: 'cancelled' } }]);
    expect(JSON.stringify(w.snaps)).not.toContain(others);
    expect(w.snaps.map((s) => s.id)).toEqual(w.snaps.map((_, i) => init.id + i)); // no gaps, no repeats
    expect(w.errors).toEqual([]);
  } finally {
    await w.close();
  }
});

test("the read rule decides: a query it cannot prove readable, or someone else's document, is refused", async () => {
  const db = await database(CONSUMER);
  // A document id nobody holds yet may be watched, but what someone else later creates there is never sent.
  const free = `rt-free-${Date.now()}`;
  const mineId = `rt-mine-${Date.now()}`;
  const pending = watch(db.collection('orders').doc(free));
  const own = watch(db.collection('orders').doc(mineId));
  try {
    expect((await pending.next(1)).docs).toEqual([]);
    await own.next(1);
    order(NEW_CONSUMER, { _id: free });
    order(CONSUMER, { _id: mineId });
    expect((await own.next(2)).docs).toMatchObject([{ _id: mineId }]);
    expect(pending.snaps).toHaveLength(1);
  } finally {
    await pending.close();
    await own.close();
  }

  tolerateRefusedInit(own.listener);
  const broad = watch(db.collection('orders').where({ status: 'pending' }));
  const foreign = watch(db.collection('orders').doc(order(NEW_CONSUMER)));
  try {
    await waitFor(async () => denied(broad.errors) && denied(foreign.errors), 'PERMISSION_DENIED on both watches');
    expect(broad.snaps).toEqual([]);
    expect(foreign.snaps).toEqual([]);
  } finally {
    await broad.close();
    await foreign.close();
  }
});

test('orderBy + limit: the window slides, and documents pushed out or pulled in arrive as limit events', async () => {
  const db = await database(NEW_CONSUMER);
  const at = (day: number) => ({ createdAt: new Date(Date.UTC(2100, 0, day)) }); // later than anything seeded
  const older = order(NEW_CONSUMER, at(1));
  const newer = order(NEW_CONSUMER, at(2));
  const w = watch(db.collection('orders').where({ _openid: NEW_CONSUMER }).orderBy('createdAt', 'desc').limit(2));
  try {
    expect((await w.next(1)).docs.map((d) => d._id)).toEqual([newer, older]);
    const newest = order(NEW_CONSUMER, at(3));
    const slid = await w.next(2);
    expect(slid.docChanges).toMatchObject([
      { dataType: 'add', queueType: 'enqueue', docId: newest },
      { dataType: 'limit', queueType: 'dequeue', docId: older },
    ]);
    expect(slid.docs.map((d) => d._id).sort()).toEqual([newer, newest].sort());
    t.cloud.db.remove('orders', { _id: newest });
    const back = await w.next(3);
    expect(back.docChanges).toMatchObject([
      { dataType: 'remove', docId: newest },
      { dataType: 'limit', queueType: 'enqueue', docId: older, doc: { _id: older } },
    ]);
    expect(back.docs.map((d) => d._id).sort()).toEqual([newer, older].sort());
  } finally {
    await w.close();
  }
});

test('after the socket drops, the SDK reconnects, resumes, and is replayed what it missed', async () => {
  // A second realtime endpoint on its own server, so the test holds its handle and can cut the sockets.
  const router = createRouter();
  const server = createHttpServer(router);
  let upgrades = 0;
  server.on('upgrade', () => {
    upgrades++;
  });
  const realtime = mountRealtime({ router, server, db: t.cloud.db, tokens: createTokenIssuer(t.cloud.dataDir, t.cloud.envId) });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const db = await database(CONSUMER, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);

  const id = order(CONSUMER);
  const w = watch(db.collection('orders').doc(id));
  try {
    await w.next(1);
    expect(upgrades).toBe(1);

    realtime.dropConnections();
    t.cloud.db.update('orders', { _id: id }, { $set: { status: 'accepted' } }); // while the client is away
    const missed = await w.next(2);
    expect(upgrades).toBe(2);
    expect(missed.docs).toMatchObject([{ _id: id, status: 'accepted' }]);

    t.cloud.db.update('orders', { _id: id }, { $set: { status: 'done' } });
    const later = await w.next(3);
    expect(later.docs).toMatchObject([{ _id: id, status: 'done' }]);
    expect(later.id).toBe(missed.id + 1);
    expect(w.errors).toEqual([]);
  } finally {
    await w.close();
    await realtime.close();
    await new Promise((r) => {
      server.close(r);
      server.closeAllConnections();
    });
  }
});

test('the wire protocol: sign, login, init, check-last, ping, and refusals', async () => {
  const web = (body: object) => fetch(`${t.cloud.url}/web?env=x`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
  expect(await web({ action: 'database.queryDocument' })).toMatchObject({ code: 'INVALID_PARAM' });
  expect(await web({ action: 'auth.wsWebSign', access_token: 'forged' })).toMatchObject({ code: 'INVALID_ACCESS_TOKEN' });
  const { ticket } = await (await fetch(`${t.cloud.url}/dev/ticket`, { method: 'POST', body: JSON.stringify({ accountId: CONSUMER }) })).json();
  const { access_token } = await (await fetch(`${t.cloud.url}/auth/v1/signin/custom`, { method: 'POST', body: JSON.stringify({ provider_id: 'custom', ticket }) })).json();
  const { data: sign } = await web({ action: 'auth.wsWebSign', access_token, env: 'x' });
  expect(sign).toMatchObject({ wsUrl: `${t.cloud.url.replace(/^http/, 'ws')}/ws/realtime`, envId: 'x' });

  await expect(
    new Promise((resolve, reject) => {
      const o = new WebSocket(`${t.cloud.url.replace(/^http/, 'ws')}/ws/other`);
      o.on('open', resolve);
      o.on('error', reject);
    }),
  ).rejects.toThrow();

  const ws = new WebSocket(sign.wsUrl);
  const inbox: any[] = [];
  ws.on('message', (m) => inbox.push(JSON.parse(m.toString())));
  await new Promise((r) => ws.on('open', r));
  let n = 0;
  const ask = async (msg: object) => {
    const requestId = `r${++n}`;
    ws.send(JSON.stringify({ requestId, ...msg }));
    return waitFor(async () => inbox.find((m) => m.requestId === requestId), `reply to ${requestId}`);
  };
  try {
    const init = { watchId: 'w1', msgType: 'INIT_WATCH', msgData: { envId: 'x', collName: 'orders', query: JSON.stringify({ _openid: CONSUMER }) } };
    expect(await ask(init)).toMatchObject({ msgType: 'ERROR', watchId: 'w1', msgData: { code: 'CHECK_LOGIN_FAILED' } });
    expect(await ask({ msgType: 'LOGIN', msgData: { envId: 'x' }, exMsgData: { signStr: 'forged' } })).toMatchObject({ msgType: 'ERROR', msgData: { code: 'SIGN_INVALID_ERROR' } });
    expect(await ask({ msgType: 'LOGIN', msgData: { envId: 'x' }, exMsgData: { signStr: sign.signStr } })).toMatchObject({ msgType: 'LOGIN_RES', msgData: { envId: 'x' } });
    const started = await ask(init);
    expect(started).toMatchObject({ msgType: 'INIT_EVENT', watchId: 'w1', msgData: { currEvent: 1 } });
    expect(started.msgData.events.every((e: any) => e.DataType === 'init' && e.QueueType === 'init' && JSON.parse(e.Doc)._openid === CONSUMER)).toBe(true);
    const { queryID } = started.msgData;
    expect(await ask({ watchId: 'w1', msgType: 'CHECK_LAST', msgData: { queryID, eventID: 1 } })).toMatchObject({ msgType: 'CHECK_EVENT', msgData: { queryID, currEvent: 1 } });
    expect(await ask({ watchId: 'w1', msgType: 'CHECK_LAST', msgData: { queryID: 'nope', eventID: 1 } })).toMatchObject({ msgType: 'ERROR', msgData: { code: 'QUERYID_INVALID_ERROR' } });
    expect(await ask({ msgType: 'PING', msgData: null })).toMatchObject({ msgType: 'PONG' });
    expect(await ask({ msgType: 'SUBSCRIBE_ALL' })).toMatchObject({ msgType: 'ERROR', msgData: { code: 'INVALID_PARAM' } });
    ws.send(JSON.stringify({ watchId: 'w1', requestId: 'close', msgType: 'CLOSE_WATCH', msgData: null }));
    expect(await ask({ watchId: 'w1', msgType: 'CHECK_LAST', msgData: { queryID, eventID: 1 } })).toMatchObject({ msgType: 'ERROR', msgData: { code: 'QUERYID_INVALID_ERROR' } });
  } finally {
    ws.close();
  }
});

test("a watch with an operator the database refuses ($where, made-up ones) is refused as the client's mistake", async () => {
  const db = await database(CONSUMER);
  const scripted = watch(db.collection('orders').where({ _openid: '{openid}', $where: 'this.status == "pending"' }));
  tolerateRefusedInit(scripted.listener);
  const madeUp = watch(db.collection('orders').where({ _openid: '{openid}', status: { $madeUp: 1 } }));
  const invalid = (errors: unknown[]) => errors.some((e) => /INVALID_PARAM/.test(JSON.stringify(e) + String((e as Error)?.message)));
  try {
    await waitFor(async () => invalid(scripted.errors) && invalid(madeUp.errors), 'INVALID_PARAM on both watches');
    expect(scripted.snaps).toEqual([]);
    expect(madeUp.snaps).toEqual([]);
  } finally {
    await scripted.close();
    await madeUp.close();
  }
});
