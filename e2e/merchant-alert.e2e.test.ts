import type { Page } from 'playwright-core';
import path from 'node:path';
import { startHarness, SCREENSHOTS, type Harness, watchPage } from './lib/harness';
import { until, shows, textContains } from './lib/poll';

/**
 * The new-order alert on the merchant H5: an order paid by a consumer makes the badge appear without a reload (the
 * realtime watch of the staff member's own alerts), the sound plays once the alert was switched on (开启提醒: a
 * browser plays audio only after a tap), and the ticket of the order prints from its own page.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const STORE = 'store-001';
const PRODUCT = 'store-001-p001';

/** Dev login as a demo account, waiting until the app has left the login page (signed in). */
async function signIn(page: Page, account: string) {
  await page.goto(h.urls.merchant);
  await page.click(`#login-${account}`);
  await page.waitForFunction(() => !location.hash.includes('pages/login'));
}

async function paidOrder(uid: string) {
  const ok = async <T>(fn: string, action: string, data: unknown): Promise<T> => {
    const r = (await h.cloud.functions.invoke(fn, { action, data }, { uid, customUserId: uid })) as { ok: boolean; data: T; message?: string };
    if (!r.ok) throw new Error(`${fn}.${action}: ${r.message}`);
    return r.data;
  };
  const { order } = await ok<{ order: { _id: string; orderNo: string } }>('order', 'create', {
    idempotencyKey: `e2e-alert-${Date.now()}`,
    storeId: STORE,
    mode: 'pickup',
    items: [{ productId: PRODUCT, quantity: 1 }],
    remark: '少放辣',
  });
  const { payment } = await ok<{ payment: { package: string } }>('pay', 'prepay', { orderId: order._id });
  await fetch(`${h.cloud.url}/sandbox/wechatpay/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prepayId: payment.package.replace(/^prepay_id=/, '') }),
  });
  return order;
}

test('a paid order rings and badges the open merchant page without a reload; opening 新订单 clears it; its ticket prints', async () => {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchPage(page);
  await signIn(page, 'demo-merchant-001');
  await page.goto(`${h.urls.merchant}#/pages/orders/index`);
  await page.waitForSelector('#alert-toggle');
  await shows(page, '#alert-hint', '开启提醒');
  await page.click('#alert-toggle');
  await shows(page, '#alert-toggle', '关闭提醒');
  expect(await page.locator('#new-order-badge').count()).toBe(0);
  const loads = await page.evaluate(() => performance.getEntriesByType('navigation').length);

  const order = await paidOrder('demo-consumer-1');
  await shows(page, '#new-order-badge', '新订单 1', 15_000);
  await until(() => page.title(), textContains('(1)'), 'count in the title');
  await page.waitForSelector(`#order-card-${order._id}`);
  await until(
    () => page.evaluate(() => document.querySelector<HTMLAudioElement>('#new-order-audio')?.dataset.played ?? '0'),
    (v) => Number(v) >= 1,
    'the alert sound played',
  );
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(loads);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'merchant-new-order.png') });

  // Opening the 新订单 tab marks the alert seen: the watch drops it and the badge goes.
  await page.click('#order-tabs >> text=新订单');
  await until(
    () => page.locator('#new-order-badge').count(),
    (n) => n === 0,
    'badge cleared',
  );
  await until(
    () => page.title(),
    (t) => !t.includes('('),
    'title without count',
  );

  await page.click(`#ticket-${order._id}`);
  await shows(page, '#ticket-order-no', order.orderNo);
  await shows(page, '#ticket-remark', '少放辣');
  await page.waitForTimeout(500); // the page's slide-in transition
  await page.screenshot({ path: path.join(SCREENSHOTS, 'merchant-ticket.png') });
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.click('#ticket-print');
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  // On paper only the ticket: the buttons are hidden by the print stylesheet.
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('#ticket-print').isVisible()).toBe(false);
  expect(await page.locator('#ticket').isVisible()).toBe(true);
  expect(errors).toEqual([]);
});

test("the owner's finance page shows today's paid order and exports it; a clerk is told finance is not theirs", async () => {
  const order = await paidOrder('demo-consumer-2');
  await until(
    () => h.cloud.functions.drainTriggers().then(() => h.cloud.db.find('ledger_entries', { query: { orderId: order._id } }).length),
    (n) => n === 1,
    'payment booked',
  );
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = watchPage(page);
  await signIn(page, 'demo-merchant-001');
  await page.goto(`${h.urls.merchant}#/pages/finance/index`);
  await page.waitForSelector(`#finance-row-${order._id}`);
  await shows(page, '#fig-orders', /[1-9]\d* 单/);
  await shows(page, '#finance-commission-rule', '类目默认费率');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'merchant-finance.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  expect(download.suggestedFilename()).toMatch(/^finance_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
  expect(errors).toEqual([]);

  const clerk = await (await h.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(clerk, 'demo-clerk-001');
  await clerk.goto(`${h.urls.merchant}#/pages/finance/index`);
  await shows(clerk, '#finance-error', /权限|店长/);
  expect(await clerk.locator('#fig-revenue').count()).toBe(0);
});
