import { startSeededCloud, CONSUMER, MERCHANT, STORE } from '../../../../cloudfunctions/test/harness';
import { documentsUrl, jsSdkApp, signedInApp } from './sdk';

/**
 * The escalation chains an outsider tried (issue 17): each writes what would grant it power, by every write request
 * a web client can send (js-sdk add and doc().set, and a raw update with upsert on a new id), then tries to use
 * it. Every write must be refused with the collection exactly as it was, and the power must not be there.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

type Sdk = ReturnType<typeof jsSdkApp>;
const uidOf = async (sdk: Sdk) => {
  const { accessToken } = (await (sdk.auth as any).getAccessToken()) as { accessToken: string };
  return { uid: JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()).sub as string, token: accessToken };
};
const anonymousApp = async () => {
  const sdk = jsSdkApp(t.cloud.url);
  const { error } = (await sdk.auth.signInAnonymously({})) as unknown as { error?: unknown };
  if (error) throw new Error(`anonymous sign-in failed: ${JSON.stringify(error)}`);
  return sdk;
};

let attempts = 0;
/**
 * Tries to create `doc` in `collection` every way a client can; returns each reply. The collection must be
 * byte-for-byte what it was after each attempt.
 */
async function tryToCreate(sdk: Sdk, collection: string, doc: Record<string, unknown>) {
  const { token } = await uidOf(sdk);
  const snapshot = () => JSON.stringify(t.cloud.db.find(collection, { order: [['_id', 1]] }));
  const before = snapshot();
  // A document's own id (a dev account's is its login name) goes where each request puts it.
  const { _id, ...fields } = doc;
  const id = typeof _id === 'string' ? _id : `escalation-${++attempts}`;
  const replies: Record<string, unknown> = {};
  replies.add = await sdk.db.collection(collection).add({ ...doc });
  expect(snapshot()).toBe(before);
  replies.set = await sdk.db
    .collection(collection)
    .doc(id)
    .set({ ...fields });
  expect(snapshot()).toBe(before);
  const upsert = await fetch(documentsUrl(t.cloud.url, collection), {
    method: 'PATCH',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: { _id: id }, data: { $set: fields }, upsert: true }),
  });
  replies.upsert = { status: upsert.status, ...((await upsert.json()) as object) };
  expect(snapshot()).toBe(before);
  // js-sdk in Node resolves a refused write with only its requestId; the raw request sees the refusal itself.
  expect(JSON.parse(JSON.stringify(replies))).toEqual({
    add: { requestId: expect.any(String) },
    set: { requestId: expect.any(String) },
    upsert: { status: 403, code: 'PERMISSION_DENIED', message: expect.any(String) },
  });
}

/** A function's reply through js-sdk, which hands a reply carrying `code` back as the response itself, not as `result`. */
const call = (sdk: Sdk, name: string, action: string, data: unknown = {}) =>
  sdk.app.callFunction({ name, data: { action, data } }).then((r) => ((r as { result?: unknown }).result ?? r) as { ok: boolean; code?: string; data?: any });

describe.each([
  ['an anonymous caller', anonymousApp],
  ['a signed-in consumer', () => signedInApp(t.cloud.url, 'demo-consumer-3')],
])('%s', (_who, app) => {
  test('cannot make itself super admin: no admins document, admin.whoami and admin.listOrders refuse', async () => {
    const sdk = await app();
    const { uid } = await uidOf(sdk);
    await tryToCreate(sdk, 'admins', { userKey: uid, role: 'super_admin', name: '我是管理员' });
    expect(t.cloud.db.count('admins', { userKey: uid })).toBe(0);
    const whoami = await call(sdk, 'admin', 'whoami');
    expect(whoami.ok).toBe(false);
    expect(JSON.stringify(whoami)).not.toContain('super_admin');
    expect(await call(sdk, 'admin', 'listOrders', {})).toMatchObject({ ok: false });
  });

  test('cannot add an account to dev_accounts', async () => {
    const sdk = await app();
    const before = t.cloud.db.count('dev_accounts', {});
    await tryToCreate(sdk, 'dev_accounts', { _id: 'evil-admin', role: 'admin', name: '后门', description: '' });
    expect(t.cloud.db.count('dev_accounts', {})).toBe(before);
    const ticket = await fetch(`${t.cloud.url}/dev/ticket`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId: 'evil-admin' }) });
    expect(await ticket.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});

test("a consumer cannot make itself staff of another store, and cannot accept that store's orders", async () => {
  const sdk = await signedInApp(t.cloud.url, CONSUMER);
  await tryToCreate(sdk, 'merchant_staff', { userKey: CONSUMER, storeId: STORE, role: 'owner', name: '冒充店长' });
  expect(t.cloud.db.count('merchant_staff', { userKey: CONSUMER })).toBe(0);
  expect(await call(sdk, 'merchantOrder', 'list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test("a consumer cannot add a product to another store's menu", async () => {
  const sdk = await signedInApp(t.cloud.url, CONSUMER);
  const before = t.cloud.db.count('products', { storeId: STORE });
  await tryToCreate(sdk, 'products', { storeId: STORE, name: '一分钱大餐', priceFen: 1, stock: 999, onShelf: true, kind: 'goods', categoryName: '特价', description: '', image: '' });
  expect(t.cloud.db.count('products', { storeId: STORE })).toBe(before);
  expect(t.cloud.db.count('products', { name: '一分钱大餐' })).toBe(0);
});

test("a fake paid order never reaches a store's new-order queue", async () => {
  const sdk = await signedInApp(t.cloud.url, CONSUMER);
  await tryToCreate(sdk, 'orders', { storeId: STORE, status: 'paid', _openid: CONSUMER, totalFen: 1, items: [], idempotencyKey: 'fake-paid', createdAt: new Date() });
  expect(t.cloud.db.count('orders', { idempotencyKey: 'fake-paid' })).toBe(0);
  const queue = await t.ok(MERCHANT, 'merchantOrder', 'list', { tab: 'new' });
  expect(JSON.stringify(queue)).not.toContain('fake-paid');
});
