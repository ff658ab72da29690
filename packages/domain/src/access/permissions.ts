/**
 * The permission catalogue: every permission an action can declare, who it is for (its audience) and which roles
 * hold it. An action names one permission (`permission` in its function's action table); the transport
 * (function-kit) checks it before the input is read, and the handler gets a context typed by the audience.
 *
 * - public: anyone, anonymous sign-ins included (browsing).
 * - consumer: a real identity (a WeChat openid or a non-anonymous web sign-in), acting on their own data.
 * - staff: store staff whose role in the store acted on is in `storeRoles`.
 * - platform: platform staff with one of `platformRoles`, within their regions.
 */
export const STORE_ROLES = ['owner', 'clerk'] as const;
export type StoreRole = (typeof STORE_ROLES)[number];

export const PLATFORM_ROLES = ['super_admin', 'region_manager', 'operations', 'finance', 'customer_service'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export type Audience = 'public' | 'consumer' | 'staff' | 'platform';

/** How a role is named to people (FORBIDDEN messages, the admin panel's account tag). */
export const ROLE_TEXT: Record<StoreRole | PlatformRole, string> = {
  owner: '店长',
  clerk: '店员',
  super_admin: '超级管理员',
  region_manager: '区域经理',
  operations: '运营',
  finance: '财务',
  customer_service: '客服',
};

type PermissionDef =
  | { audience: 'public' | 'consumer'; text: string }
  | { audience: 'staff'; storeRoles: readonly StoreRole[]; text: string }
  | { audience: 'platform'; platformRoles: readonly PlatformRole[]; text: string };

const EVERY_PLATFORM_ROLE = PLATFORM_ROLES;

/**
 * Why these sets: serving customers is the counter's daily work, so any staff member does it (a reject refunds the
 * untouched order in full, with no amount to decide); whether money goes back for an order already served, and the
 * store's money and settings, are the owner's. A clerk keeps the shelf true (sold out, back on, stock counts) and
 * answers reviews; prices, the menu itself, staff and promotions are the owner's. Applying to open a store or joining
 * one by invite code is done by a plain signed-in person, who is nobody's staff yet. On the platform a regional manager runs their regions end to end;
 * operations runs stores and merchants; finance sees money and acts on refunds that went wrong; customer service
 * looks up orders, users and refund issues to answer people, but moves no money. The super admin holds everything.
 * Permissions not declared by any action yet are the rooms of the coming issues (settlement, store settings, the
 * merchant and user pages of the admin panel).
 */
export const PERMISSIONS = {
  'store.browse': { audience: 'public', text: '浏览店铺和商品' },
  'order.place': { audience: 'consumer', text: '询价和下单' },
  'order.own': { audience: 'consumer', text: '查看、支付和处理自己的订单' },

  'store.orders.serve': { audience: 'staff', storeRoles: ['owner', 'clerk'], text: '接单、出餐、配送和核销' },
  'store.refunds.decide': { audience: 'staff', storeRoles: ['owner'], text: '处理顾客的退款申请' },
  'store.finance.read': { audience: 'staff', storeRoles: ['owner'], text: '查看门店账单和结算' },
  'store.settings.manage': { audience: 'staff', storeRoles: ['owner'], text: '修改门店设置' },
  'store.read': { audience: 'staff', storeRoles: ['owner', 'clerk'], text: '查看门店资料、商品和评价' },
  'store.stock.manage': { audience: 'staff', storeRoles: ['owner', 'clerk'], text: '商品上下架和库存' },
  'store.catalog.manage': { audience: 'staff', storeRoles: ['owner'], text: '编辑商品、价格和分类' },
  'store.staff.manage': { audience: 'staff', storeRoles: ['owner'], text: '管理门店员工' },
  'store.marketing.manage': { audience: 'staff', storeRoles: ['owner'], text: '管理门店满减和优惠券' },
  'store.reviews.reply': { audience: 'staff', storeRoles: ['owner', 'clerk'], text: '回复顾客评价' },

  'merchant.account': { audience: 'consumer', text: '申请开店、加入门店和查看自己任职的门店' },
  'review.write': { audience: 'consumer', text: '评价自己的订单' },
  'files.upload': { audience: 'consumer', text: '上传自己的图片和表格' },

  'platform.signin': { audience: 'platform', platformRoles: EVERY_PLATFORM_ROLE, text: '登录管理后台' },
  'platform.overview': { audience: 'platform', platformRoles: ['super_admin', 'region_manager', 'operations', 'finance'], text: '查看经营概况' },
  'platform.stores.read': { audience: 'platform', platformRoles: ['super_admin', 'region_manager', 'operations', 'customer_service'], text: '查看店铺' },
  'platform.stores.manage': { audience: 'platform', platformRoles: ['super_admin', 'region_manager', 'operations'], text: '管理店铺' },
  'platform.merchants.manage': { audience: 'platform', platformRoles: ['super_admin', 'operations'], text: '管理商家和门店员工' },
  'platform.merchants.audit': { audience: 'platform', platformRoles: ['super_admin', 'region_manager', 'operations'], text: '审核开店申请' },
  'platform.orders.read': { audience: 'platform', platformRoles: EVERY_PLATFORM_ROLE, text: '查看订单' },
  'platform.users.read': { audience: 'platform', platformRoles: ['super_admin', 'region_manager', 'customer_service'], text: '查看用户' },
  'platform.refunds.read': { audience: 'platform', platformRoles: ['super_admin', 'region_manager', 'finance', 'customer_service'], text: '查看退款异常' },
  'platform.refunds.manage': { audience: 'platform', platformRoles: ['super_admin', 'region_manager', 'finance'], text: '重试或关闭退款' },
} as const satisfies Record<string, PermissionDef>;

export type Permission = keyof typeof PERMISSIONS;
export type AudienceOf<P extends Permission> = (typeof PERMISSIONS)[P]['audience'];
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];

export const permissionDef = (p: Permission): PermissionDef => PERMISSIONS[p];
export const audienceOf = (p: Permission): Audience => PERMISSIONS[p].audience;
// Not Object.hasOwn: the domain also runs in the mini-programs, which target ES2017 (older WeChat iOS lacks it).
export const isPermission = (p: string): p is Permission => Object.prototype.hasOwnProperty.call(PERMISSIONS, p);

/** The roles that hold a permission, for documents and messages: `店长或店员`, `超级管理员、区域经理或财务`. */
export function holders(p: Permission): readonly (StoreRole | PlatformRole)[] {
  const def = permissionDef(p);
  return def.audience === 'staff' ? def.storeRoles : def.audience === 'platform' ? def.platformRoles : [];
}

export function holdersText(p: Permission): string {
  const names = holders(p).map((r) => ROLE_TEXT[r]);
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join('、')}或${names[names.length - 1]}`;
}
