import type { Page } from 'playwright-core';
import { createDadaClient, createSmsClient, parseDadaConfigFromEnv, parseSmsConfigFromEnv } from '@daojia/integrations';
import { startHarness, type Harness } from './lib/harness';
import { shows, until } from './lib/poll';

let h: Harness;
let page: Page;
const errors: string[] = [];
beforeAll(async () => {
  h = await startHarness();
  page = await (await h.browser.newContext()).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.cloud.url}/dashboard/`);
});
afterAll(async () => h?.close());
afterEach(() => expect(errors).toEqual([]));

const tab = (name: string) => page.click(`#tabs >> text=${name}`);
const as = (uid: string) => ({ uid, customUserId: uid });

test('collections, their documents and the invocation log', async () => {
  await h.cloud.functions.invoke('store', { action: 'nearby', data: { lng: 121.4737, lat: 31.2304 } }, as('demo-consumer-1'));
  await page.click('#collection-stores');
  await page.waitForSelector('summary >> text=store-001');
  await page.fill('input[name=q]', '{"category":"beauty"}');
  await page.click('text=apply');
  await page.waitForSelector('text=8 document(s)');
  await tab('Invocations');
  await page.waitForSelector('#invocations >> text=store');
  await shows(page, '#invocations', 'demo-consumer-1');
});

test('a refused call (ok:false) is an error row with its code, and the log refreshes by itself', async () => {
  await tab('Invocations');
  await page.waitForSelector('#invocations');
  const reply = (await h.cloud.functions.invoke('store', { action: 'detail', data: { storeId: 'store-nope' } }, as('demo-consumer-1'))) as { ok: boolean; code: string };
  expect(reply).toMatchObject({ ok: false, code: 'STORE_NOT_FOUND' });
  // No click: auto-refresh brings the new row in.
  await shows(page, '#invocations tr.error', 'STORE_NOT_FOUND');
  await page.check('#errors-only');
  await until(
    () => page.locator('#invocations tr[data-outcome=ok]').count(),
    (n) => n === 0,
    'only errors listed',
  );
  await shows(page, '#invocations', 'STORE_NOT_FOUND');
  await page.uncheck('#errors-only');
});

test('"run now" fires a timer and its run shows in the timers tab and the log', async () => {
  await tab('Timers');
  await page.click('button[data-f=orderTimers][data-t=expireUnpaid]');
  await shows(page, '#timer-result', 'orderTimers.expireUnpaid');
  await shows(page, '#last-run-orderTimers-expireUnpaid', /ok \d+ ms/);
  await tab('Invocations');
  await shows(page, '#invocations', 'expireUnpaid');
  const row = page.locator('#invocations tr', { hasText: 'expireUnpaid' }).first();
  await until(
    () => row.textContent(),
    (t) => (t ?? '').includes('timer'),
    'timer row kind',
  );
});

test('a payment through the WeChat Pay sandbox shows its notification, decrypted, in the WeChat Pay tab', async () => {
  const ok = async <T>(fn: string, action: string, data: unknown): Promise<T> => {
    const r = (await h.cloud.functions.invoke(fn, { action, data }, as('demo-consumer-1'))) as { ok: boolean; data: T; message?: string };
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.message}`);
    return r.data;
  };
  const { order } = await ok<{ order: { _id: string; totalFen: number } }>('order', 'create', {
    idempotencyKey: 'e2e-dashboard-pay',
    storeId: 'store-001',
    mode: 'pickup',
    items: [{ productId: 'store-001-p001', quantity: 1 }],
  });
  const { payment } = await ok<{ payment: { package: string } }>('pay', 'prepay', { orderId: order._id });
  const paid = await fetch(`${h.cloud.url}/sandbox/wechatpay/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepayId: payment.package.replace(/^prepay_id=/, '') }),
  });
  expect(paid.status).toBe(200);

  await tab('WeChat Pay');
  const row = page.locator('#pay-outbox tr', { hasText: order._id });
  await until(
    () => row.textContent({ timeout: 1000 }).catch(() => ''),
    (t) => (t ?? '').includes('delivered'),
    'notification delivered',
  );
  expect(await row.textContent()).toContain('TRANSACTION.SUCCESS');
  expect(await row.textContent()).toContain(`¥${(order.totalFen / 100).toFixed(2)}`);
  await row.locator('summary').click();
  await until(
    () => row.locator('pre').textContent(),
    (t) => (t ?? '').includes('"trade_state": "SUCCESS"'),
    'decrypted resource shown',
  );
});

test('an SMS sent by the adapter through the sandbox appears in the SMS tab, a refused number as an error row', async () => {
  const sms = createSmsClient(parseSmsConfigFromEnv(h.cloud.sandboxEnv));
  const { results } = await sms.sendSms({ phoneNumbers: ['13800138000', '+861234567'], templateId: '2001', templateParams: ['386521'], sessionContext: 'e2e' });
  expect(results.map((r) => r.code)).toEqual(['Ok', 'InvalidParameterValue.IncorrectPhoneNumber']);
  await tab('SMS');
  await shows(page, '#sms-outbox', '+8613800138000');
  const ok = page.locator('#sms-outbox tr', { hasText: '+8613800138000' });
  expect(await ok.textContent()).toContain('386521');
  expect(await ok.getAttribute('class')).not.toContain('error');
  await shows(page, '#sms-outbox tr.error', 'IncorrectPhoneNumber');
});

test('a delivery order placed through the adapter shows in the delivery tab; the buttons move the rider along', async () => {
  const dada = createDadaClient(parseDadaConfigFromEnv(h.cloud.sandboxEnv));
  await dada.addOrder({
    originId: 'DJE2E0001',
    cityCode: '021',
    cargoPriceFen: 3200,
    cargoWeightKg: 1,
    receiver: { name: '张小明', address: '上海市静安区南京西路 1266 号', phone: '13800138000', lat: 31.2304, lng: 121.4737 },
  });
  await tab('Delivery');
  await shows(page, '#delivery-status-DJE2E0001', '待接单');
  await page.click('#delivery-accept-DJE2E0001');
  await shows(page, '#delivery-status-DJE2E0001', '待取货');
  await page.click('#delivery-fetch-DJE2E0001');
  await shows(page, '#delivery-status-DJE2E0001', '配送中');
  expect((await dada.queryStatus('DJE2E0001')).statusCode).toBe(3);
  await shows(page, '#delivery-requests', '/api/order/addOrder');
});

test("the request id filter follows one request: typed in, or picked from a row's request link", async () => {
  const ids: string[] = [];
  const off = h.cloud.functions.onInvocation((inv) => {
    if (inv.name === 'store') ids.push(inv.id);
  });
  await h.cloud.functions.invoke('store', { action: 'nearby', data: { lng: 121.4737, lat: 31.2304 } }, as('demo-consumer-1'));
  await h.cloud.functions.invoke('store', { action: 'detail', data: { storeId: 'store-001' } }, as('demo-consumer-1'));
  off();
  await tab('Invocations');
  await page.fill('#request-filter', ids[0]);
  await shows(page, '#content h4', `Request ${ids[0]}`);
  await until(
    () => page.locator('#invocations tr[data-request]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-request'))),
    (r) => r.length === 1 && r[0] === ids[0],
    'only the filtered request',
  );
  await page.click('#clear-filters');
  await page.click(`#invocations tr[data-request="${ids[1]}"] button[data-follow="${ids[1]}"]`);
  expect(await page.inputValue('#request-filter')).toBe(ids[1]);
  await until(
    () => page.locator('#invocations tr[data-request]').count(),
    (n) => n === 1,
    'the followed request only',
  );
  await page.fill('#fn-filter', 'nope');
  await shows(page, '#content', 'No invocations yet.');
  await page.click('#clear-filters');
});
