import { startSeededCloud, MERCHANT, STORE, type Reply } from './harness';

/**
 * A store's team: the owner makes a single-use invite code, a signed-in person redeems it and is a clerk there (a
 * clerk's permissions, not the owner's); used, expired and unknown codes are refused; a removed clerk is refused on
 * their very next call; the owner cannot be removed.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t?.close());

const fail = (r: Reply) => (r.ok ? 'ok' : r.code);
const invite = async () => (await t.ok(MERCHANT, 'merchantAccount', 'createInvite')).invite as { code: string; expiresAt: string; storeId: string };

test('invite → join → clerk; the code works once; the owner sees the clerk and the open codes', async () => {
  const code = (await invite()).code;
  const opened = await t.ok(MERCHANT, 'merchantAccount', 'listStaff');
  expect(opened.invites.map((i: any) => i.code)).toContain(code);
  const hours = (Date.parse(opened.invites.find((i: any) => i.code === code).expiresAt) - Date.now()) / 3600e3;
  expect(hours).toBeGreaterThan(71.9);
  expect(hours).toBeLessThanOrEqual(72);

  // Typed as people type it: lower case, with a space.
  const joined = await t.ok('staff-newcomer', 'merchantAccount', 'join', { code: `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`, name: '小周' });
  expect(joined.store).toMatchObject({ storeId: STORE, role: 'clerk' });
  expect(joined.store.permissions).toEqual(expect.arrayContaining(['store.orders.serve', 'store.stock.manage']));
  expect(joined.store.permissions).not.toEqual(expect.arrayContaining(['store.finance.read']));
  expect(joined.store.permissions).not.toContain('store.catalog.manage');

  // A clerk serves orders but does not manage staff.
  expect(fail(await t.call('staff-newcomer', 'merchantOrder', 'list', {}))).toBe('ok');
  expect(fail(await t.call('staff-newcomer', 'merchantAccount', 'createInvite'))).toBe('FORBIDDEN');

  expect(fail(await t.call('staff-latecomer', 'merchantAccount', 'join', { code }))).toBe('INVITE_USED');
  expect(fail(await t.call('staff-newcomer', 'merchantAccount', 'join', { code: (await invite()).code }))).toBe('ALREADY_STAFF');
  expect(fail(await t.call('staff-latecomer', 'merchantAccount', 'join', { code: 'QQQQQQ' }))).toBe('INVITE_NOT_FOUND');
  expect(fail(await t.call('staff-latecomer', 'merchantAccount', 'join', { code: 'abc' }))).toBe('INVALID_INPUT');
  expect((await t.ok('staff-latecomer', 'merchantAccount', 'myStores')).stores).toEqual([]);

  const team = await t.ok(MERCHANT, 'merchantAccount', 'listStaff');
  expect(team.staff[0]).toMatchObject({ role: 'owner', self: true });
  expect(team.staff).toEqual(expect.arrayContaining([expect.objectContaining({ name: '小周', role: 'clerk', self: false })]));
  expect(team.invites.map((i: any) => i.code)).not.toContain(code);
});

test('an expired code is refused and stays unused', async () => {
  const { code } = await invite();
  t.cloud.db.update('staff_invites', { _id: code }, { $set: { expiresAt: new Date(Date.now() - 1000).toISOString() } });
  expect(fail(await t.call('staff-late', 'merchantAccount', 'join', { code }))).toBe('INVITE_EXPIRED');
  expect(t.doc('staff_invites', code).usedBy).toBeUndefined();
  expect(t.count('merchant_staff', { userKey: 'staff-late' })).toBe(0);
  expect((await t.ok(MERCHANT, 'merchantAccount', 'listStaff')).invites.map((i: any) => i.code)).not.toContain(code);
});

test('a removed clerk is refused at once; the owner cannot be removed; another store’s staff is not found', async () => {
  await t.ok('staff-leaver', 'merchantAccount', 'join', { code: (await invite()).code, name: '小李' });
  expect(fail(await t.call('staff-leaver', 'merchantOrder', 'list', {}))).toBe('ok');
  const { staff } = await t.ok(MERCHANT, 'merchantAccount', 'listStaff');
  const leaver = staff.find((s: any) => s.name === '小李');
  const owner = staff.find((s: any) => s.role === 'owner');

  expect(await t.ok(MERCHANT, 'merchantAccount', 'removeStaff', { staffId: leaver._id })).toEqual({ removed: leaver._id });
  expect(await t.call('staff-leaver', 'merchantOrder', 'list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect((await t.ok('staff-leaver', 'merchantAccount', 'myStores')).stores).toEqual([]);
  expect(fail(await t.call(MERCHANT, 'merchantAccount', 'removeStaff', { staffId: leaver._id }))).toBe('STAFF_NOT_FOUND');

  expect(fail(await t.call(MERCHANT, 'merchantAccount', 'removeStaff', { staffId: owner._id }))).toBe('CANNOT_REMOVE_OWNER');
  // store-002's owner cannot remove store-001's clerk.
  expect(fail(await t.call('demo-merchant-002', 'merchantAccount', 'removeStaff', { staffId: 'staff-001-clerk' }))).toBe('STAFF_NOT_FOUND');
  expect(t.doc('merchant_staff', 'staff-001-clerk')).toMatchObject({ role: 'clerk' });
});
