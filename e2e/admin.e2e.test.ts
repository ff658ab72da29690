import path from 'node:path';
import { startHarness, SCREENSHOTS, type Harness } from './lib/harness';
import { until, shows } from './lib/poll';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => h?.close());

test('admin panel: sign in as the 静安区 manager, see the overview and only their region’s stores', async () => {
  const page = await (await h.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(h.urls.admin);
  await page.click('#login-demo-region-jingan');
  await page.waitForSelector('#kpi-stores');
  const jinganStores = h.cloud.db.count('stores', { region: '静安区' });
  await until(() => page.textContent('#kpi-stores'), (v) => v === String(jinganStores), 'store count KPI');
  await shows(page, '#admin-identity', '区域经理 · 静安区');
  await page.screenshot({ path: path.join(SCREENSHOTS, 'admin-overview.png') });
  await page.click('text=商户管理');
  await page.waitForSelector('#stores-table .ant-table-row');
  const regions = await page.$$eval('#stores-table .ant-table-row td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
  expect(regions.length).toBeGreaterThan(0);
  expect(new Set(regions)).toEqual(new Set(['静安区']));
  expect(errors).toEqual([]);
});
