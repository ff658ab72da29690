import fc from 'fast-check';
import {
  PERMISSIONS,
  PERMISSION_NAMES,
  PLATFORM_ROLES,
  STORE_ROLES,
  actingMembership,
  can,
  holdersText,
  permissionsOf,
  principal,
  regionFilter,
  requirePlatform,
  scope,
  type Permission,
  type PlatformRole,
  type Principal,
  type ScopeFilter,
  type StoreRole,
} from '../src';

const person = (over: Partial<Principal> = {}): Principal => ({ userKey: 'u1', anonymous: false, stores: [], platform: null, ...over });
const staffOf = (...stores: [string, StoreRole][]) => person({ stores: stores.map(([storeId, role]) => ({ storeId, role })) });
const platform = (roles: PlatformRole[], regions?: string[]) => person({ platform: { roles, ...(regions ? { regions } : {}) } });

/** The tiny filter language scope() speaks, applied to one document: what a database `where` would do with it. */
const matches = (filter: ScopeFilter, doc: Record<string, string>) => Object.entries(filter).every(([k, v]) => (typeof v === 'string' ? doc[k] === v : v.$in.includes(doc[k])));

test('every permission names an audience, and roles exactly where the audience has roles', () => {
  for (const [name, def] of Object.entries(PERMISSIONS)) {
    expect({ name, ok: ['public', 'consumer', 'staff', 'platform'].includes(def.audience) }).toEqual({ name, ok: true });
    if (def.audience === 'staff') expect(def.storeRoles.length).toBeGreaterThan(0);
    if (def.audience === 'platform') expect(def.platformRoles).toContain('super_admin'); // the super admin holds everything
  }
});

// Who holds what: one row per (permission, role). Reading down a column is a role's job description.
const STORE_TABLE: Partial<Record<Permission, StoreRole[]>> = {
  'store.orders.serve': ['owner', 'clerk'],
  'store.refunds.decide': ['owner'],
  'store.finance.read': ['owner'],
  'store.settings.manage': ['owner'],
  'store.read': ['owner', 'clerk'],
  'store.stock.manage': ['owner', 'clerk'],
  'store.catalog.manage': ['owner'],
  'store.staff.manage': ['owner'],
  'store.marketing.manage': ['owner'],
  'store.reviews.reply': ['owner', 'clerk'],
};
const PLATFORM_TABLE: Partial<Record<Permission, PlatformRole[]>> = {
  'platform.signin': [...PLATFORM_ROLES],
  'platform.overview': ['super_admin', 'region_manager', 'operations', 'finance'],
  'platform.stores.read': ['super_admin', 'region_manager', 'operations', 'customer_service'],
  'platform.stores.manage': ['super_admin', 'region_manager', 'operations'],
  'platform.merchants.manage': ['super_admin', 'operations'],
  'platform.merchants.audit': ['super_admin', 'region_manager', 'operations'],
  'platform.orders.read': [...PLATFORM_ROLES],
  'platform.users.read': ['super_admin', 'region_manager', 'customer_service'],
  'platform.refunds.read': ['super_admin', 'region_manager', 'finance', 'customer_service'],
  'platform.refunds.manage': ['super_admin', 'region_manager', 'finance'],
};

test.each(PERMISSION_NAMES)('%s: exactly the roles of the table hold it', (perm) => {
  const def = PERMISSIONS[perm];
  for (const role of STORE_ROLES) {
    expect({ perm, role, can: can(staffOf(['s1', role]), perm, { storeId: 's1' }) }).toEqual({
      perm,
      role,
      can: def.audience === 'public' || def.audience === 'consumer' || (STORE_TABLE[perm] ?? []).includes(role),
    });
  }
  for (const role of PLATFORM_ROLES) {
    const who = platform([role], ['静安区']);
    expect({ perm, role, can: can(who, perm, { region: '静安区' }) }).toEqual({
      perm,
      role,
      can: def.audience === 'public' || def.audience === 'consumer' || (PLATFORM_TABLE[perm] ?? []).includes(role),
    });
  }
  if (def.audience === 'staff') expect(STORE_TABLE[perm]).toBeDefined();
  if (def.audience === 'platform') expect(PLATFORM_TABLE[perm]).toBeDefined();
});

test('public is anyone; consumer needs a real identity; nobody without a grant gets staff or platform permissions', () => {
  const anon = person({ userKey: 'anon', anonymous: true });
  const nobody = person({ userKey: '' });
  expect(can(anon, 'store.browse')).toBe(true);
  expect(can(nobody, 'store.browse')).toBe(true);
  expect(can(anon, 'order.place')).toBe(false);
  expect(can(nobody, 'order.own')).toBe(false);
  expect(can(person(), 'order.place')).toBe(true);
  expect(can(person(), 'store.orders.serve')).toBe(false);
  expect(can(person(), 'platform.signin')).toBe(false);
  // An anonymous session carrying staff rows (it cannot, but the policy does not rely on it) is still refused.
  expect(can({ ...staffOf(['s1', 'owner']), anonymous: true }, 'store.orders.serve', { storeId: 's1' })).toBe(false);
});

test('staff act only within stores they belong to, with the role they have there', () => {
  const both = staffOf(['s1', 'owner'], ['s2', 'clerk']);
  expect(can(both, 'store.refunds.decide', { storeId: 's1' })).toBe(true);
  expect(can(both, 'store.refunds.decide', { storeId: 's2' })).toBe(false);
  expect(can(both, 'store.orders.serve', { storeId: 's2' })).toBe(true);
  expect(can(both, 'store.orders.serve', { storeId: 's3' })).toBe(false);
  expect(can(both, 'store.refunds.decide')).toBe(true); // somewhere
  expect(scope(both)).toEqual({ storeId: { $in: ['s1', 's2'] } });
  expect(scope(both, { storeId: 's2' })).toEqual({ storeId: 's2' });
  expect(matches(scope(both, { storeId: 's3' }), { storeId: 's3', _id: 'x' })).toBe(false);
});

test('a regional manager sees their regions only; the super admin and national staff see all', () => {
  const two = platform(['region_manager'], ['静安区', '徐汇区']);
  expect(scope(two)).toEqual({ region: { $in: ['静安区', '徐汇区'] } });
  expect(can(two, 'platform.orders.read', { region: '徐汇区' })).toBe(true);
  expect(can(two, 'platform.orders.read', { region: '黄浦区' })).toBe(false);
  expect(scope(platform(['super_admin']))).toEqual({});
  expect(scope(platform(['super_admin'], ['静安区']))).toEqual({});
  expect(scope(platform(['finance']))).toEqual({});
  expect(scope(platform(['finance'], ['黄浦区']))).toEqual({ region: { $in: ['黄浦区'] } });
  // A regional manager nobody gave a region manages nothing, rather than everything.
  expect(matches(scope(platform(['region_manager'])), { region: '静安区' })).toBe(false);
  expect(scope(person())).toEqual({ _id: { $in: [] } });
  expect(regionFilter(two, '徐汇区')).toEqual({ region: '徐汇区' });
  expect(() => regionFilter(two, '黄浦区')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: '只能查看静安区、徐汇区的数据' }));
  expect(regionFilter(platform(['super_admin']), '黄浦区')).toEqual({ region: '黄浦区' });
});

test('the acting store: the only one by default, the envelope’s when given, a clear error when several and none given', () => {
  expect(actingMembership(staffOf(['s1', 'clerk']), 'store.orders.serve')).toEqual({ storeId: 's1', role: 'clerk' });
  const both = staffOf(['s1', 'owner'], ['s2', 'clerk']);
  expect(actingMembership(both, 'store.orders.serve', 's2')).toEqual({ storeId: 's2', role: 'clerk' });
  expect(() => actingMembership(both, 'store.orders.serve')).toThrow(expect.objectContaining({ code: 'STORE_REQUIRED', message: expect.stringContaining('请先选择要操作的门店') }));
  expect(() => actingMembership(both, 'store.orders.serve', 's3')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('不是该门店的员工') }));
  expect(() => actingMembership(both, 'store.refunds.decide', 's2')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringMatching(/仅限店长.*店员/) }));
  // Holding the permission nowhere is said at once, whichever store was meant.
  expect(() => actingMembership(staffOf(['s1', 'clerk'], ['s2', 'clerk']), 'store.refunds.decide')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('店长') }));
  expect(() => actingMembership(person(), 'store.orders.serve')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringContaining('不是商家员工') }));
  expect(() => actingMembership(person({ anonymous: true }), 'store.orders.serve')).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED' }));
});

test('platform refusals say who may do it, in Chinese', () => {
  expect(holdersText('platform.refunds.manage')).toBe('超级管理员、区域经理或财务');
  expect(() => requirePlatform(platform(['customer_service']), 'platform.refunds.manage')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: '该操作仅限超级管理员、区域经理或财务执行' }));
  expect(() => requirePlatform(person(), 'platform.signin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: '当前账号没有平台管理权限' }));
  expect(permissionsOf(platform(['customer_service']))).toEqual(expect.arrayContaining(['platform.orders.read', 'platform.users.read', 'platform.refunds.read']));
  expect(permissionsOf(platform(['customer_service']))).not.toContain('platform.refunds.manage');
});

test('principals are data: the schema parses what the policy takes', () => {
  expect(principal.parse(staffOf(['s1', 'owner']))).toEqual(staffOf(['s1', 'owner']));
  expect(() => principal.parse({ ...person(), stores: [{ storeId: 's1', role: 'manager' }] })).toThrow();
  expect(() => principal.parse({ ...person(), platform: { roles: [] } })).toThrow();
});

const REGIONS = ['静安区', '黄浦区', '徐汇区', '长宁区'];
const STORES = ['s1', 's2', 's3'];
const arbPrincipal: fc.Arbitrary<Principal> = fc.record({
  userKey: fc.constantFrom('', 'u1'),
  anonymous: fc.boolean(),
  stores: fc.uniqueArray(fc.record({ storeId: fc.constantFrom(...STORES), role: fc.constantFrom(...STORE_ROLES) }), { selector: (m) => m.storeId, maxLength: 3 }),
  platform: fc.option(
    fc.record(
      {
        roles: fc.uniqueArray(fc.constantFrom(...PLATFORM_ROLES), { minLength: 1, maxLength: 3 }),
        regions: fc.option(fc.uniqueArray(fc.constantFrom(...REGIONS), { maxLength: 3 }), { nil: undefined }),
      },
      { requiredKeys: ['roles'] },
    ),
    { nil: null },
  ),
});

test('property: what can() allows in a region or store is exactly what scope() lets a query see', () => {
  fc.assert(
    fc.property(arbPrincipal, fc.constantFrom(...PERMISSION_NAMES), fc.constantFrom(...REGIONS), fc.constantFrom(...STORES), (p, perm, region, storeId) => {
      const def = PERMISSIONS[perm];
      if (def.audience === 'platform' && can(p, perm)) {
        expect(matches(scope(p, { audience: 'platform' }), { region, _id: 'x' })).toBe(can(p, perm, { region }));
      }
      if (def.audience === 'staff' && can(p, perm, { storeId })) {
        expect(matches(scope(p, { audience: 'staff' }), { storeId, _id: 'x' })).toBe(true);
        expect(matches(scope(p, { audience: 'staff', storeId }), { storeId, _id: 'x' })).toBe(true);
      }
      // Asking about a particular store or region never grants more than asking at all.
      if (can(p, perm, { region, storeId })) expect(can(p, perm)).toBe(true);
      // Nobody acts as staff or platform without a real identity.
      if ((p.anonymous || !p.userKey) && (def.audience === 'staff' || def.audience === 'platform')) expect(can(p, perm)).toBe(false);
    }),
    { numRuns: 2000 },
  );
});
