import { startHarness, type Harness } from './lib/harness';
import { shows } from './lib/poll';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => h?.close());

test('the dashboard shows collections, their documents and the invocation log', async () => {
  await h.cloud.functions.invoke('store', { action: 'nearby', data: { lng: 121.4737, lat: 31.2304 } }, { uid: 'demo-consumer-1' });
  const page = await (await h.browser.newContext()).newPage();
  await page.goto(`${h.cloud.url}/dashboard/`);
  await page.click('#collection-stores');
  await page.waitForSelector('summary >> text=store-001');
  await page.fill('input[name=q]', '{"category":"beauty"}');
  await page.click('text=apply');
  await page.waitForSelector('text=8 document(s)');
  await page.click('nav >> text=Invocations');
  await page.waitForSelector('#invocations >> text=store');
  await shows(page, '#invocations', 'demo-consumer-1');
});
