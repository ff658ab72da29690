import path from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, SCREENSHOTS, type Harness, watchPage } from './lib/harness';
import { until, shows } from './lib/poll';

/**
 * Ordering a dish sold by SKU in the consumer H5: the menu shows its lowest price with 起, the picker offers its SKUs
 * (a sold-out one disabled) and specs at the SKU's price, the cart and checkout title the line 「酸梅汤（中杯/少冰）」,
 * and the order placed holds that SKU's stock only.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const STORE = 'store-001';
const DRINK = 'store-001-p005'; // 酸梅汤: 小杯 ¥5, 中杯 ¥6, 大杯 ¥8 (sold out); 冰量 正常冰/少冰/去冰
const product = () => h.cloud.db.find('products', { query: { _id: DRINK } })[0] as { stock: number; skus: { id: string; stock: number }[] };
const disabled = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.hasAttribute('disabled') || el.className.includes('disabled'));

test('a consumer picks 中杯 / 少冰 of a drink sold by SKU and orders it; only that SKU is held', async () => {
  // 中杯 runs short: 3 left (the product's total follows, as every stock write keeps it).
  const seeded = product();
  const skus = seeded.skus.map((s) => (s.id === 'm' ? { ...s, stock: 3 } : s));
  h.cloud.db.update('products', { _id: DRINK }, { $set: { skus, stock: skus.reduce((n, s) => n + s.stock, 0) } });
  const before = product();
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const c = await context.newPage();
  const errors = watchPage(c);
  await c.goto(h.urls.consumer);
  await c.click('#login-demo-consumer-2');
  await c.click(`#store-card-${STORE}`);
  await shows(c, `#price-${DRINK}`, '¥5.00 起');

  await c.click(`#choose-${DRINK}`);
  await c.waitForSelector('#sku-picker');
  await shows(c, '#sku-l', '大杯（已售罄）');
  expect(await disabled(c, '#sku-l')).toBe(true);
  await shows(c, '#picker-price', '¥5.00'); // opens on the first SKU in stock, 小杯
  await c.click('#sku-m');
  await c.click('#spec-0-1');
  await shows(c, '#picker-price', '¥6.00');
  await shows(c, '#picker-left', '仅剩 3 件');
  await c.screenshot({ path: path.join(SCREENSHOTS, 'consumer-sku-picker.png') });
  await c.click('#picker-add');
  await shows(c, `#qty-${DRINK}`, '1');
  await c.waitForSelector('.nut-overlay', { state: 'hidden' });
  // The cart bar opens the cart: each line titled with its SKU and spec, stepped up there.
  await c.click('#cart-open');
  await shows(c, '#cart-line-title-0', '酸梅汤（中杯/少冰）');
  await c.click('#cart-line-plus-0');
  await until(
    () => c.textContent('#cart-count'),
    (v) => v === '2',
    'cart count',
  );
  await c.screenshot({ path: path.join(SCREENSHOTS, 'consumer-sku-cart.png') });
  await c.locator('.nut-overlay:visible').click({ position: { x: 20, y: 20 } });
  await c.waitForSelector('.nut-overlay', { state: 'hidden' });

  await c.click('#go-checkout');
  await c.waitForSelector('#mode-pickup');
  await c.click('#mode-pickup');
  await shows(c, `#quote-line-${DRINK}`, '酸梅汤（中杯/少冰） × 2');
  await shows(c, '#quote-line-' + DRINK, '¥12.00');
  await c.click('#checkout-submit');
  await c.waitForSelector('#pay-button');

  const [order] = h.cloud.db.find('orders', { query: { _openid: 'demo-consumer-2', storeId: STORE } }) as { items: unknown[] }[];
  expect(order.items).toEqual([expect.objectContaining({ productId: DRINK, skuId: 'm', skuLabel: '中杯', specLabel: '少冰', quantity: 2, unitPriceFen: 600 })]);
  const after = product();
  expect(after.skus.map((s) => s.stock)).toEqual([before.skus[0].stock, before.skus[1].stock - 2, 0]);
  expect(after.stock).toBe(before.stock - 2);
  expect(errors).toEqual([]);
  await context.close();
});
