import { createWebClient, CloudCallError } from '@daojia/cloud-client';
import { startSeededCloud, CONSUMER } from '../../../../cloudfunctions/test/harness';

let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => { t = await startSeededCloud(); });
afterAll(async () => t.close());

const memoryStorage = () => { const m = new Map<string, string>(); return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k) }; };

test('dev login lists demo accounts and signs in; functions see the signed-in caller', async () => {
  const client = createWebClient({ baseUrl: t.cloud.url, storage: memoryStorage() });
  const accounts = await client.devAccounts();
  expect(accounts.map((a) => a.role)).toEqual(expect.arrayContaining(['consumer', 'merchant', 'admin']));
  await expect(client.call('order', 'list')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await client.devLogin(CONSUMER);
  expect(client.currentUser()).toMatchObject({ uid: CONSUMER, role: 'consumer' });
  const invocations: any[] = [];
  const off = t.cloud.functions.onInvocation((i) => invocations.push(i));
  const { orders } = await client.call<{ orders: unknown[] }>('order', 'list');
  off();
  expect(Array.isArray(orders)).toBe(true);
  expect(invocations[0].caller).toMatchObject({ uid: CONSUMER, source: 'web_client' });
});

test('a function error reaches the app as CloudCallError with its code and Chinese message', async () => {
  const client = createWebClient({ baseUrl: t.cloud.url, storage: memoryStorage() });
  await client.devLogin(CONSUMER);
  const err = await client.call('order', 'detail', { orderId: 'nope' }).catch((e) => e);
  expect(err).toBeInstanceOf(CloudCallError);
  expect(err).toMatchObject({ code: 'ORDER_NOT_FOUND', message: '订单不存在' });
});

test('identity comes from the token only: a forged token or a body claiming another user changes nothing', async () => {
  const forged = await fetch(`${t.cloud.url}/v1/functions/order`, { method: 'POST', headers: { authorization: 'Bearer abc.def.ghi' }, body: JSON.stringify({ action: 'list', data: {}, userInfo: { openId: CONSUMER } }) });
  expect(forged.status).toBe(401);
  expect(await forged.json()).toMatchObject({ code: 'INVALID_ACCESS_TOKEN' });
  const unknown = await fetch(`${t.cloud.url}/dev/login`, { method: 'POST', body: JSON.stringify({ accountId: 'nobody' }) });
  expect(await unknown.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
});

async function firstEvents(url: string, n: number): Promise<{ event: string; data: any }[]> {
  const res = await fetch(url);
  const out: { event: string; data: any }[] = [];
  if (res.status !== 200) return [{ event: 'http', data: { status: res.status, body: await res.json() } }];
  const reader = res.body!.getReader();
  let buf = '';
  while (out.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += Buffer.from(value).toString('utf8');
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const chunk = buf.slice(0, i); buf = buf.slice(i + 2);
      const ev = /event: (.*)/.exec(chunk)?.[1]; const data = /data: (.*)/.exec(chunk)?.[1];
      if (ev && data) out.push({ event: ev, data: JSON.parse(data) });
    }
  }
  await reader.cancel();
  return out;
}

test('watch: the owner sees init then each change made by a function; another user is refused', async () => {
  const owner = createWebClient({ baseUrl: t.cloud.url, storage: memoryStorage() });
  const session = await owner.devLogin(CONSUMER);
  const { products } = await owner.call<any>('store', 'detail', { storeId: 'store-001' });
  const { order } = await owner.call<any>('order', 'create', { idempotencyKey: 'watch-test-1', storeId: 'store-001', mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] });
  const token = (await (await fetch(`${t.cloud.url}/dev/login`, { method: 'POST', body: JSON.stringify({ accountId: session.uid }) })).json()).accessToken;
  const events = firstEvents(`${t.cloud.url}/v1/watch/orders?docId=${order._id}&access_token=${token}`, 2);
  await new Promise((r) => setTimeout(r, 100));
  await owner.call('order', 'cancel', { orderId: order._id });
  const [init, change] = await events;
  expect(init).toMatchObject({ event: 'init', data: { docs: [{ _id: order._id, status: 'pending_payment' }] } });
  expect(change).toMatchObject({ event: 'change', data: { docs: [{ _id: order._id, status: 'cancelled' }] } });

  const other = (await (await fetch(`${t.cloud.url}/dev/login`, { method: 'POST', body: JSON.stringify({ accountId: 'demo-consumer-2' }) })).json()).accessToken;
  const [spy] = await firstEvents(`${t.cloud.url}/v1/watch/orders?docId=${order._id}&access_token=${other}`, 1);
  expect(spy).toMatchObject({ event: 'init', data: { docs: [] } });
  const [query] = await firstEvents(`${t.cloud.url}/v1/watch/orders?where=${encodeURIComponent(JSON.stringify({ storeId: 'store-001' }))}&access_token=${other}`, 1);
  expect(query).toMatchObject({ event: 'http', data: { status: 403, body: { code: 'PERMISSION_DENIED' } } });
  const [secret] = await firstEvents(`${t.cloud.url}/v1/watch/payments?where=${encodeURIComponent(JSON.stringify({ _openid: 'demo-consumer-2' }))}&access_token=${other}`, 1);
  expect(secret).toMatchObject({ event: 'http', data: { status: 403 } });
});
