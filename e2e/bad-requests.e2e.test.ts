import type { Page } from 'playwright-core';
import { startHarness, type Harness, watchPage } from './lib/harness';
import { until, shows } from './lib/poll';

/**
 * Bad requests in the slice, in the consumer H5: the function's Chinese message stays on the page with a way out
 * (a toast alone fades and leaves the page blank or stuck), and nothing in the database changes.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const NOODLES = 'store-001-p001'; // 招牌红烧牛肉面 ¥28
const BRAISED = 'store-001-p003'; // 大排面 ¥26
const HAIRCUT = 'store-002-p001'; // 精剪造型: a service, stock 999, so only the order limit of 99 caps it

/** Every document of every collection: what "changes nothing" is checked against. */
const snapshot = () =>
  Object.fromEntries(
    h.cloud.db.collectionNames().map((c) => {
      const docs = h.cloud.db.find(c, { order: [['_id', 1]] });
      expect(docs.length).toBe(h.cloud.db.count(c)); // find() pages at 1000; a snapshot must hold every document
      return [c, docs];
    }),
  );

/** The element keeps showing `want` for the whole window: it is on the page to stay, not a notice that fades. */
async function stays(page: Page, selector: string, want: string, windowMs = 3500): Promise<void> {
  const end = Date.now() + windowMs;
  while (Date.now() < end) {
    const text = await page.textContent(selector, { timeout: 500 }).catch(() => null);
    expect(text ?? `(${selector} gone)`).toContain(want);
    await page.waitForTimeout(200);
  }
}

async function signedIn(): Promise<{ page: Page; errors: string[] }> {
  const context = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const errors = watchPage(page);
  await page.goto(h.urls.consumer);
  await page.click('#login-demo-consumer-1');
  await page.waitForSelector('#store-card-store-001');
  return { page, errors };
}

const openStore = async (page: Page, storeId: string) => {
  await page.goto(`${h.urls.consumer}#/pages/store/index?id=${storeId}`);
  await page.waitForSelector('#cart-bar');
};
/** Noodles and braised beef go into the cart, then the store takes the noodles off sale (tests put them back). */
async function cartThenOffSale(page: Page): Promise<void> {
  await openStore(page, 'store-001');
  await page.click(`#add-${NOODLES}`);
  await page.click(`#add-${BRAISED}`);
  await until(
    () => page.textContent('#cart-count'),
    (v) => v === '2',
    'cart count',
  );
  setOnShelf(NOODLES, false);
}
/** NutUI draws its buttons as plain elements on H5: disabled is a class, not the attribute Playwright reads. */
const isDisabled = (page: Page, selector: string) => page.$eval(selector, (el) => el.classList.contains('nut-button-disabled'));
const setOnShelf = (productId: string, onShelf: boolean) => h.cloud.db.update('products', { _id: productId }, { $set: { onShelf } });

test('an unknown store shows 店铺不存在 and stays on it, with retry and a way home', async () => {
  const { page, errors } = await signedIn();
  const before = snapshot();
  await page.goto(`${h.urls.consumer}#/pages/store/index?id=store-nope`);
  await shows(page, '#store-error-message', '店铺不存在');
  await stays(page, '#store-error-message', '店铺不存在');

  await page.click('#store-error-retry');
  await shows(page, '#store-error-message', '店铺不存在');
  await page.click('#store-error-home');
  await page.waitForSelector('#store-card-store-001');
  expect(snapshot()).toEqual(before);
  expect(errors).toEqual([]);
});

test('an item taken off sale after it went into the cart: checkout says so and stays; removing it re-prices; no order', async () => {
  const { page, errors } = await signedIn();
  await cartThenOffSale(page);
  try {
    const before = snapshot();
    await page.click('#go-checkout');
    await shows(page, '#checkout-error-message', '「招牌红烧牛肉面」已下架');
    await stays(page, '#checkout-error-message', '已下架');
    expect(await page.textContent('#quote-total')).toBe('--');
    expect(await isDisabled(page, '#checkout-submit')).toBe(true);

    await shows(page, '#checkout-remove-unavailable', '招牌红烧牛肉面');
    await page.click('#checkout-remove-unavailable');
    await page.waitForSelector(`#quote-line-${BRAISED}`);
    await shows(page, '#quote-total', '¥');
    expect(await page.locator('#checkout-error').count()).toBe(0);
    expect(await page.locator(`#quote-line-${NOODLES}`).count()).toBe(0);
    expect(snapshot()).toEqual(before);
    expect(errors).toEqual([]);
  } finally {
    setOnShelf(NOODLES, true);
  }
});

test('back from a refused checkout, the store page has dropped the off-sale item from the cart', async () => {
  const { page } = await signedIn();
  await cartThenOffSale(page);
  try {
    const before = snapshot();
    await page.click('#go-checkout');
    await shows(page, '#checkout-error-message', '已下架');
    await page.click('#checkout-back');
    await until(
      () => page.textContent('#cart-count').catch(() => null),
      (v) => v === '1',
      'cart count after the off-sale item is dropped',
    );
    expect(await page.locator(`#product-${NOODLES}`).count()).toBe(0);
    await shows(page, `#qty-${BRAISED}`, '1');
    expect(snapshot()).toEqual(before);
  } finally {
    setOnShelf(NOODLES, true);
  }
});

test('the cart holds 1 to 99 of a product: + stops at 99, − at 1 drops the line, a tampered stored cart is cleaned', async () => {
  const { page, errors } = await signedIn();
  const before = snapshot();
  await openStore(page, 'store-002');
  for (let i = 0; i < 99; i++) await page.click(`#add-${HAIRCUT}`);
  await shows(page, `#qty-${HAIRCUT}`, '99');
  await until(
    () => isDisabled(page, `#add-${HAIRCUT}`),
    (v) => v,
    '+ disabled at 99',
  );
  await page.click(`#add-${HAIRCUT}`, { force: true });
  await stays(page, '#cart-count', '99', 1000);
  await page.click(`#minus-${HAIRCUT}`);
  await shows(page, '#cart-count', '98');

  const second = 'store-002-p002';
  await page.click(`#add-${second}`);
  await shows(page, '#cart-count', '99');
  await page.click(`#minus-${second}`);
  await until(
    () => page.locator(`#qty-${second}`).count(),
    (n) => n === 0,
    'line gone at 0',
  );
  await shows(page, '#cart-count', '98');

  // A cart edited in localStorage: quantities of 0 and 10^9 never reach checkout.
  await page.evaluate(() => {
    const raw = JSON.parse(localStorage.getItem('cart:store-002')!);
    const line = raw.data.lines[0];
    raw.data.lines = [
      { ...line, quantity: 0 },
      { ...line, productId: 'store-002-p002', quantity: 1e9 },
    ];
    localStorage.setItem('cart:store-002', JSON.stringify(raw));
  });
  await page.reload();
  await page.waitForSelector('#cart-bar');
  await shows(page, '#cart-count', '0');
  await page.goto(`${h.urls.consumer}#/pages/checkout/index?storeId=store-002`);
  await shows(page, '#cart-empty', '购物车是空的');
  expect(await isDisabled(page, '#checkout-submit')).toBe(true);
  expect(snapshot()).toEqual(before);
  expect(errors).toEqual([]);
});
