import path from 'node:path';
import { startHarness, type Harness, watchPage, SCREENSHOTS, fillField } from './lib/harness';
import { shows, until } from './lib/poll';

/**
 * Store settings from the merchant H5, seen by a consumer at once: the owner changes the announcement and the minimum
 * order and switches the store off; the consumer's store page shows the new announcement and minimum order, says the
 * store is closed and will not take anything into the cart. A clerk sees the settings read only.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const STORE = 'store-001';
const PRODUCT = 'store-001-p001';
type Page = import('playwright-core').Page;
/** NutUI draws its buttons as plain elements on H5: disabled is a class, not the attribute Playwright reads. */
const disabled = (page: Page, selector: string) => page.$eval(selector, (el) => el.classList.contains('nut-button-disabled'));
const store = () => h.cloud.db.find('stores', { query: { _id: STORE } })[0] as { status: string; announcement: string; minOrderFen: number };

async function signedIn(app: 'merchant' | 'consumer', who: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchPage(page);
  await page.goto(h.urls[app]);
  await page.click(`#login-${who}`);
  // The login lands on the app's home page; going on before it does would be undone by that landing.
  await page.waitForSelector(app === 'merchant' ? '#page-merchant-orders' : '#page-nearby', { timeout: 20_000 });
  return { page, errors, close: () => context.close() };
}

test('the owner edits and switches off in the merchant H5; the consumer’s store page follows at once; a clerk only reads', async () => {
  const owner = await signedIn('merchant', 'demo-merchant-001');
  const m = owner.page;
  await m.goto(`${h.urls.merchant}#/pages/settings/index`);
  await m.waitForSelector('#settings-save');
  await shows(m, '#open-state', '营业中');
  await fillField(m, 'announcement', '新店装修完毕，欢迎品尝');
  await fillField(m, 'min-order', '25');
  await m.click('#settings-save');
  await until(
    async () => store(),
    (s) => s.announcement === '新店装修完毕，欢迎品尝' && s.minOrderFen === 2500,
    'settings saved',
  );
  await m.click('#open-switch');
  await until(
    async () => store().status,
    (s) => s === 'closed',
    'store switched off',
  );
  await shows(m, '#open-state', '已打烊');
  await m.evaluate(() => document.querySelector('#page-settings')?.scrollIntoView());
  await m.waitForTimeout(2500); // the toast fades
  await m.screenshot({ path: path.join(SCREENSHOTS, 'merchant-settings.png') });

  const consumer = await signedIn('consumer', 'demo-consumer-1');
  const c = consumer.page;
  await c.goto(`${h.urls.consumer}#/pages/store/index?id=${STORE}`);
  await shows(c, '#store-closed', '店铺暂停营业');
  await shows(c, '#store-open-state', '休息中');
  await shows(c, '#page-store', '新店装修完毕，欢迎品尝');
  await shows(c, '#store-fees', '起送 ¥25.00');
  await shows(c, '#go-checkout', '休息中');
  expect(await disabled(c, `#add-${PRODUCT}`)).toBe(true);
  await c.screenshot({ path: path.join(SCREENSHOTS, 'consumer-store-closed.png') });
  await c.click(`#add-${PRODUCT}`);
  await shows(c, '#cart-count', '0');

  const clerk = await signedIn('merchant', 'demo-clerk-001');
  await clerk.page.goto(`${h.urls.merchant}#/pages/settings/index`);
  await shows(clerk.page, '#read-only-note', '店员只能查看');
  expect(await clerk.page.locator('#settings-save').count()).toBe(0);

  // Switched on again: the consumer, reloading, may order.
  await m.click('#open-switch');
  await until(
    async () => store().status,
    (s) => s === 'open',
    'store switched on',
  );
  await c.reload();
  await shows(c, '#store-open-state', '营业中', 20_000);
  await c.click(`#add-${PRODUCT}`);
  await shows(c, '#cart-count', '1');
  expect(owner.errors).toEqual([]);
  expect(consumer.errors).toEqual([]);
  expect(clerk.errors).toEqual([]);
  await Promise.all([owner.close(), consumer.close(), clerk.close()]);
});
