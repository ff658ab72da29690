import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, SCREENSHOTS, type Harness } from './lib/harness';
import { until, textContains } from './lib/poll';

/**
 * The walking skeleton in real browsers: a consumer finds a store, orders, pays in the WeChat Pay sandbox; the
 * merchant sees the order and accepts it; the consumer's order page turns without a reload.
 */
let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => h?.close());

const STORE = 'store-001';
const PRODUCT = 'store-001-p001';
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });

async function openApp(url: string) {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, errors };
}

test('consumer orders and pays; merchant accepts; the consumer sees it live', async () => {
  const consumer = await openApp(h.urls.consumer);
  const c = consumer.page;
  await c.click('#login-demo-consumer-1');
  await c.waitForSelector(`#store-card-${STORE}`);
  await expect(c.textContent(`#store-distance-${STORE}`)).resolves.toMatch(/\d+(\.\d+)?\s*(m|km)/);
  await shot(c, 'consumer-nearby');

  await c.click(`#store-card-${STORE}`);
  await c.waitForSelector(`#add-${PRODUCT}`);
  await c.click(`#add-${PRODUCT}`);
  await until(() => c.textContent('#cart-count'), (v) => v === '1', 'cart count');
  await shot(c, 'consumer-store');
  await c.click('#go-checkout');

  await c.waitForSelector('#quote-total');
  await c.click('#mode-pickup');
  // The page shows the server's quote as-is: the same total the order function computes for this user.
  const quote = (await h.cloud.functions.invoke('order', { action: 'quote', data: { storeId: STORE, mode: 'pickup', items: [{ productId: PRODUCT, quantity: 1 }] } }, { uid: 'demo-consumer-1' })) as { data: { breakdown: { totalFen: number } } };
  const total = (quote.data.breakdown.totalFen / 100).toFixed(2);
  await until(() => c.textContent('#quote-total'), textContains(total), 'pickup quote total');
  await c.click('#checkout-submit');

  await c.waitForSelector('#pay-button');
  await expect(c.textContent('#pay-amount')).resolves.toContain(total);
  await c.click('#pay-button');

  await c.waitForSelector('#order-status');
  await until(() => c.textContent('#order-status'), textContains('待商家接单'), 'paid status', 15_000);
  const orderId = await c.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('id'));
  expect(orderId).toMatch(/^DJ\d+/);
  await expect(c.textContent('#pickup-code')).resolves.toMatch(/\d{6}/);

  const merchant = await openApp(h.urls.merchant);
  const m = merchant.page;
  await m.click('#login-demo-merchant-001');
  await m.waitForSelector(`#accept-${orderId}`, { timeout: 15_000 });
  await shot(m, 'merchant-orders');
  await m.click(`#accept-${orderId}`);
  await m.click('#order-tabs >> text=进行中');
  await until(() => m.locator(`#order-status-${orderId}`).textContent({ timeout: 1000 }).catch(() => null), textContains('已接单'), 'merchant sees accepted');

  // No reload: the consumer's page follows the order through the realtime watch.
  await until(() => c.textContent('#order-status'), textContains('商家已接单'), 'consumer sees accepted without reload');
  await shot(c, 'consumer-order');
  expect(consumer.errors).toEqual([]);
  expect(merchant.errors).toEqual([]);
});
