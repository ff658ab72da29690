import cloudbase from '@cloudbase/js-sdk';
import { startTestCloud, type LocalCloud } from '@daojia/local-cloud';
import { createWebClient, CloudCallError } from '../src';

/**
 * The web client on the real @cloudbase/js-sdk against a local cloud: what the apps get when the platform refuses
 * (a watch the rules deny, no sign-in, no network) is a CloudCallError with the platform's code and Chinese text.
 */
const OWNER = 'cc-consumer-1';
const OTHER = 'cc-consumer-2';
let cloud: LocalCloud;
beforeAll(async () => {
  // js-sdk narrates every socket event on the console.
  for (const level of ['log', 'warn'] as const) {
    const original = console[level].bind(console);
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      if (!/^(\[realtime|nextevent )/.test(String(args[0]))) original(...args);
    });
  }
  cloud = await startTestCloud();
  cloud.db.insert(
    'dev_accounts',
    [OWNER, OTHER].map((_id) => ({ _id, role: 'consumer', name: _id, description: '' })),
  );
  cloud.db.insert('orders', [{ _id: 'cc-order-1', _openid: OWNER, status: 'paid', storeId: 'store-001', createdAt: new Date() }]);
  await tolerateRefusedWatches();
});
afterAll(async () => {
  await cloud.close();
});

let envs = 0;
const client = () => createWebClient({ baseUrl: cloud.url, env: `cloud-client-test-${++envs}`, persistence: 'none' });

async function until<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const v = probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * js-sdk quirk: when the server refuses INIT_WATCH the SDK also rejects a promise nobody awaits (its
 * VirtualWebSocketClient constructor calls `this.initWatch()` bare), which jest reports as a failure. The SDK
 * assigns `initWatch` per instance, so a setter on the class prototype marks that promise handled. The prototype is
 * reachable only through a watch, so one harmless watch is opened for it.
 */
async function tolerateRefusedWatches() {
  const app = cloudbase.init({ env: 'cloud-client-test-probe' } as Parameters<typeof cloudbase.init>[0]) as any;
  app.registerHost(new URL(cloud.url).host, 'http');
  await app.auth({ persistence: 'none' }).signInAnonymously({});
  let inited = false;
  const listener = app
    .database()
    .collection('stores')
    .where({ category: 'beauty' })
    .watch({
      onChange: () => {
        inited = true;
      },
      onError: () => {},
    });
  await until(() => (inited ? true : undefined), 'probe watch');
  const proto = Object.getPrototypeOf(listener.virtualClient);
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
  listener.close();
  listener.virtualClient.clearACKSchedule?.();
}

function watching<T>(start: (onDocs: (docs: T) => void, onError: (e: Error) => void) => () => void) {
  const snapshots: T[] = [];
  const errors: Error[] = [];
  const stop = start(
    (d) => snapshots.push(d),
    (e) => errors.push(e),
  );
  return { snapshots, errors, stop };
}

describe('watch errors carry the platform code', () => {
  test("a consumer watching another user's orders is refused once with PERMISSION_DENIED and a Chinese message", async () => {
    const app = client();
    await app.devLogin(OTHER);
    const foreign = watching<unknown[]>((ok, fail) => app.watchQuery('orders', { _openid: OWNER }, ok, fail));
    await until(() => foreign.errors[0], 'refusal');
    // A permitted watch on the same socket, answered after the refusal: both of the SDK's reports of it are in.
    const own = watching<unknown[]>((ok, fail) => app.watchQuery('orders', { _openid: OTHER }, ok, fail));
    await until(() => own.snapshots[0], 'own watch');
    expect(foreign.errors).toHaveLength(1);
    expect(foreign.errors[0]).toBeInstanceOf(CloudCallError);
    expect(foreign.errors[0]).toMatchObject({ code: 'PERMISSION_DENIED', message: '没有权限执行该操作' });
    expect(foreign.snapshots).toEqual([]);
    expect(own.errors).toEqual([]);
    foreign.stop();
    own.stop();
  });

  test("watchDoc gives the owner the document and refuses another user's watch of it", async () => {
    const owner = client();
    await owner.devLogin(OWNER);
    const mine = watching<{ _id: string; status: string } | null>((ok, fail) => owner.watchDoc('orders', 'cc-order-1', ok, fail));
    expect(await until(() => mine.snapshots[0], 'init')).toMatchObject({ _id: 'cc-order-1', status: 'paid' });
    cloud.db.update('orders', { _id: 'cc-order-1' }, { $set: { status: 'accepted' } });
    expect(await until(() => mine.snapshots[1], 'update')).toMatchObject({ status: 'accepted' });
    mine.stop();

    const other = client();
    await other.devLogin(OTHER);
    const theirs = watching<unknown>((ok, fail) => other.watchDoc('orders', 'cc-order-1', ok, fail));
    expect(await until(() => theirs.errors[0], 'refusal')).toMatchObject({ code: 'PERMISSION_DENIED', message: '没有权限执行该操作' });
    expect(theirs.snapshots).toEqual([]);
    theirs.stop();
  });

  test('a watch before sign-in is refused with UNAUTHENTICATED', () => {
    const w = watching<unknown[]>((ok, fail) => client().watchQuery('orders', { _openid: OWNER }, ok, fail));
    expect(w.errors).toEqual([new CloudCallError('UNAUTHENTICATED', '请先登录')]);
    expect(w.errors[0]).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('calls', () => {
  test('the gateway refusing a call (no such function) arrives as its code with a Chinese message', async () => {
    const app = client();
    await app.devLogin(OWNER);
    const err = (await app.call('noSuchFunction', 'list').catch((e: unknown) => e)) as CloudCallError;
    expect(err).toBeInstanceOf(CloudCallError);
    expect(err.code).toBe('FUNCTIONS_NOT_FOUND');
    expect(err.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('a cloud that stops answering is NETWORK_ERROR', async () => {
    const gone = await startTestCloud();
    gone.db.insert('dev_accounts', [{ _id: OWNER, role: 'consumer', name: OWNER, description: '' }]);
    const app = createWebClient({ baseUrl: gone.url, env: `cloud-client-test-${++envs}`, persistence: 'none' });
    await app.devLogin(OWNER);
    await gone.close();
    await expect(app.call('order', 'list')).rejects.toMatchObject({ code: 'NETWORK_ERROR', message: '网络异常，请检查网络后重试' });
  });
});
