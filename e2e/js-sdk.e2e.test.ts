import type { Page } from 'playwright-core';
import { browserSdkBundle, startHarness, type Harness } from './lib/harness';
import { until } from './lib/poll';

/**
 * The real @cloudbase/js-sdk in a real browser against the local cloud, with nothing of ours in between: custom
 * ticket sign-in, a function call that sees the caller, reads the security rules allow and refuse, and a watch
 * that receives a change made by a function.
 */
let h: Harness;
let sdkBundle: string;
beforeAll(async () => {
  h = await startHarness();
  sdkBundle = await browserSdkBundle();
});
afterAll(async () => h?.close());

const CONSUMER = 'demo-consumer-1';
const call = <T>(user: string, fn: string, action: string, data: unknown) => h.cloud.functions.invoke(fn, { action, data }, { uid: user, customUserId: user }) as Promise<{ ok: boolean; data: T }>;

async function sdkPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await (await h.browser.newContext()).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.cloud.url}/dashboard/`);
  await page.addScriptTag({ content: sdkBundle });
  return { page, errors };
}

test('js-sdk in Chromium: sign-in, a call with identity, rule-checked reads and a live watch', async () => {
  const { data: detail } = await call<{ products: { _id: string }[] }>(CONSUMER, 'store', 'detail', { storeId: 'store-001' });
  const { data: created } = await call<{ order: { _id: string } }>(CONSUMER, 'order', 'create', {
    idempotencyKey: 'js-sdk-browser-1',
    storeId: 'store-001',
    mode: 'pickup',
    items: [{ productId: detail.products[0]._id, quantity: 1 }],
  });
  const orderId = created.order._id;

  const { page, errors } = await sdkPage();
  const result = await page.evaluate(
    async ({ consumer, orderId }) => {
      const w = window as any;
      const app = w.cloudbase.init({ env: 'browser-test' });
      app.registerHost(location.host, 'http');
      const auth = app.auth({ persistence: 'local' });
      const { ticket } = await (await fetch('/dev/ticket', { method: 'POST', body: JSON.stringify({ accountId: consumer }) })).json();
      const signIn = await auth.signInWithCustomTicket(async () => ticket);
      const db = app.database();
      const codeOf = (p: Promise<any>) =>
        p.then(
          (r) => r?.code ?? 'OK',
          (e) => e?.code ?? String(e),
        );
      const listed = await app.callFunction({ name: 'order', data: { action: 'list', data: {} } });
      const own = await db.collection('orders').where({ _openid: consumer }).get();
      w.watched = [];
      w.watchErrors = [];
      w.watcher = db
        .collection('orders')
        .doc(orderId)
        .watch({
          onChange: (s: any) => w.watched.push({ changes: s.docChanges.map((c: any) => c.dataType), status: s.docs[0]?.status }),
          onError: (e: any) => w.watchErrors.push(`${e?.message ?? ''} ${JSON.stringify(e)}`),
        });
      return {
        signInError: signIn.error ? String(signIn.error) : null,
        listedIds: listed.result.data.orders.map((o: any) => o._id),
        ownIds: own.data.map((o: any) => o._id),
        byStore: await codeOf(db.collection('orders').where({ storeId: 'store-001' }).get()),
        payments: await codeOf(db.collection('payments').where({ _openid: consumer }).get()),
        stores: (await db.collection('stores').where({ category: 'retail' }).limit(2).get()).data.length,
        // In a browser js-sdk rejects a refused write with the gateway's {code, message} (in Node it cannot: README).
        refusedWrites: await Promise.all(
          [db.collection('stores').add({ name: '假店' }), db.collection('orders').doc(orderId).update({ totalFen: 1 }), db.collection('orders').doc(orderId).remove()].map((p) =>
            p.then(
              (r: any) => ({ resolved: r }),
              (e: any) => ({ code: e?.code, message: typeof e?.message }),
            ),
          ),
        ),
      };
    },
    { consumer: CONSUMER, orderId },
  );

  expect(result.signInError).toBeNull();
  expect(result.listedIds).toContain(orderId);
  expect(result.ownIds).toContain(orderId);
  expect(result.byStore).toBe('PERMISSION_DENIED');
  expect(result.payments).toBe('PERMISSION_DENIED');
  expect(result.stores).toBe(2);
  expect(result.refusedWrites).toEqual(Array(3).fill({ code: 'PERMISSION_DENIED', message: 'string' }));
  expect(h.cloud.db.find('orders', { query: { _id: orderId } })[0]).toMatchObject({ _id: orderId, status: 'pending_payment' });

  await until(
    () => page.evaluate(() => (window as any).watched.length),
    (n) => n >= 1,
    'watch init',
  );
  expect(await page.evaluate(() => (window as any).watched[0])).toEqual({ changes: ['init'], status: 'pending_payment' });
  const cancelled = await call(CONSUMER, 'order', 'cancel', { orderId });
  expect(cancelled.ok).toBe(true);
  await until(
    () => page.evaluate(() => (window as any).watched.map((w: { status: string }) => w.status)),
    (s) => s.includes('cancelled'),
    'watch update',
  );
  await page.evaluate(() => (window as any).watcher.close());
  expect(await page.evaluate(() => (window as any).watchErrors)).toEqual([]);
  expect(errors).toEqual([]);
});

test("js-sdk in Chromium: another user's order cannot be read or watched", async () => {
  const { data: mine } = await call<{ orders: { _id: string }[] }>(CONSUMER, 'order', 'list', {});
  const orderId = mine.orders[0]._id;
  const { page } = await sdkPage();
  const outcome = await page.evaluate(async (orderId) => {
    const w = window as any;
    const app = w.cloudbase.init({ env: 'browser-test-other' });
    app.registerHost(location.host, 'http');
    const auth = app.auth({ persistence: 'local' });
    const { ticket } = await (await fetch('/dev/ticket', { method: 'POST', body: JSON.stringify({ accountId: 'demo-consumer-2' }) })).json();
    await auth.signInWithCustomTicket(async () => ticket);
    const db = app.database();
    const read = await db
      .collection('orders')
      .doc(orderId)
      .get()
      .then(
        (r: any) => r?.code ?? `read ${r.data.length}`,
        (e: any) => e?.code ?? String(e),
      );
    const watchError = await new Promise<string>((resolve) => {
      const watcher = db
        .collection('orders')
        .doc(orderId)
        .watch({
          onChange: (s: any) => {
            if (s.docs.length) resolve(`saw ${s.docs[0]._id}`);
          },
          onError: (e: any) => resolve(`${e?.message ?? ''} ${JSON.stringify(e)}`),
        });
      setTimeout(() => {
        watcher.close();
        resolve('timeout');
      }, 5000);
    });
    return { read, watchError };
  }, orderId);
  expect(outcome.read).toBe('PERMISSION_DENIED');
  expect(outcome.watchError).toContain('PERMISSION_DENIED');
});
