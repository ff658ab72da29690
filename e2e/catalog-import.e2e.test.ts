import path from 'node:path';
import { CATALOG_SHEET_HEADERS } from '@daojia/domain';
import { writeCsv } from '@daojia/modules/spreadsheets';
import { startHarness, type Harness, watchPage, SCREENSHOTS } from './lib/harness';
import { shows } from './lib/poll';

/**
 * The spreadsheet import from the merchant H5: a 50-row file with one bad price is uploaded, the report names row 38
 * and its column, and not one product changed; the fixed file is then imported whole (49 products, one in two SKUs).
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const STORE = 'store-001';

function file(bad: boolean) {
  const rows: string[][] = [];
  for (let i = 1; i <= 48; i++) rows.push([`E${i}`, '导入热菜', `网页导入菜${i}`, '', bad && i === 37 ? '12.345' : `${10 + i}.5`, '20', '商品', '', '', '是', '']);
  rows.push(['EN', '导入主食', '网页导入面', '大碗', '18', '30', '商品', '', '', '是', '']);
  rows.push(['EN', '导入主食', '网页导入面', '小碗', '15.8', '40', '商品', '', '', '是', '']);
  return { name: bad ? '菜单-有错.csv' : '菜单.csv', mimeType: 'text/csv', buffer: writeCsv(CATALOG_SHEET_HEADERS, rows) };
}
const imported = () => h.cloud.db.find('products', { query: { storeId: STORE } }).filter((p: any) => p.name.startsWith('网页导入')) as any[];

test('the owner imports a 50-row file with a bad row (report names it, nothing applied), then the fixed file', async () => {
  const ctx = await h.browser.newContext({ viewport: { width: 390, height: 844 } });
  const m = await ctx.newPage();
  const errors = watchPage(m);
  await m.goto(h.urls.merchant);
  await m.click('#login-demo-merchant-001');
  await m.goto(`${h.urls.merchant}#/pages/catalog-import/index`);
  await m.waitForSelector('#import-pick');

  const [bad] = await Promise.all([m.waitForEvent('filechooser'), m.click('#import-pick')]);
  await bad.setFiles(file(true));
  await shows(m, '#import-status', '未导入：文件有错误');
  await shows(m, '#import-error-38', '第 38 行 · 价格(元)');
  await shows(m, '#import-error-38', '两位小数');
  expect(await m.locator('.import-error').count()).toBe(1);
  expect(imported()).toEqual([]);
  await m.screenshot({ path: path.join(SCREENSHOTS, 'merchant-catalog-import.png') });

  const [good] = await Promise.all([m.waitForEvent('filechooser'), m.click('#import-pick')]);
  await good.setFiles(file(false));
  await shows(m, '#import-status', '导入成功');
  await shows(m, '#import-done', '新增 49 个');
  const products = imported();
  expect(products).toHaveLength(49);
  expect(products.find((p) => p.code === 'EN')).toMatchObject({ priceFen: 1580, stock: 70 });
  expect(errors).toEqual([]);
  await ctx.close();
});
