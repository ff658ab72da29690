import path from 'node:path';
import { startHarness, type Harness, fillField, openPhone } from './lib/harness';
import { shows, textContains, until } from './lib/poll';

/**
 * A new merchant's first day, in the order the issue tells it, on the built merchant H5, consumer H5 and the local
 * cloud: apply to open a store → the platform approves → the owner opens the store and puts a first product on the
 * menu with a photo and two SKUs → a consumer sees it and orders one SKU for pickup → the order arrives with an
 * alert → accept → ready → the pickup code is verified at the counter → the finance page shows the order.
 * The steps each feature's own test covers in depth (settings, catalogue, alerts, finance) are driven here through
 * the same pages, end to end on one store that did not exist when the test started.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const PHOTO = path.join(__dirname, '..', 'scripts', 'seed', 'pictures', 'products', 'bread.webp');
const LICENCE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const as = (uid: string) => ({ uid, customUserId: uid });

const open = (url: string) => openPhone(h.browser, url);

async function call<T>(uid: string, fn: string, action: string, data: unknown, storeId?: string): Promise<T> {
  const r = (await h.cloud.functions.invoke(fn, { action, data, ...(storeId ? { storeId } : {}) }, as(uid))) as { ok: boolean; data: T; code?: string; message?: string };
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
  return r.data;
}

test('apply → approved → open → first product with a photo and two SKUs → a consumer orders it → alert → accept → ready → code verified → finance shows it', async () => {
  // 1. Apply, as someone who is nobody's staff yet.
  const merchant = await open(h.urls.merchant);
  const m = merchant.page;
  await m.click('#login-demo-applicant');
  await m.waitForSelector('#workbench-no-store', { timeout: 15_000 });
  await m.click('#workbench-apply');
  await m.waitForSelector('#apply-form');
  await fillField(m, 'apply-name', '静安手作烘焙');
  await m.click('#apply-category-catering');
  await fillField(m, 'apply-address', '静安区南京西路1000号');
  await shows(m, '#apply-region', '静安区');
  const [licence] = await Promise.all([m.waitForEvent('filechooser'), m.click('#apply-licence')]);
  await licence.setFiles({ name: 'licence.png', mimeType: 'image/png', buffer: LICENCE });
  await shows(m, '#apply-licence', '重新上传');
  await fillField(m, 'apply-contact', '顾女士');
  await fillField(m, 'apply-phone', '13800138000');
  await m.click('#apply-submit');
  await shows(m, '#workbench-application', '审核中', 15_000);

  // 2. The platform approves (its 入驻审核 page is driven in onboarding.e2e.test.ts).
  const [application] = h.cloud.db.find('store_applications', { query: { applicantKey: 'demo-applicant' } }) as { _id: string }[];
  const review = await call<{ storeId?: string; application: { storeId?: string } }>('demo-region-jingan', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'approve' });
  const storeId = (review.storeId ?? review.application.storeId)!;
  expect(storeId).toBeTruthy();
  await m.reload();
  await shows(m, '#workbench-store-name', '静安手作烘焙', 15_000);
  await shows(m, '#workbench-role', '店长');
  await shows(m, '#workbench-terms', /佣金 \d+(\.\d+)?%/);

  // A new store starts closed: consumers cannot order.
  const closed = (await h.cloud.functions.invoke('order', { action: 'quote', data: { storeId, mode: 'pickup', items: [{ productId: 'none', quantity: 1 }] } }, as('demo-consumer-1'))) as {
    ok: boolean;
    code: string;
  };
  expect(closed).toMatchObject({ ok: false, code: 'STORE_CLOSED' });

  // 3. Open it. Its default hours follow its category; the test may run at any hour, so the owner first makes every
  // day 00:00–24:00 (the settings page's hours editor is covered in store-settings.e2e.test.ts).
  await call('demo-applicant', 'merchantStore', 'update', { hours: Array.from({ length: 7 }, () => [{ open: 0, close: 1440 }]) });
  await m.goto(`${h.urls.merchant}#/pages/settings/index`);
  await m.waitForSelector('#open-switch');
  await m.click('#open-switch');
  await shows(m, '#open-state', '营业中', 15_000);

  // 4. The first product: a photo and two SKUs.
  // A new store has no menu yet: first a category, then the product in it.
  await m.goto(`${h.urls.merchant}#/pages/catalog/index`);
  await m.click('#categories-manage');
  await m.click('#category-add');
  await fillField(m, 'category-name', '面包');
  await m.click('#category-save');
  await shows(m, '#category-row-0', '面包');
  await m.click('#categories-manage');
  await m.click('#catalog-new');
  await m.waitForSelector('#product-name');
  const [photo] = await Promise.all([m.waitForEvent('filechooser'), m.click('#photo-add')]);
  await photo.setFiles(PHOTO);
  await m.waitForSelector('#photo-0');
  await fillField(m, 'product-name', '海盐可颂');
  await m.click('#product-category-0');
  await m.click('#sku-add');
  await m.click('#sku-add');
  await fillField(m, 'sku-label-0', '单个');
  await fillField(m, 'sku-price-0', '12');
  await fillField(m, 'sku-stock-0', '30');
  await fillField(m, 'sku-label-1', '四个装');
  await fillField(m, 'sku-price-1', '42');
  await fillField(m, 'sku-stock-1', '10');
  await m.click('#product-save');
  await until(
    async () => h.cloud.db.find('products', { query: { storeId, name: '海盐可颂' } }).length,
    (n) => n === 1,
    'product saved',
  );
  const [product] = h.cloud.db.find('products', { query: { storeId, name: '海盐可颂' } }) as { _id: string; images: string[]; skus: { id: string; label: string }[] }[];
  expect(product.images).toHaveLength(1);
  const box = product.skus.find((s) => s.label === '四个装')!;

  // The owner waits on the orders page with the alert switched on.
  // A fresh load: the H5 router keeps earlier pages of the stack in the document.
  await m.goto(`${h.urls.merchant}#/pages/orders/index`);
  await m.reload();
  await m.click('#alert-toggle');
  await shows(m, '#alert-toggle', '关闭提醒');

  // 5. A consumer sees it and orders the four-pack for pickup, paying in the WeChat Pay sandbox.
  const consumer = await open(h.urls.consumer);
  const c = consumer.page;
  await c.click('#login-demo-consumer-1');
  await c.waitForSelector('[id^="store-card-"]', { timeout: 15_000 });
  await c.goto(`${h.urls.consumer}#/pages/store/index?id=${storeId}`);
  await shows(c, `#price-${product._id}`, '¥12.00 起', 15_000);
  await c.click(`#choose-${product._id}`);
  await c.click(`#sku-${box.id}`);
  await c.click('#picker-add');
  await until(
    () => c.textContent('#cart-count'),
    (v) => v === '1',
    'cart count',
  );
  await c.click('#go-checkout');
  await c.waitForSelector('#quote-total');
  await c.click('#mode-pickup');
  await until(() => c.textContent('#quote-total'), textContains('42.00'), 'pickup quote');
  await c.click('#checkout-submit');
  await c.waitForSelector('#pay-button');
  await c.click('#pay-button');
  await until(() => c.textContent('#order-status'), textContains('待商家接单'), 'paid', 15_000);
  const orderId = await c.evaluate(() => new URLSearchParams(location.hash.split('?')[1]).get('id'));
  const code = ((await c.textContent('#pickup-code')) ?? '').match(/\d{6}/)?.[0];
  expect(code).toBeTruthy();

  // 6. It arrives at the merchant with an alert, without a reload; accept, then ready.
  await shows(m, '#new-order-badge', '新订单 1', 15_000);
  await until(
    () => m.evaluate(() => document.querySelector<HTMLAudioElement>('#new-order-audio')?.dataset.played ?? '0'),
    (v) => Number(v) >= 1,
    'the alert sound played',
  );
  await m.click('#order-tabs >> text=新订单');
  await m.waitForSelector(`#order-card-${orderId}`);
  await shows(m, `#order-line-${orderId}-0`, '海盐可颂（四个装）');
  await m.click(`#accept-${orderId}`);
  await m.click('#order-tabs >> text=进行中');
  await m.click(`#ready-${orderId}`);
  await until(() => c.textContent('#order-status'), textContains('待取餐'), 'consumer sees ready', 15_000);

  // 7. The customer shows the code at the counter.
  await m.click('#go-verify');
  await fillField(m, 'verify-input', code!);
  await m.click('#verify-submit');
  await shows(m, '#verify-result', '核销成功', 15_000);

  // 8. The finance page shows the order.
  await until(
    () => h.cloud.functions.drainTriggers().then(() => h.cloud.db.find('ledger_entries', { query: { orderId } }).length),
    (n) => n >= 1,
    'sale booked',
  );
  await m.goto(`${h.urls.merchant}#/pages/finance/index`);
  await m.waitForSelector(`#finance-row-${orderId}`, { timeout: 15_000 });
  await shows(m, `#finance-row-${orderId}`, '42.00');

  expect(merchant.errors).toEqual([]);
  expect(consumer.errors).toEqual([]);
});
