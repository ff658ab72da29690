import { adminSignIn, startHarness, type Harness, fillField, openPhone } from './lib/harness';
import { shows } from './lib/poll';

/**
 * Becoming a store and running its team, in the built merchant H5 and admin panel: a prospective merchant (no store)
 * signs in and is offered 申请开店 / 输入邀请码; applies with a licence photo; the 静安区 manager approves in 入驻审核;
 * the applicant's workbench shows the store as 店长 with its terms; they invite a clerk, who joins by code and sees a
 * clerk's tiles, switches between their stores, and loses the store at once when removed.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

// A 1×1 PNG: the storage checks that an image's bytes are one.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const open = (url: string) => openPhone(h.browser, url);

test('apply → approve in 入驻审核 → owner with terms → invite → a clerk joins, switches stores, and is removed', async () => {
  const applicant = await open(h.urls.merchant);
  const a = applicant.page;
  await a.click('#login-demo-applicant');
  // Nobody's staff yet: the orders page hands over to the workbench's offer instead of a FORBIDDEN toast.
  await a.waitForSelector('#workbench-no-store', { timeout: 15_000 });
  await a.click('#workbench-apply');
  await a.waitForSelector('#apply-form');
  await fillField(a, 'apply-name', '南京西路手作面馆');
  await fillField(a, 'apply-address', '静安区南京西路1000号');
  await shows(a, '#apply-region', '静安区');
  const [chooser] = await Promise.all([a.waitForEvent('filechooser'), a.click('#apply-licence')]);
  await chooser.setFiles({ name: 'licence.png', mimeType: 'image/png', buffer: PNG });
  await shows(a, '#apply-licence', '重新上传');
  await fillField(a, 'apply-contact', '沈先生');
  await fillField(a, 'apply-phone', '13911112222');
  await a.click('#apply-submit');
  await shows(a, '#workbench-application', '审核中', 15_000);
  const [application] = h.cloud.db.find('store_applications', { query: { applicantKey: 'demo-applicant' } }) as any[];
  expect(application).toMatchObject({ status: 'pending', region: '静安区', licenceFileId: expect.stringContaining('/uploads/demo-applicant/licence/') });

  const admin = await open(h.urls.admin);
  const p = admin.page;
  await adminSignIn(p, 'demo-region-jingan');
  await p.click('text=入驻审核');
  await p.click(`#approve-${application._id}`);
  await p.click(`#approve-ok-${application._id}`);
  await p.waitForSelector('text=已通过：门店「南京西路手作面馆」已创建');

  await a.reload();
  await shows(a, '#workbench-store-name', '南京西路手作面馆', 15_000);
  await shows(a, '#workbench-role', '店长');
  await shows(a, '#workbench-terms', '佣金 8%');
  await shows(a, '#workbench-status', '休息中');
  await a.click('#tile-staff');
  await a.click('#staff-invite');
  const code = ((await a.locator('.invite-code').first().textContent()) ?? '').trim();
  expect(code).toMatch(/^[A-Z0-9]{6}$/);

  // store-002's owner joins as a clerk: now at two stores, a clerk in the new one.
  const clerk = await open(h.urls.merchant);
  const c = clerk.page;
  await c.click('#login-demo-merchant-002');
  await c.goto(`${h.urls.merchant}#/pages/join/index`);
  await fillField(c, 'join-code', code.toLowerCase());
  await c.click('#join-submit');
  await shows(c, '#workbench-store-name', '南京西路手作面馆', 15_000);
  await shows(c, '#workbench-role', '店员');
  await c.waitForSelector('#tile-orders');
  await c.waitForSelector('#tile-settings'); // read-only for a clerk
  expect(await c.locator('#tile-finance, #tile-staff, #tile-catalog-import, #tile-marketing').count()).toBe(0);
  await c.click('#workbench-switch');
  await c.click('#choose-store-002');
  await shows(c, '#workbench-role', '店长', 15_000);
  await c.waitForSelector('#tile-finance');

  // The owner removes the clerk: their next look at their stores no longer has it.
  await a.reload();
  const row = `store-${application._id.replace(/^sa-/, '')}:demo-merchant-002`;
  await a.click(`#staff-remove-${row.replace(':', '\\:')}`);
  await a.click(`#staff-remove-confirm-${row.replace(':', '\\:')}`);
  await a.waitForSelector(`#staff-${row.replace(':', '\\:')}`, { state: 'detached' });
  await c.click('#workbench-switch');
  await c.waitForSelector('#choose-store-002');
  expect(await c.locator(`[id^="choose-store-"]`).count()).toBe(1);

  expect(applicant.errors).toEqual([]);
  expect(admin.errors).toEqual([]);
  expect(clerk.errors).toEqual([]);
});
