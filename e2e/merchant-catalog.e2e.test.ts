import path from 'node:path';
import { isOwnUpload } from '@daojia/domain';
import { startHarness, type Harness, watchPage, SCREENSHOTS, fillField } from './lib/harness';
import { shows, until } from './lib/poll';

/**
 * The owner's first product from the merchant H5: a photo uploaded from the phone, two SKUs with their own price and
 * stock, saved from the product form; the consumer's store page shows it at once, priced from its cheapest SKU.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const STORE = 'store-001';
const PHOTO = path.join(__dirname, '..', 'scripts', 'seed', 'pictures', 'products', 'bread.webp');

test('the owner creates a product with a photo and two SKUs in the merchant H5; the consumer’s store page shows it', async () => {
  const merchant = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const m = await merchant.newPage();
  const errors = watchPage(m);
  await m.goto(h.urls.merchant);
  await m.click('#login-demo-merchant-001');
  // As the owner would: 工作台 → 商品管理 → 新建商品.
  await m.click('#go-workbench');
  await m.click('#tile-catalog');
  await m.waitForSelector('#catalog-new');
  await m.click('#catalog-new');
  await m.waitForSelector('#product-name');

  const [chooser] = await Promise.all([m.waitForEvent('filechooser'), m.click('#photo-add')]);
  await chooser.setFiles(PHOTO);
  await m.waitForSelector('#photo-0');
  await fillField(m, 'product-name', '番茄牛腩面');
  await fillField(m, 'product-description', '番茄慢炖牛腩，汤浓面劲');
  await m.click('#sku-add');
  await m.click('#sku-add');
  await fillField(m, 'sku-label-0', '大份');
  await fillField(m, 'sku-price-0', '32');
  await fillField(m, 'sku-stock-0', '40');
  await fillField(m, 'sku-label-1', '小份');
  await fillField(m, 'sku-price-1', '26.5');
  await fillField(m, 'sku-stock-1', '3');
  await m.click('#product-save');

  // Saved (or the toast says why not), then back on the list with the new row, priced from its cheapest SKU, its
  // small SKU flagged low on stock.
  const find = () => h.cloud.db.find('products', { query: { storeId: STORE, name: '番茄牛腩面' } });
  await until(
    async () => (find().length ? 'saved' : await m.locator('.nut-toast').allTextContents()),
    (v) => v === 'saved',
    'product saved',
  );
  const [saved] = find() as {
    _id: string;
    image: string;
    images: string[];
    priceFen: number;
    stock: number;
    skus: { label: string; priceFen: number; stock: number }[];
  }[];
  expect(saved).toMatchObject({
    priceFen: 2650,
    stock: 43,
    skus: [
      { label: '大份', priceFen: 3200, stock: 40 },
      { label: '小份', priceFen: 2650, stock: 3 },
    ],
  });
  expect(isOwnUpload(saved.images[0], 'demo-merchant-001')).toBe(true);
  expect(saved.image).toBe(saved.images[0]);
  await m.waitForSelector(`#product-row-${saved._id}`);
  await shows(m, `#product-price-${saved._id}`, '¥26.50 起');
  await shows(m, `#low-stock-${saved._id}`, '库存紧张'); // 小份: 3 left, at or below the default mark of 5
  await m.locator(`#product-row-${saved._id}`).scrollIntoViewIfNeeded();
  await m.screenshot({ path: path.join(SCREENSHOTS, 'merchant-catalog.png') });

  const consumer = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const c = await consumer.newPage();
  const consumerErrors = watchPage(c);
  await c.goto(h.urls.consumer);
  await c.click('#login-demo-consumer-2');
  await c.click(`#store-card-${STORE}`);
  await shows(c, `#product-${saved._id}`, '番茄牛腩面');
  await shows(c, `#price-${saved._id}`, '¥26.50 起');
  // The photo the owner uploaded, served from cloud storage (the merchant's row shows it as its cover too).
  const loaded = (page: typeof c, selector: string) => () =>
    page
      .locator(`${selector} img`)
      .first()
      .evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0)
      .catch(() => false);
  await until(loaded(c, `#product-${saved._id}`), (v) => v, 'the photo on the consumer’s menu');
  await until(loaded(m, `#product-row-${saved._id}`), (v) => v, 'the cover on the merchant’s list');
  expect(errors).toEqual([]);
  expect(consumerErrors).toEqual([]);
  await merchant.close();
  await consumer.close();
});
