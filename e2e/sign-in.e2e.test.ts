import { browserSdkBundle, startHarness, type Harness, watchPage } from './lib/harness';
import { shows } from './lib/poll';

/**
 * Ordering needs a real identity. When the cloud says a sign-in is needed (no session, or an anonymous one), the
 * consumer H5 takes the user to the login page with the cloud's reason on it, instead of leaving a stuck page
 * that says 请先登录 with no way to do so; and nothing is ordered.
 */
let h: Harness;
let sdkBundle: string;
beforeAll(async () => {
  h = await startHarness();
  sdkBundle = await browserSdkBundle();
});
afterAll(async () => h?.close());

const STORE = 'store-001';
const PRODUCT = 'store-001-p001';

async function freshPage() {
  const page = await (await h.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  return { page, errors: watchPage(page) };
}

test('a checkout opened without signing in goes to the login page, which says why; after login the app works', async () => {
  const orders = h.cloud.db.count('orders');
  const { page, errors } = await freshPage();
  await page.goto(`${h.urls.consumer}#/pages/checkout/index?storeId=${STORE}`);
  await shows(page, '#login-reason', '请先登录');
  await page.click('#login-demo-consumer-1');
  await page.waitForSelector(`#store-card-${STORE}`);
  expect(h.cloud.db.count('orders')).toBe(orders);
  expect(errors).toEqual([]);
});

test('an anonymous session may browse a store, but its checkout is refused by the cloud and goes to the login page with the cloud’s reason', async () => {
  const orders = h.cloud.db.count('orders');
  const { page, errors } = await freshPage();
  await page.goto(h.urls.consumer);
  await page.waitForSelector('#page-login');
  // An anonymous js-sdk session in the app's own storage, as a guest sign-in would leave it.
  await page.addScriptTag({ content: sdkBundle });
  await page.evaluate(async () => {
    const app = (window as any).cloudbase.init({ env: 'daojia-local-consumer', persistence: 'local' });
    app.registerHost(location.host, 'http');
    const auth = app.auth({ persistence: 'local' });
    const res = await auth.signInAnonymously();
    if (res?.error) throw new Error(`anonymous sign-in failed: ${JSON.stringify(res.error)}`);
    const uid = (await auth.getCurrentUser())?.uid ?? 'anonymous';
    localStorage.setItem('daojia.profile.daojia-local-consumer', JSON.stringify({ uid, customUserId: '', role: 'anonymous', name: '游客' }));
  });
  await page.goto(`${h.urls.consumer}#/pages/store/index?id=${STORE}`);
  await page.reload();
  await page.waitForSelector(`#add-${PRODUCT}`);
  await page.click(`#add-${PRODUCT}`);
  await page.click('#go-checkout');
  await shows(page, '#login-reason', '游客只能浏览店铺');
  expect(h.cloud.db.count('orders')).toBe(orders);
  expect(errors).toEqual([]);
});
