import path from 'node:path';
import { adminSignIn, startHarness, SCREENSHOTS, type Harness, watchPage } from './lib/harness';
import { until, shows } from './lib/poll';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

test('admin panel: sign in as the 静安区 manager, see the overview and only their region’s stores', async () => {
  const page = await (await h.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const errors = watchPage(page);
  await page.goto(h.urls.admin);
  await page.click('#login-demo-region-jingan');
  await page.waitForSelector('#kpi-stores');
  const jinganStores = h.cloud.db.count('stores', { region: '静安区' });
  await until(
    () => page.textContent('#kpi-stores'),
    (v) => v === String(jinganStores),
    'store count KPI',
  );
  await shows(page, '#admin-identity', '区域经理 · 静安区');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-overview.png') });
  await page.click('text=商户管理');
  await page.waitForSelector('#stores-table .ant-table-row');
  const regions = await page.$$eval('#stores-table .ant-table-row td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
  expect(regions.length).toBeGreaterThan(0);
  expect(new Set(regions)).toEqual(new Set(['静安区']));
  expect(errors).toEqual([]);
});

test('admin panel: a region manager opens an order of their region and sees its timeline', async () => {
  // One order through the real functions: placed and paid by a consumer, accepted by the store (静安区).
  const call = async (user: string, fn: string, action: string, data: unknown) => {
    const r = (await h.cloud.functions.invoke(fn, { action, data }, { uid: user, customUserId: user })) as { ok: boolean; data: any; message?: string };
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.message}`);
    return r.data;
  };
  const { products } = await call('demo-consumer-1', 'store', 'detail', { storeId: 'store-001' });
  const { order } = await call('demo-consumer-1', 'order', 'create', {
    idempotencyKey: 'e2e-admin-timeline',
    storeId: 'store-001',
    mode: 'pickup',
    items: [{ productId: products[0]._id, quantity: 1 }],
  });
  const { payment } = await call('demo-consumer-1', 'pay', 'prepay', { orderId: order._id });
  await fetch(`${h.cloud.url}/sandbox/wechatpay/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepayId: payment.package.replace(/^prepay_id=/, '') }),
  });
  await until(
    async () => h.cloud.db.find('orders', { query: { _id: order._id } })[0].status,
    (s) => s === 'paid',
    'order paid',
  );
  await call('demo-merchant-001', 'merchantOrder', 'accept', { orderId: order._id });

  const page = await (await h.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const errors = watchPage(page);
  await page.goto(h.urls.admin);
  await adminSignIn(page, 'demo-region-jingan');
  await page.click('text=订单管理');
  await page.click(`#open-order-${order._id}`);
  await shows(page, '#order-drawer', '商家已接单');
  await shows(page, '#order-event-0', '待支付');
  await shows(page, '#order-event-1', /待商家接单[\s\S]*系统 · 由「待支付」/);
  await shows(page, '#order-event-2', /商家已接单[\s\S]*商家 · 由「待商家接单」 · 商家接单/);
  expect(await page.$$('#order-timeline .ant-timeline-item')).toHaveLength(3);
  expect(await page.textContent('#order-drawer')).not.toContain(order.pickupCode);
  expect(errors).toEqual([]);
});
