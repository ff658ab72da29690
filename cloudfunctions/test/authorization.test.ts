import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CallerIdentity } from '@daojia/local-cloud';
import { startSeededCloud, CONSUMER, MERCHANT, STORE, prepayIdOf, sandboxKeys, signedNotification, postNotification, waitFor, type Reply } from './harness';

/**
 * Who may call what: every action of every function × every kind of caller, with the answer a marketplace owes
 * each of them. The table is the specification; a function action without a row fails the suite, so a new action
 * cannot ship without saying who may call it. A refused call must change nothing at all: no collection may be
 * written while it runs (the database's change feed). Allowed calls run on real orders of the seeded demo city and must do what they say.
 */

const ROOT = path.resolve(__dirname, '..', '..');

const PRINCIPALS = {
  anonymous: { uid: 'anon-authz', isAnonymous: true },
  consumer: CONSUMER, // the buyer of every order below
  otherConsumer: 'demo-consumer-2',
  owner: MERCHANT, // owner of store-001, where every order below is placed
  clerk: 'demo-clerk-001', // clerk of store-001
  otherStaff: 'demo-merchant-002', // owner of store-002
  multiStaff: 'demo-staff-multi', // clerk at store-001 and owner of store-002: must name the store a call acts on
  regionIn: 'demo-region-jingan', // store-001 is in 静安区
  regionOut: 'test-region-huangpu', // added below (the one-role admins shape): manages 黄浦区, which does not contain store-001
  regionTwo: 'test-region-two', // added below: manages 黄浦区 and 静安区
  operations: 'demo-operations', // all regions: stores and orders, no money
  finance: 'demo-finance', // all regions: figures, orders and refunds
  customerService: 'test-customer-service', // added below: all regions: orders, stores and refund issues, read only
  superAdmin: 'demo-admin',
} satisfies Record<string, string | CallerIdentity>;
type Principal = keyof typeof PRINCIPALS;
const ALL = Object.keys(PRINCIPALS) as Principal[];
const userKeyOf = (p: Principal) => {
  const v: string | CallerIdentity = PRINCIPALS[p];
  return typeof v === 'string' ? v : v.uid!;
};
const identityOf = (p: Principal): CallerIdentity => {
  const v: string | CallerIdentity = PRINCIPALS[p];
  return typeof v === 'string' ? { uid: v, customUserId: v } : v;
};

const SIGNED_IN = ALL.filter((p) => p !== 'anonymous');
const STORE_STAFF: Principal[] = ['owner', 'clerk'];
const ADMINS: Principal[] = ['regionIn', 'regionOut', 'regionTwo', 'operations', 'finance', 'customerService', 'superAdmin'];
/** Signed-in people who are not platform staff: every platform action refuses them FORBIDDEN. */
const NOT_ADMINS: Principal[] = ['consumer', 'otherConsumer', 'owner', 'clerk', 'otherStaff', 'multiStaff'];
const except = (...out: Principal[]) => ALL.filter((p) => !out.includes(p));
/** The regions each regional principal sees (the others see all). */
const REGIONS_OF: Partial<Record<Principal, string[]>> = { regionIn: ['静安区'], regionOut: ['黄浦区'], regionTwo: ['黄浦区', '静安区'] };

type Fixture = 'pending' | 'paid' | 'accepted' | 'readyForPickup' | 'ready' | 'delivering' | 'delivered' | 'refundRequested' | 'refundAbnormal';
type Order = Record<string, any>;

interface Row {
  /** The order the call is about (the consumer's, at store-001), in the state the action needs. */
  fixture?: Fixture;
  /** `p`: who calls (absent when a test sends it as someone outside the table), for data that must be theirs. */
  data: (o: Order, p?: Principal) => Record<string, unknown>;
  allow: Principal[];
  /** Every other principal, by the code it is refused with. */
  refuse: Partial<Record<string, Principal[]>>;
  /** An allowed call moves the order to one of these (each allowed caller gets an order of its own). */
  moves?: string[];
  /** A refund the call starts completes at the gateway a moment later: wait for it, so later snapshots hold still. */
  settles?: string;
  /** What an allowed read must show (scoping). */
  check?: (data: any, p: Principal) => void;
}

const PRODUCT = 'store-001-p001';
const cart = (mode = 'pickup') => ({ storeId: STORE, mode, items: [{ productId: PRODUCT, quantity: 1 }] });
let keys = 0;
const key = () => `authz-${++keys}-${Date.now()}`;

/** An order-scoped consumer action: the buyer only; anyone else is told the order does not exist. */
const buyerOnly = (fixture: Fixture, data: Row['data'], moves: string[]): Row => ({
  fixture,
  data,
  moves,
  allow: ['consumer'],
  refuse: { UNAUTHENTICATED: ['anonymous'], ORDER_NOT_FOUND: except('anonymous', 'consumer') },
});
/**
 * A store action on one of its orders: its staff in `roles`; other staff of the store FORBIDDEN; other stores' staff
 * see no such order; someone working at two stores who does not say which is asked to choose (STORE_REQUIRED).
 */
const storeAction = (fixture: Fixture, data: Row['data'], moves: string[], roles: Principal[] = STORE_STAFF): Row => ({
  fixture,
  data,
  moves,
  allow: roles,
  refuse: {
    UNAUTHENTICATED: ['anonymous'],
    FORBIDDEN: ['consumer', 'otherConsumer', ...STORE_STAFF.filter((r) => !roles.includes(r)), ...ADMINS],
    ORDER_NOT_FOUND: ['otherStaff'],
    STORE_REQUIRED: ['multiStaff'],
  },
});
/** A store's finance (`store.finance.read`): owners, each of their own store; clerks and everyone else are refused. */
const financeRead = (data: Row['data'], check: Row['check']): Row => ({
  data,
  allow: ['owner', 'otherStaff'],
  check,
  refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
});
/** A platform read: the platform roles holding its permission (`allow`); a regional role sees its regions only. */
const adminRead = (allow: Principal[], check: Row['check']): Row => ({
  data: () => ({}),
  allow,
  check,
  refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: [...NOT_ADMINS, ...ADMINS.filter((p) => !allow.includes(p))] },
});
/** Acting on one of store-001's refunds: money staff of its region (or all regions); another region's is told there is none. */
const adminMoney = (data: Row['data'], moves: string[], settles?: string): Row => ({
  fixture: 'refundAbnormal',
  data,
  moves,
  settles,
  allow: ['regionIn', 'regionTwo', 'finance', 'superAdmin'],
  refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: [...NOT_ADMINS, 'operations', 'customerService'], REFUND_NOT_FOUND: ['regionOut'] },
});
/**
 * A merchantCatalog action on store-001's catalogue by the store roles in `roles`; the other store role is FORBIDDEN;
 * store-002's owner is told it has no such product or category (`elsewhere`).
 */
const catalogRow = (roles: Principal[], data: Row['data'], elsewhere: string): Row => ({
  data,
  allow: roles,
  refuse: {
    UNAUTHENTICATED: ['anonymous'],
    FORBIDDEN: ['consumer', 'otherConsumer', ...STORE_STAFF.filter((r) => !roles.includes(r)), ...ADMINS],
    [elsewhere]: ['otherStaff'],
    STORE_REQUIRED: ['multiStaff'],
  },
});
/** store-001's 荷包蛋 (no order below names it): edited, shelved, stocked, repriced, then removed. */
const CATALOG_PRODUCT = 'store-001-p004';
const categoriesOfStore = () => (t.cloud.db.find('product_categories', { query: { storeId: STORE } }) as { _id: string; name: string; sort: number }[]).sort((a, b) => a.sort - b.sort);
const categoryIdOf = (name: string) => categoriesOfStore().find((c) => c.name === name)?._id;
/** store-001's owner's own upload: a one-product import file (商品编号 AUTHZ1). */
const importUpload = () => {
  const path = `uploads/${MERCHANT}/imports/authz.csv`;
  t.cloud.storage.store.write(path, Buffer.from('\ufeff商品编号,分类,商品名称,价格(元),库存\r\nAUTHZ1,授权测试,授权测试商品,9.9,5\r\n'), 'text/csv', MERCHANT);
  return t.cloud.storage.fileIdOf(path);
};
const inRegion = (p: Principal, region: string) => {
  if (REGIONS_OF[p]) expect(REGIONS_OF[p]).toContain(region);
};

const TABLE: Record<string, Row> = {
  'store.nearby': { data: () => ({ lng: 121.4737, lat: 31.2304 }), allow: ALL, refuse: {}, check: (d) => expect(d.stores.length).toBeGreaterThan(0) },
  'store.detail': { data: () => ({ storeId: STORE }), allow: ALL, refuse: {}, check: (d) => expect(d.store._id).toBe(STORE) },

  // Anyone with a real identity may shop (staff and admins are people too); an anonymous session may browse only.
  'order.quote': { data: () => cart(), allow: SIGNED_IN, refuse: { UNAUTHENTICATED: ['anonymous'] }, check: (d) => expect(d.breakdown.totalFen).toBeGreaterThan(0) },
  'order.create': {
    data: () => ({ ...cart(), idempotencyKey: key() }),
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d, p) => expect(d.order._openid).toBe(userKeyOf(p)),
  },
  'order.list': {
    data: () => ({}),
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d, p) => {
      for (const o of d.orders) expect(o._openid).toBe(userKeyOf(p));
      if (p === 'consumer') expect(d.orders.length).toBeGreaterThan(0);
    },
  },
  'order.detail': buyerOnly('paid', (o) => ({ orderId: o._id }), []),
  'order.cancel': buyerOnly('pending', (o) => ({ orderId: o._id }), ['cancelled']),
  'order.confirmReceipt': buyerOnly('delivered', (o) => ({ orderId: o._id }), ['completed']),
  'order.requestRefund': buyerOnly('paid', (o) => ({ orderId: o._id, reason: '不想要了' }), ['refund_requested']),
  'pay.prepay': buyerOnly('pending', (o) => ({ orderId: o._id }), ['pending_payment']),

  // The counter's work: owner and clerk. Another store's staff never learn the order exists.
  'merchantOrder.list': {
    data: () => ({}),
    allow: [...STORE_STAFF, 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d, p) => {
      for (const o of d.orders) expect(o.storeId).toBe(p === 'otherStaff' ? 'store-002' : STORE);
    },
  },
  'merchantOrder.detail': storeAction('paid', (o) => ({ orderId: o._id }), []),
  'merchantOrder.accept': storeAction('paid', (o) => ({ orderId: o._id }), ['accepted']),
  'merchantOrder.reject': { ...storeAction('paid', (o) => ({ orderId: o._id, reason: '食材用完了' }), ['rejected', 'refunding', 'refunded']), settles: 'refunded' },
  'merchantOrder.markReady': storeAction('accepted', (o) => ({ orderId: o._id }), ['ready_for_pickup']),
  'merchantOrder.handOver': storeAction('ready', (o) => ({ orderId: o._id }), ['delivering']),
  'merchantOrder.markDelivered': storeAction('delivering', (o) => ({ orderId: o._id }), ['delivered']),
  'merchantOrder.verifyCode': storeAction('readyForPickup', (o) => ({ orderId: o._id, code: o.pickupCode }), ['picked_up']),
  // Whether money goes back for an order already served is the owner's decision, not a clerk's.
  'merchantOrder.approveRefund': { ...storeAction('refundRequested', (o) => ({ orderId: o._id }), ['refunding', 'refunded'], ['owner']), settles: 'refunded' },
  'merchantOrder.declineRefund': storeAction('refundRequested', (o) => ({ orderId: o._id, reason: '商品已使用' }), ['paid'], ['owner']),

  // Every platform role signs in; what else each may do is its permissions (domain/src/access/permissions.ts).
  'admin.whoami': adminRead(ADMINS, (d, p) => expect(d.admin.userKey).toBe(userKeyOf(p))),
  'admin.overview': adminRead(['regionIn', 'regionOut', 'regionTwo', 'operations', 'finance', 'superAdmin'], (d, p) => {
    expect(d.scope.split('、').sort()).toEqual(REGIONS_OF[p] ? [...REGIONS_OF[p]].sort() : ['全部区域']);
  }),
  'admin.listStores': adminRead(['regionIn', 'regionOut', 'regionTwo', 'operations', 'customerService', 'superAdmin'], (d, p) => {
    expect(d.stores.length).toBeGreaterThan(0);
    for (const s of d.stores) inRegion(p, s.region);
  }),
  'admin.listOrders': adminRead(ADMINS, (d, p) => {
    expect(d.orders.length).toBeGreaterThan(0);
    for (const o of d.orders) inRegion(p, o.region);
  }),
  'admin.listRefundIssues': adminRead(['regionIn', 'regionOut', 'regionTwo', 'finance', 'customerService', 'superAdmin'], (d, p) => {
    for (const r of [...d.refunds, ...d.alerts]) inRegion(p, r.region);
  }),
  // Money staff act on: the platform's staff of the order's region (or all regions); a store's own staff do not.
  'admin.retryRefund': adminMoney((o) => ({ refundId: o.refundId, reason: '网关异常后重试' }), ['refunding', 'refunded'], 'refunded'),
  'admin.closeRefund': adminMoney((o) => ({ refundId: o.refundId, reason: '顾客银行卡已注销，线下退款' }), ['refund_closed']),
  'admin.orderDetail': {
    fixture: 'paid',
    data: (o) => ({ orderId: o._id }),
    allow: ['regionIn', 'regionTwo', 'operations', 'finance', 'customerService', 'superAdmin'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: NOT_ADMINS, ORDER_NOT_FOUND: ['regionOut'] },
    check: (d) => expect(d.order.storeId).toBe(STORE),
  },

  // rows: files (cloud storage)
  // Everyone signed in learns their own upload folder (uploads/<their key>/), nobody else's; anonymous visitors upload nothing.
  'files.me': {
    data: () => ({}),
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d, p) => expect(d).toEqual({ userKey: userKeyOf(p), uploadPrefix: `uploads/${userKeyOf(p)}/` }),
  },
  // rows: merchantStore (store settings)
  // A store's settings: its staff read them (the clerk too, read only); only the owner changes them or flips the
  // switch. store-002's owner acts on store-002. Allowed calls write what the seed has, so later rows see the same store.
  'merchantStore.settings': {
    data: () => ({}),
    allow: [...STORE_STAFF, 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d, p) => {
      expect(d.storeId).toBe(p === 'otherStaff' ? 'store-002' : STORE);
      expect(d.allowed).toEqual(p === 'clerk' ? ['settings'] : ['settings', 'update', 'setOpen']);
    },
  },
  'merchantStore.update': {
    data: () => ({ announcement: '欢迎光临，用心做好每一单' }),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.settings.announcement).toBe('欢迎光临，用心做好每一单'),
  },
  'merchantStore.setOpen': {
    data: () => ({ open: true }),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.status).toBe('open'),
  },
  // rows: merchantAccount (onboarding, staff, invites) and admin application review
  // Anyone signed in may apply (with a licence photo of their own upload), list their applications and stores, and
  // join a store by code; owners (of the store acted on) invite, list and remove staff. Join and removal are undone
  // straight away in the check, so later rows see the seeded staff.
  'merchantAccount.myStores': {
    data: () => ({}),
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d, p) => {
      const here = d.stores.find((s: any) => s.storeId === STORE);
      if (p === 'owner') expect(here).toMatchObject({ role: 'owner', permissions: expect.arrayContaining(['store.staff.manage', 'store.finance.read']) });
      if (p === 'clerk') expect(here.permissions).not.toContain('store.staff.manage');
      if (p === 'multiStaff') expect(d.stores.map((s: any) => `${s.storeId}:${s.role}`)).toEqual([`${STORE}:clerk`, 'store-002:owner']);
      if (p === 'consumer' || ADMINS.includes(p)) expect(d.stores).toEqual([]);
    },
  },
  'merchantAccount.apply': {
    data: (_o, p) => ({
      name: '测试申请小馆',
      category: 'catering',
      address: '静安区南京西路100号',
      location: { lng: 121.456, lat: 31.242 },
      licenceFileId: `cloud://local.local/uploads/${p ? userKeyOf(p) : 'nobody'}/licence/l.png`,
      contactName: '测试',
      contactPhone: '13800000000',
    }),
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d) => expect(d.application).toMatchObject({ status: 'pending', region: '静安区' }),
  },
  'merchantAccount.myApplications': {
    data: () => ({}),
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d) => expect(d.applications[0]).toMatchObject({ status: 'pending', name: '测试申请小馆' }),
  },
  'merchantAccount.createInvite': {
    data: () => ({}),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d, p) => expect(d.invite).toMatchObject({ storeId: p === 'otherStaff' ? 'store-002' : STORE, role: 'clerk', code: expect.stringMatching(/^[A-Z0-9]{6}$/) }),
  },
  'merchantAccount.join': {
    // Each caller gets a fresh code of store-005 (where none of them works), written just before their call.
    data: (_o, p) => {
      if (!p || p === 'anonymous') return { code: 'ZZZZZZ' };
      const code = `JN${String(ALL.indexOf(p)).padStart(4, '0')}`;
      t.cloud.db.insert('staff_invites', [
        { _id: code, storeId: 'store-005', role: 'clerk', createdBy: 'demo-merchant-005', createdAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 3600e3).toISOString() },
      ]);
      return { code };
    },
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d, p) => {
      const rowId = `store-005:${userKeyOf(p)}`;
      const row = t.doc('merchant_staff', rowId);
      t.cloud.db.remove('merchant_staff', { _id: rowId });
      expect(row).toMatchObject({ role: 'clerk', storeId: 'store-005' });
      expect(d.store).toMatchObject({ storeId: 'store-005', role: 'clerk' });
    },
  },
  'merchantAccount.listStaff': {
    data: () => ({}),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d, p) => {
      expect(d.staff.find((s: any) => s.self)).toMatchObject({ role: 'owner' });
      if (p === 'owner') expect(d.staff.map((s: any) => s.role)).toContain('clerk');
    },
  },
  'merchantAccount.removeStaff': {
    // Each owner removes a throwaway clerk of their own store, written just before the call.
    data: (_o, p) => {
      if (p !== 'owner' && p !== 'otherStaff') return { staffId: 'nobody' };
      const storeId = p === 'owner' ? STORE : 'store-002';
      t.cloud.db.insert('merchant_staff', [{ _id: `${storeId}:authz-temp-clerk`, userKey: 'authz-temp-clerk', storeId, role: 'clerk', name: '临时店员' }]);
      return { staffId: `${storeId}:authz-temp-clerk` };
    },
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => {
      expect(t.doc('merchant_staff', d.removed)).toBeUndefined();
    },
  },
  // The review queue: platform roles holding platform.merchants.audit, within their regions. An approval below makes
  // a store for a throwaway applicant; the seeded 静安区 application is another region's for the 黄浦区 manager.
  'admin.listApplications': adminRead(['regionIn', 'regionOut', 'regionTwo', 'operations', 'superAdmin'], (d, p) => {
    for (const a of d.applications) inRegion(p, a.region);
    if (p !== 'regionOut') expect(d.applications.map((a: any) => a._id)).toContain('sa-demo-jingan');
  }),
  'admin.reviewApplication': {
    data: (_o, p) => {
      if (!p || !['regionIn', 'regionTwo', 'operations', 'superAdmin'].includes(p)) return { applicationId: 'sa-demo-jingan', decision: 'approve' };
      const id = `sa-authz${ALL.indexOf(p)}`;
      const applicant = `authz-applicant-${p}`;
      t.cloud.db.insert('store_applications', [
        {
          _id: id,
          applicantKey: applicant,
          openKey: applicant,
          name: '审核测试店',
          category: 'beauty',
          address: '静安区南京西路1号',
          location: { lng: 121.456, lat: 31.242 },
          region: '静安区',
          licenceFileId: `cloud://local.local/uploads/${applicant}/licence/l.png`,
          contactName: '测试',
          contactPhone: '13800000000',
          status: 'pending',
          createdAt: new Date().toISOString(),
        },
      ]);
      return { applicationId: id, decision: 'approve' };
    },
    allow: ['regionIn', 'regionTwo', 'operations', 'superAdmin'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: [...NOT_ADMINS, 'finance', 'customerService'], APPLICATION_NOT_FOUND: ['regionOut'] },
    check: (d) => {
      expect(d.application.status).toBe('approved');
      expect(d.store).toMatchObject({ status: 'closed', terms: { commissionRateBp: 500 } });
      expect(t.doc('merchant_staff', `${d.store._id}:${d.application.applicantKey}`)).toMatchObject({ role: 'owner' });
    },
  },
  // rows: merchantCatalog (catalogue management)
  // Reading the catalogue, shelf and stock: owner and clerk; products, prices and categories: the owner only. Another
  // store's owner acts on their own store, where store-001's products and categories do not exist.
  'merchantCatalog.list': {
    data: () => ({}),
    allow: [...STORE_STAFF, 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d, p) => {
      expect(d.products.length).toBeGreaterThan(0);
      for (const x of d.products) expect(x.storeId).toBe(p === 'otherStaff' ? 'store-002' : STORE);
      expect(d.allowed.includes('bulkPrice')).toBe(p !== 'clerk');
      expect(d.allowed).toContain('setStock');
    },
  },
  'merchantCatalog.save': catalogRow(['owner'], () => ({ productId: CATALOG_PRODUCT, description: '每日现煎' }), 'PRODUCT_NOT_FOUND'),
  'merchantCatalog.setShelf': catalogRow(STORE_STAFF, () => ({ productIds: [CATALOG_PRODUCT], onShelf: true }), 'PRODUCT_NOT_FOUND'),
  'merchantCatalog.setStock': catalogRow(STORE_STAFF, () => ({ productId: CATALOG_PRODUCT, stock: 60 }), 'PRODUCT_NOT_FOUND'),
  'merchantCatalog.bulkPrice': catalogRow(['owner'], () => ({ productIds: [CATALOG_PRODUCT], change: { mode: 'percent', percent: 10 } }), 'PRODUCT_NOT_FOUND'),
  // saveCategory makes 季节限定 in each owner's own store (allowed calls run in this order, after every refusal);
  // removeCategory then removes store-001's, empty.
  'merchantCatalog.saveCategory': {
    data: () => ({ name: '季节限定' }),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d, p) => expect(d.category).toMatchObject({ name: '季节限定', storeId: p === 'otherStaff' ? 'store-002' : STORE }),
  },
  'merchantCatalog.reorderCategories': catalogRow(
    ['owner'],
    () => ({
      categoryIds: categoriesOfStore()
        .map((c) => c._id)
        .reverse(),
    }),
    'CATEGORY_NOT_FOUND',
  ),
  'merchantCatalog.removeCategory': catalogRow(['owner'], () => ({ categoryId: categoryIdOf('季节限定') ?? 'none' }), 'CATEGORY_NOT_FOUND'),
  'merchantCatalog.remove': catalogRow(['owner'], () => ({ productId: CATALOG_PRODUCT }), 'PRODUCT_NOT_FOUND'),
  // rows: merchantCatalog import/export
  // Import and its template: the owner (store.catalog.manage); the file must be the caller's own upload, so store-002's
  // owner is refused store-001's owner's file. Export: anyone who reads the catalogue (store.read), clerks too.
  'merchantCatalog.importFile': {
    data: () => ({ jobId: 'authz-import-1', fileId: importUpload(), fileName: '导入.csv' }),
    allow: ['owner'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], IMPORT_FILE_INVALID: ['otherStaff'], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => {
      expect(d.job).toMatchObject({ status: 'done', created: 1, storeId: STORE });
      expect(t.cloud.db.find('products', { query: { storeId: STORE, code: 'AUTHZ1' } })).toHaveLength(1);
    },
  },
  'merchantCatalog.importStatus': {
    data: () => ({ jobId: 'authz-import-1' }),
    allow: ['owner'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], IMPORT_NOT_FOUND: ['otherStaff'], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.job).toMatchObject({ _id: 'authz-import-1', status: 'done' }),
  },
  'merchantCatalog.importTemplate': {
    data: () => ({ format: 'csv' }),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.fileName).toBe('商品导入模板.csv'),
  },
  'merchantCatalog.exportCatalog': {
    data: () => ({ format: 'xlsx' }),
    allow: [...STORE_STAFF, 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.productCount).toBeGreaterThan(0),
  },
  // rows: merchantOrder additions and merchantFinance
  // Each staff member clears their own new-order alerts for the store they act on.
  'merchantOrder.seenNewOrders': {
    data: () => ({}),
    allow: [...STORE_STAFF, 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.seen).toEqual(expect.any(Number)),
  },
  // A store's money is its owner's: a clerk is refused; another store's owner reads their own store's figures.
  'merchantFinance.summary': financeRead(
    () => ({}),
    (d) => expect(Object.keys(d.periods).sort()).toEqual(['month', 'today', 'week']),
  ),
  'merchantFinance.orders': financeRead(
    () => ({ fromDate: '2026-01-01', toDate: '2026-12-31' }),
    (d) => expect({ range: d.range.fromDate, paged: d.rows.length <= d.total }).toEqual({ range: '2026-01-01', paged: true }),
  ),
  'merchantFinance.payouts': financeRead(
    () => ({}),
    (d, p) => {
      for (const x of d.payouts) expect(x.storeId).toBe(p === 'otherStaff' ? 'store-002' : STORE);
    },
  ),
  'merchantFinance.export': financeRead(
    () => ({ fromDate: '2026-01-01', toDate: '2026-01-31', format: 'csv' }),
    (d) => expect(d.url).toMatch(/^https?:\/\//),
  ),
  // rows: review, merchantReview, merchantMarketing
  // A consumer reviews their own received order: the consumer gets a completed order of their own, written just
  // before the call; anyone else names a completed demo history order that is not theirs and is told there is none.
  'review.create': {
    data: (_o, p) => {
      const history = (t.cloud.db.find('orders', { query: { status: 'completed' } }) as Order[]).find((o) => o._openid.startsWith('seed-customer-'))!;
      if (p !== 'consumer') return { orderId: history._id, rating: 5, text: '不错' };
      const mine = { ...history, _id: `authz-review-${++keys}`, orderNo: `authz-review-${keys}`, idempotencyKey: `authz-review-${keys}`, _openid: CONSUMER };
      t.cloud.db.insert('orders', [mine]);
      return { orderId: mine._id, rating: 5, text: '不错' };
    },
    allow: ['consumer'],
    refuse: { UNAUTHENTICATED: ['anonymous'], ORDER_NOT_FOUND: except('anonymous', 'consumer') },
    check: (d) => expect(d.review).toMatchObject({ rating: 5, anonymous: false }),
  },
  'review.listForStore': { data: () => ({ storeId: STORE }), allow: ALL, refuse: {}, check: (d) => expect(d.reviews.length).toBeGreaterThan(0) },
  'review.mine': { data: () => ({ orderIds: ['nobody-s-order'] }), allow: SIGNED_IN, refuse: { UNAUTHENTICATED: ['anonymous'] }, check: (d) => expect(d.reviewed).toEqual([]) },
  // Staff read their store's reviews; owner and clerk reply (store-002's owner finds no such review at store-001).
  'merchantReview.list': {
    data: () => ({}),
    allow: [...STORE_STAFF, 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.counts.all).toBeGreaterThan(0),
  },
  'merchantReview.reply': {
    data: () => ({ reviewId: (t.cloud.db.find('reviews', { query: { storeId: STORE } }) as Order[]).sort((a, b) => a._id.localeCompare(b._id))[0]._id, text: '感谢您的支持，欢迎常来！' }),
    allow: STORE_STAFF,
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], REVIEW_NOT_FOUND: ['otherStaff'], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.review.reply.text).toBe('感谢您的支持，欢迎常来！'),
  },
  // The store's promotions: staff read them; only the owner changes them (each owner on their own store, writing
  // the tiers the seed has). The claimable demo coupon is store-001's: store-002's owner finds no such coupon.
  'merchantMarketing.overview': {
    data: () => ({}),
    allow: [...STORE_STAFF, 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d, p) => expect(d.coupons.map((c: any) => c._id).includes('coupon-store001-claim')).toBe(p !== 'otherStaff'),
  },
  'merchantMarketing.setFullReductions': {
    data: (_o, p) => ({ tiers: p === 'otherStaff' ? [] : t.doc('stores', STORE).fullReductions }),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
  },
  'merchantMarketing.createCoupon': {
    data: () => ({
      title: '权限测试券',
      amountFen: 300,
      thresholdFen: 2000,
      totalQuantity: 10,
      perUserLimit: 1,
      validFrom: new Date().toISOString(),
      validTo: new Date(Date.now() + 86400e3).toISOString(),
    }),
    allow: ['owner', 'otherStaff'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.coupon).toMatchObject({ title: '权限测试券', claimed: 0 }),
  },
  'merchantMarketing.setCouponPaused': {
    data: () => ({ couponId: 'coupon-store001-claim', paused: false }),
    allow: ['owner'],
    refuse: { UNAUTHENTICATED: ['anonymous'], FORBIDDEN: ['consumer', 'otherConsumer', 'clerk', ...ADMINS], COUPON_NOT_FOUND: ['otherStaff'], STORE_REQUIRED: ['multiStaff'] },
    check: (d) => expect(d.coupon.state).toBe('active'),
  },
  // A store's coupons on its page for anyone; claiming one takes a signed-in person (one each: the limit is 1).
  'marketing.storeCoupons': { data: () => ({ storeId: STORE }), allow: ALL, refuse: {}, check: (d) => expect(d.coupons.map((c: any) => c._id)).toContain('coupon-store001-claim') },
  'marketing.claim': {
    data: () => ({ couponId: 'coupon-store001-claim' }),
    allow: SIGNED_IN,
    refuse: { UNAUTHENTICATED: ['anonymous'] },
    check: (d, p) => expect(d.userCoupon).toMatchObject({ couponId: 'coupon-store001-claim', _openid: userKeyOf(p), status: 'available' }),
  },
};

/** Functions the platform starts (timers, HTTP callbacks): no client may start them, whoever it is. */
const PLATFORM_ONLY = ['orderEvents', 'orderTimers', 'payNotify', 'refundNotify'];

// Loading a function module runs its tcb.init(); say where we are so the SDK does not probe cloud metadata hosts.
process.env.TENCENTCLOUD_RUNENV ??= 'SCF';
process.env.TENCENTCLOUD_REGION ??= 'ap-shanghai';
process.env.SCF_NAMESPACE ??= 'authorization-test';
const modules = readdirSync(path.join(ROOT, 'cloudfunctions'))
  .filter((n) => existsSync(path.join(ROOT, 'cloudfunctions', n, 'index.ts')))
  .sort();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const entry = (name: string) => (require(path.join(ROOT, 'cloudfunctions', name, 'index.ts')) as { main: { actions?: Record<string, unknown>; timers?: string[] } }).main;

test('every action of every function has a row, and every function without actions is a platform-only entry point', () => {
  const actions = modules.flatMap((m) => Object.keys(entry(m).actions ?? {}).map((a) => `${m}.${a}`)).sort();
  expect(Object.keys(TABLE).sort()).toEqual(actions);
  expect(modules.filter((m) => !entry(m).actions)).toEqual([...PLATFORM_ONLY].sort());
  for (const [name, row] of Object.entries(TABLE)) {
    const listed = [...row.allow, ...Object.values(row.refuse).flat()].sort();
    expect({ name, principals: listed }).toEqual({ name, principals: [...ALL].sort() });
  }
});

test('the timer function runs exactly the timers cloudbaserc.json declares', () => {
  const rc = JSON.parse(readFileSync(path.join(ROOT, 'cloudbaserc.json'), 'utf8')) as { functions: { name: string; triggers?: { name: string; type: string }[] }[] };
  const declared = rc.functions
    .find((f) => f.name === 'orderTimers')!
    .triggers!.filter((tr) => tr.type === 'timer')
    .map((tr) => tr.name);
  expect([...entry('orderTimers').timers!].sort()).toEqual(declared.sort());
});

let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
  t.cloud.db.onChange((c) => {
    written.add(c.collection);
    lastWriteAt = Date.now();
  });
  t.cloud.db.insert('admins', [
    // Written in the one-role shape admins had before roles and regions: it still reads.
    { _id: 'admin-test-huangpu', userKey: PRINCIPALS.regionOut, role: 'region_manager', region: '黄浦区', name: '黄浦区区域经理' },
    { _id: 'admin-test-two', userKey: PRINCIPALS.regionTwo, roles: ['region_manager'], regions: ['黄浦区', '静安区'], name: '黄浦静安区域经理' },
    { _id: 'admin-test-cs', userKey: PRINCIPALS.customerService, roles: ['customer_service'], name: '平台客服' },
  ]);
});
afterAll(async () => t?.close());

const call = (p: Principal, fnAction: string, data: unknown) => {
  const [fn, action] = fnAction.split('.');
  return t.call(identityOf(p), fn, action, data);
};

async function pay(orderId: string) {
  const { payment } = await t.ok(CONSUMER, 'pay', 'prepay', { orderId });
  await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package) });
  await waitFor(async () => t.doc('orders', orderId).status === 'paid', 'paid');
}

const STEPS: Record<Fixture, string[]> = {
  pending: [],
  paid: [],
  refundRequested: [],
  refundAbnormal: [],
  accepted: ['accept'],
  readyForPickup: ['accept', 'markReady'],
  ready: ['accept', 'markReady'],
  delivering: ['accept', 'markReady', 'handOver'],
  delivered: ['accept', 'markReady', 'handOver', 'markDelivered'],
};

/** The consumer's order at store-001, brought to `kind` through the real functions. */
async function fixture(kind: Fixture): Promise<Order> {
  const mode = ['ready', 'delivering', 'delivered'].includes(kind) ? 'delivery' : 'pickup';
  const { order } = await t.ok(CONSUMER, 'order', 'create', { ...cart(mode), idempotencyKey: key() });
  if (kind !== 'pending') await pay(order._id);
  for (const step of STEPS[kind]) await t.ok(MERCHANT, 'merchantOrder', step, { orderId: order._id });
  if (kind === 'refundRequested') await t.ok(CONSUMER, 'order', 'requestRefund', { orderId: order._id, reason: '少送了一份' });
  if (kind === 'refundAbnormal') {
    // The gateway ends the store's full refund ABNORMAL: money staff must now retry or close.
    await t.sandbox('/refund-outcome', { status: 'ABNORMAL' });
    await t.ok(MERCHANT, 'merchantOrder', 'reject', { orderId: order._id, reason: '食材售罄' });
    await waitFor(async () => t.cloud.db.find('refunds', { query: { orderId: order._id, status: 'abnormal' } }).length === 1, 'refund abnormal', 200);
    return { ...t.doc('orders', order._id), refundId: t.cloud.db.find('refunds', { query: { orderId: order._id } })[0]._id };
  }
  return t.doc('orders', order._id);
}

/**
 * Which collections were written, from the local database's change feed (every committed insert, update and delete,
 * transactions included): cheaper than comparing whole-database snapshots, and stricter, since a write that stores
 * the same values counts too.
 */
const written = new Set<string>();
let lastWriteAt = 0;
const changedSince = (): string[] => {
  const out = [...written].sort();
  written.clear();
  return out;
};
/**
 * Payment notifications, order-event subscribers and timeline entries land asynchronously: wait until the database
 * triggers have run and writes have stopped (a loaded machine can leave a subscriber's write past a short pause).
 */
async function quiet(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    await t.cloud.functions.drainTriggers();
    await new Promise((r) => setTimeout(r, 100));
    if (Date.now() - lastWriteAt >= 300) {
      written.clear();
      return;
    }
  }
  throw new Error('the database never settled');
}

/** Each refused principal's answer, and what its call changed (nothing, or the test fails). */
async function refusedOutcomes(principals: Principal[], send: (p: Principal) => Promise<unknown>) {
  await quiet();
  const out: Record<string, { code: unknown; changed: string[] }> = {};
  for (const p of principals) {
    const reply = (await send(p)) as Reply;
    await new Promise((r) => setTimeout(r, 20)); // anything a refused call set off would have started by now
    out[p] = { code: reply.ok ? 'ALLOWED' : reply.code, changed: changedSince() };
  }
  return out;
}

describe('refused calls are refused with the right code and change nothing', () => {
  test.each(Object.entries(TABLE))('%s', async (name, row) => {
    const order = row.fixture ? await fixture(row.fixture) : {};
    const refused = Object.entries(row.refuse).flatMap(([code, ps]) => ps!.map((p) => [p, code] as const));
    const outcomes = await refusedOutcomes(
      refused.map(([p]) => p),
      (p) => call(p, name, row.data(order, p)),
    );
    expect(outcomes).toEqual(Object.fromEntries(refused.map(([p, code]) => [p, { code, changed: [] }])));
    if (row.fixture) expect(t.doc('orders', order._id).status).toBe(order.status);
  });
});

describe('allowed calls really do what they say', () => {
  test.each(Object.entries(TABLE).filter(([, row]) => row.allow.length))('%s', async (name, row) => {
    const shared = row.fixture && !row.moves?.length ? await fixture(row.fixture) : {};
    for (const p of row.allow) {
      const order = row.fixture && row.moves?.length ? await fixture(row.fixture) : shared;
      const reply = await call(p, name, row.data(order, p));
      expect({ p, ok: reply.ok, code: reply.ok ? undefined : reply.code }).toEqual({ p, ok: true, code: undefined });
      if (reply.ok) row.check?.(reply.data, p);
      if (row.moves?.length) expect(row.moves).toContain(t.doc('orders', order._id).status);
      if (name === 'pay.prepay') expect(t.doc('orders', order._id).prepayId).toEqual(expect.any(String));
      if (row.settles) await waitFor(async () => t.doc('orders', order._id).status === row.settles, `${name} → ${row.settles}`);
    }
  });
});

test('an anonymous caller is asked to log in, in Chinese, for every consumer action', async () => {
  for (const name of Object.keys(TABLE).filter((n) => TABLE[n].refuse.UNAUTHENTICATED?.includes('anonymous') && TABLE[n].allow.includes('consumer'))) {
    const reply = await call('anonymous', name, TABLE[name].data({ _id: 'x' }));
    expect({ name, reply }).toMatchObject({ name, reply: { ok: false, code: 'UNAUTHENTICATED', message: expect.stringContaining('请先登录') } });
  }
});

test('a clerk is told a refund decision is the owner’s', async () => {
  const o = await fixture('refundRequested');
  expect(await call('clerk', 'merchantOrder.approveRefund', { orderId: o._id })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('店长') });
});

test('the order list tells each staff member which actions their role may call, from the action table', async () => {
  const allowed = async (who: Principal) => {
    const r = await call(who, 'merchantOrder.list', { tab: 'refund' });
    if (!r.ok) throw new Error(`${who}: ${r.code}`);
    return (r.data as { allowed: string[] }).allowed;
  };
  const owner = await allowed('owner');
  const clerk = await allowed('clerk');
  expect(owner).toEqual(expect.arrayContaining(['accept', 'reject', 'approveRefund', 'declineRefund', 'verifyCode']));
  expect(clerk).toEqual(expect.arrayContaining(['accept', 'reject', 'markReady', 'verifyCode']));
  expect(clerk).not.toContain('approveRefund');
  expect(clerk).not.toContain('declineRefund');
});

describe('someone working at two stores (clerk at store-001, owner of store-002) names the store each call acts on', () => {
  const asMulti = (fnAction: string, data: unknown, storeId?: string) => {
    const [fn, action] = fnAction.split('.');
    return t.cloud.functions.invoke(fn, { action, data, ...(storeId ? { storeId } : {}) }, identityOf('multiStaff')) as Promise<Reply>;
  };

  test('each store’s orders and role; without a store they are asked to choose; a store they do not work at is refused', async () => {
    await fixture('paid');
    const here = await asMulti('merchantOrder.list', {}, STORE);
    const there = await asMulti('merchantOrder.list', {}, 'store-002');
    if (!here.ok || !there.ok) throw new Error(JSON.stringify({ here, there }));
    expect(here.data.storeId).toBe(STORE);
    expect(here.data.orders.length).toBeGreaterThan(0);
    for (const o of here.data.orders) expect(o.storeId).toBe(STORE);
    expect(there.data.storeId).toBe('store-002');
    for (const o of there.data.orders) expect(o.storeId).toBe('store-002');
    // The buttons follow the role in the store acted on: a clerk here, the owner there.
    expect(here.data.allowed).toContain('accept');
    expect(here.data.allowed).not.toContain('approveRefund');
    expect(there.data.allowed).toEqual(expect.arrayContaining(['accept', 'approveRefund', 'declineRefund']));

    expect(await asMulti('merchantOrder.list', {})).toMatchObject({ ok: false, code: 'STORE_REQUIRED', message: expect.stringContaining('请先选择要操作的门店') });
    expect(await asMulti('merchantOrder.list', {}, 'store-003')).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('不是该门店的员工') });
  });

  test('a clerk’s work in the store they clerk at; the owner’s decisions only where they are the owner; another store’s order does not exist', async () => {
    const paid = await fixture('paid');
    expect(await asMulti('merchantOrder.detail', { orderId: paid._id }, 'store-002')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(await asMulti('merchantOrder.accept', { orderId: paid._id }, STORE)).toMatchObject({ ok: true });
    expect(t.doc('orders', paid._id).status).toBe('accepted');
    // The change feed sees an allowed call's writes, so the refusals' `changed: []` below can fail.
    expect(changedSince()).toContain('orders');

    const asked = await fixture('refundRequested');
    await quiet();
    expect(await asMulti('merchantOrder.approveRefund', { orderId: asked._id }, STORE)).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/仅限店长.*店员/) });
    expect(await asMulti('merchantOrder.approveRefund', { orderId: asked._id }, 'store-002')).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
    expect(changedSince()).toEqual([]);
  });
});

test('a regional manager of two regions sees both and asks lists for either; another region is refused with the regions they manage', async () => {
  const stores = (await t.ok(identityOf('regionTwo'), 'admin', 'listStores', { limit: 100 })).stores as { region: string }[];
  expect([...new Set(stores.map((s) => s.region))].sort()).toEqual(['静安区', '黄浦区'].sort());
  const huangpu = (await t.ok(identityOf('regionTwo'), 'admin', 'listOrders', { region: '黄浦区', limit: 100 })).orders as { region: string }[];
  for (const o of huangpu) expect(o.region).toBe('黄浦区');
  expect(await call('regionTwo', 'admin.listOrders', { region: '徐汇区' })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: '只能查看黄浦区、静安区的数据' });
  const me = (await t.ok(identityOf('regionTwo'), 'admin', 'whoami', {})).admin;
  expect(me).toMatchObject({ roles: ['region_manager'], regions: ['黄浦区', '静安区'], role: 'region_manager', region: '黄浦区、静安区' });
  expect(me.permissions).toContain('platform.refunds.manage');
});

test('a platform role without the permission is told which roles may', async () => {
  const o = await fixture('refundAbnormal');
  expect(await call('customerService', 'admin.retryRefund', { refundId: o.refundId, reason: '重试' })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
    message: '该操作仅限超级管理员、区域经理或财务执行',
  });
  expect(await call('finance', 'admin.listStores', {})).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringContaining('运营') });
  // The older one-role admin document reads as roles and regions.
  expect((await t.ok(identityOf('regionOut'), 'admin', 'whoami', {})).admin).toMatchObject({ roles: ['region_manager'], regions: ['黄浦区'], role: 'region_manager', region: '黄浦区' });
});

describe('platform-only entry points refuse every client, whoever it is', () => {
  const clients: Principal[] = ALL;
  const wechat: CallerIdentity = { openId: 'o-authz-wechat', appId: 'wx-demo' };
  const invokeAs = (who: Principal | CallerIdentity, fn: string, event: unknown) => t.cloud.functions.invoke(fn, event, typeof who === 'string' ? identityOf(who) : who) as Promise<Reply>;
  const refusedAll = (out: Record<string, { code: unknown; changed: string[] }>) =>
    expect(out).toEqual(Object.fromEntries([...clients, 'wechat'].map((p) => [p, { code: 'PERMISSION_DENIED', changed: [] }])));
  const asEveryone = (fn: string, event: () => unknown) => refusedOutcomes([...clients, 'wechat' as Principal], (p) => invokeAs((p as string) === 'wechat' ? wechat : p, fn, event()));

  test.each(['expireUnpaid', 'autoReject', 'reconcile', 'autoComplete'])('orderTimers %s, sent the exact timer event by a client → PERMISSION_DENIED', async (timer) => {
    const timerEvent = () => ({ Type: 'Timer', TriggerName: timer, Time: new Date().toISOString(), Message: '' });
    refusedAll(await asEveryone('orderTimers', timerEvent));
  });

  test('an expired unpaid order stays pending through every client’s expireUnpaid; the real timer then cancels it', async () => {
    const o = await fixture('pending');
    await t.cloud.db.update('orders', { _id: o._id }, { $set: { payBefore: new Date(Date.now() - 60_000).toISOString() } });
    refusedAll(await asEveryone('orderTimers', () => ({ Type: 'Timer', TriggerName: 'expireUnpaid', Time: new Date().toISOString(), Message: '' })));
    expect(t.doc('orders', o._id).status).toBe('pending_payment');
    expect((await t.timer('expireUnpaid')).job).toBe('expireUnpaid');
    expect(t.doc('orders', o._id).status).toBe('cancelled');
  });

  test('a server-side call that is not a timer event, or names no declared timer, is refused too', async () => {
    for (const event of [{ action: 'expireUnpaid' }, { Type: 'Timer', TriggerName: 'dropDatabase', Time: new Date().toISOString(), Message: '' }]) {
      await quiet();
      expect(await t.cloud.functions.invoke('orderTimers', event, { source: 'scf' })).toMatchObject({ ok: false, code: 'PERMISSION_DENIED' });
      expect(changedSince()).toEqual([]);
    }
  });

  test('payNotify: a correctly signed payment notification sent by a client is refused; through its HTTP trigger it is recorded', async () => {
    const { order } = await t.ok(CONSUMER, 'order', 'create', { ...cart(), idempotencyKey: key() });
    const { payment } = await t.ok(CONSUMER, 'pay', 'prepay', { orderId: order._id });
    await t.sandbox('/pay', { prepayId: prepayIdOf(payment.package), deliver: false });
    const k = sandboxKeys(t.cloud);
    const note = signedNotification(t.cloud, {
      type: 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      originalType: 'transaction',
      resource: {
        appid: k.appid,
        mchid: k.mchid,
        out_trade_no: order._id,
        transaction_id: '4200000000000000000000000077',
        trade_type: 'JSAPI',
        trade_state: 'SUCCESS',
        trade_state_desc: '支付成功',
        bank_type: 'OTHERS',
        success_time: new Date().toISOString(),
        payer: { openid: CONSUMER },
        amount: { total: order.totalFen, payer_total: order.totalFen, currency: 'CNY', payer_currency: 'CNY' },
      },
    });
    const httpEvent = () => ({ path: '/http/payNotify', httpMethod: 'POST', headers: note.headers, queryStringParameters: {}, body: note.body, isBase64Encoded: false });
    refusedAll(await asEveryone('payNotify', httpEvent));
    expect(t.doc('orders', order._id).status).toBe('pending_payment');
    expect((await postNotification(t.cloud, 'payNotify', note)).status).toBe(204);
    expect(t.doc('orders', order._id).status).toBe('paid');
  });

  test('refundNotify: a client calling it is refused and nothing changes', async () => {
    const httpEvent = () => ({ path: '/http/refundNotify', httpMethod: 'POST', headers: { 'content-type': 'application/json' }, queryStringParameters: {}, body: '{}', isBase64Encoded: false });
    refusedAll(await asEveryone('refundNotify', httpEvent));
  });
});
