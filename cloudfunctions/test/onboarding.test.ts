import { addMonths } from '@daojia/domain';
import { startSeededCloud, type Reply } from './harness';

/**
 * Becoming a store: apply (merchantAccount.apply) → the platform reviews (admin.reviewApplication) → approved: the
 * applicant owns a new, closed store with its commission terms; rejected: the reason is shown and they apply again.
 * Regional managers review only their regions.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
  t.cloud.db.insert('admins', [{ _id: 'admin-onb-huangpu', userKey: 'onb-region-huangpu', roles: ['region_manager'], regions: ['黄浦区'], name: '黄浦区区域经理' }]);
});
afterAll(async () => t?.close());

const JINGAN = { lng: 121.456, lat: 31.242 };
const form = (who: string, over: Record<string, unknown> = {}) => ({
  name: '弄堂口馄饨',
  category: 'catering',
  address: '静安区南京西路88号',
  location: JINGAN,
  licenceFileId: `cloud://local.local/uploads/${who}/licence/x.png`,
  contactName: '陈先生',
  contactPhone: '13912345678',
  ...over,
});
const fail = (r: Reply) => (r.ok ? 'ok' : r.code);

test('apply → approve: the applicant owns a new closed store with the default terms; another region’s manager cannot see or review it', async () => {
  const who = 'onb-applicant-1';
  const { application } = await t.ok(who, 'merchantAccount', 'apply', form(who));
  expect(application).toMatchObject({ status: 'pending', region: '静安区' });
  expect((await t.ok(who, 'merchantAccount', 'myStores')).stores).toEqual([]);

  // The 黄浦区 manager: not in their queue, and not found when named.
  const theirs = await t.ok('onb-region-huangpu', 'admin', 'listApplications', {});
  expect(theirs.applications.map((a: any) => a._id)).not.toContain(application._id);
  expect(fail(await t.call('onb-region-huangpu', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'approve' }))).toBe('APPLICATION_NOT_FOUND');
  expect(t.doc('store_applications', application._id).status).toBe('pending');

  const queue = await t.ok('demo-region-jingan', 'admin', 'listApplications', {});
  expect(queue.applications.map((a: any) => a._id)).toContain(application._id);
  const review = await t.ok('demo-region-jingan', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'approve' });
  expect(review.store).toMatchObject({ status: 'closed', name: '弄堂口馄饨' });

  const { stores } = await t.ok(who, 'merchantAccount', 'myStores');
  expect(stores).toEqual([
    expect.objectContaining({
      storeId: review.store._id,
      name: '弄堂口馄饨',
      status: 'closed',
      role: 'owner',
      region: '静安区',
      permissions: expect.arrayContaining(['store.staff.manage', 'store.settings.manage']),
    }),
  ]);
  // Catering's default rate, and the first 3 months free from the approval.
  const approvedAt = new Date(t.doc('store_applications', application._id).reviewedAt);
  expect(stores[0].terms).toEqual({ commissionRateBp: 800, freeUntil: addMonths(approvedAt, 3).toISOString() });
  const store = t.doc('stores', review.store._id);
  expect(store).toMatchObject({ status: 'closed', region: '静安区', modes: ['delivery', 'pickup'], phone: '13912345678' });
  expect(store.hours).toHaveLength(7);
  // Closed until the owner opens it: consumers do not find it nearby.
  const nearby = await t.ok('demo-consumer-1', 'store', 'nearby', JINGAN);
  expect(nearby.stores.map((s: any) => s._id)).not.toContain(review.store._id);

  const [mine] = (await t.ok(who, 'merchantAccount', 'myApplications')).applications;
  expect(mine).toMatchObject({ status: 'approved', storeId: review.store._id, terms: stores[0].terms });
  expect(t.cloud.db.find('audit_logs', { query: { applicationId: application._id } })).toEqual([
    expect.objectContaining({ action: 'approveApplication', storeId: review.store._id, by: expect.objectContaining({ userKey: 'demo-region-jingan' }) }),
  ]);
  // Decided once: a second approval is refused and makes no second store.
  expect(fail(await t.call('demo-admin', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'approve' }))).toBe('APPLICATION_NOT_PENDING');
  expect(t.count('stores', { name: '弄堂口馄饨' })).toBe(1);
});

test('one open application at a time; a rejection needs a reason, is shown to the applicant, and they apply again', async () => {
  const who = 'onb-applicant-2';
  const { application } = await t.ok(who, 'merchantAccount', 'apply', form(who, { name: '巷口理发', category: 'beauty' }));
  expect(fail(await t.call(who, 'merchantAccount', 'apply', form(who)))).toBe('APPLICATION_OPEN');

  expect(fail(await t.call('demo-operations', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'reject' }))).toBe('INVALID_INPUT');
  await t.ok('demo-operations', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'reject', reason: '营业执照照片不清晰' });
  const [rejected] = (await t.ok(who, 'merchantAccount', 'myApplications')).applications;
  expect(rejected).toMatchObject({ _id: application._id, status: 'rejected', reason: '营业执照照片不清晰' });
  expect(t.cloud.db.find('audit_logs', { query: { applicationId: application._id } })).toEqual([expect.objectContaining({ action: 'rejectApplication', reason: '营业执照照片不清晰' })]);
  expect(fail(await t.call('demo-operations', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'approve' }))).toBe('APPLICATION_NOT_PENDING');

  const again = await t.ok(who, 'merchantAccount', 'apply', form(who, { name: '巷口理发', category: 'beauty' }));
  expect(again.application.status).toBe('pending');
  expect((await t.ok(who, 'merchantAccount', 'myApplications')).applications.map((a: any) => a.status)).toEqual(['pending', 'rejected']);
  // Beauty's default rate on approval.
  const review = await t.ok('demo-admin', 'admin', 'reviewApplication', { applicationId: again.application._id, decision: 'approve' });
  expect(review.store.terms.commissionRateBp).toBe(500);
});

test('the licence must be the applicant’s own upload, and the point inside a served district', async () => {
  const who = 'onb-applicant-3';
  expect(fail(await t.call(who, 'merchantAccount', 'apply', form(who, { licenceFileId: 'cloud://local.local/uploads/someone-else/licence/x.png' })))).toBe('LICENCE_INVALID');
  expect(fail(await t.call(who, 'merchantAccount', 'apply', form(who, { licenceFileId: 'https://example.com/x.png' })))).toBe('LICENCE_INVALID');
  expect(fail(await t.call(who, 'merchantAccount', 'apply', form(who, { location: { lng: 116.397, lat: 39.908 } })))).toBe('REGION_UNSUPPORTED');
  expect(fail(await t.call(who, 'merchantAccount', 'apply', form(who, { contactPhone: '12345' })))).toBe('INVALID_INPUT');
  expect(t.count('store_applications', { applicantKey: who })).toBe(0);
  // 人民广场 is 黄浦区.
  const { application } = await t.ok(who, 'merchantAccount', 'apply', form(who, { location: { lng: 121.4737, lat: 31.2304 } }));
  expect(application.region).toBe('黄浦区');
});

test('an approval that died after its first step is finished by approving again: one store, one owner row', async () => {
  const who = 'onb-applicant-4';
  const { application } = await t.ok(who, 'merchantAccount', 'apply', form(who, { name: '半途小店' }));
  // As if the reviewer's call died after pending → approving (store id and terms fixed, nothing else written).
  const terms = { commissionRateBp: 800, freeUntil: '2027-03-01T00:00:00.000Z' };
  t.cloud.db.update(
    'store_applications',
    { _id: application._id },
    { $set: { status: 'approving', storeId: 'store-halfway', terms, reviewedAt: '2026-12-01T00:00:00.000Z', reviewedBy: { adminId: 'admin-1', name: '平台超级管理员' } } },
  );
  expect((await t.ok(who, 'merchantAccount', 'myApplications')).applications[0].status).toBe('approving');
  const review = await t.ok('demo-admin', 'admin', 'reviewApplication', { applicationId: application._id, decision: 'approve' });
  expect(review.store).toMatchObject({ _id: 'store-halfway', terms });
  expect(t.count('stores', { _id: 'store-halfway' })).toBe(1);
  expect(t.count('merchant_staff', { storeId: 'store-halfway', userKey: who, role: 'owner' })).toBe(1);
  expect(t.doc('store_applications', application._id).status).toBe('approved');
});
