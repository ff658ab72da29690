import { DomainError } from '../errors';
import { PERMISSIONS, ROLE_TEXT, holdersText, type Permission } from './permissions';
import type { AccessResource, PlatformGrant, Principal, StoreMembership } from './principal';

const isPerson = (p: Principal) => p.userKey !== '' && !p.anonymous;

/** Whether the grant covers a region: the super admin and national staff cover all, a regional role its own. */
export function coversRegion(grant: PlatformGrant, region: string): boolean {
  if (grant.roles.includes('super_admin')) return true;
  if (grant.roles.includes('region_manager') && !grant.regions) return false;
  return !grant.regions || grant.regions.includes(region);
}

/**
 * May this principal do this (to this resource)? Without a resource: do they hold it at all (in some store, in
 * some region). With `{ storeId }`: as staff of that store. With `{ region }`: within that region.
 */
export function can(p: Principal, permission: Permission, resource: AccessResource = {}): boolean {
  const def = PERMISSIONS[permission];
  switch (def.audience) {
    case 'public':
      return true;
    case 'consumer':
      return isPerson(p);
    case 'staff':
      return isPerson(p) && p.stores.some((m) => (def.storeRoles as readonly string[]).includes(m.role) && (resource.storeId === undefined || m.storeId === resource.storeId));
    case 'platform': {
      const grant = p.platform;
      if (!isPerson(p) || !grant || !grant.roles.some((r) => (def.platformRoles as readonly string[]).includes(r))) return false;
      return resource.region === undefined || coversRegion(grant, resource.region);
    }
  }
}

/**
 * A query filter for the data this principal may see, spread into a `where` (in the SDK, `$in` is `_.in()`; the
 * access module converts). As platform staff: `{}` for all regions, `{ region: { $in } }` for regional roles. As
 * staff: `{ storeId }` of the store acted on (`storeId`), else of every store they work at. Anyone else: nothing.
 */
export type ScopeFilter = Record<string, string | { $in: string[] }>;

export function scope(p: Principal, as: { audience?: 'staff' | 'platform'; storeId?: string } = {}): ScopeFilter {
  const audience = as.audience ?? (p.platform ? 'platform' : 'staff');
  const nothing = { _id: { $in: [] } };
  if (!isPerson(p)) return nothing;
  if (audience === 'platform') {
    const grant = p.platform;
    if (!grant) return nothing;
    if (grant.roles.includes('super_admin')) return {};
    if (grant.roles.includes('region_manager') && !grant.regions) return { region: { $in: [] } };
    return grant.regions ? { region: { $in: [...grant.regions] } } : {};
  }
  if (as.storeId) return p.stores.some((m) => m.storeId === as.storeId) ? { storeId: as.storeId } : nothing;
  return p.stores.length ? { storeId: { $in: p.stores.map((m) => m.storeId) } } : nothing;
}

/** The regions a platform principal sees, for display: `全部区域`, or the regions joined (`静安区、徐汇区`). */
export function regionsText(p: Principal): string {
  const grant = p.platform;
  if (!grant || grant.roles.includes('super_admin') || (!grant.regions && !grant.roles.includes('region_manager'))) return '全部区域';
  return (grant.regions ?? []).join('、');
}

/** The permissions a principal holds somewhere (the admin panel and the merchant app offer only these). */
export function permissionsOf(p: Principal, resource: AccessResource = {}): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((perm) => can(p, perm, resource));
}

const forbidden = (permission: Permission, tail = '') => new DomainError('FORBIDDEN', `该操作仅限${holdersText(permission)}执行${tail}`);

/**
 * The store a staff call acts on, and that the caller may do `permission` there. `storeId` is the call envelope's:
 * someone working at one store need not send it; someone at several must (`STORE_REQUIRED`, so the app asks which).
 * Refusals say who may do it.
 */
export function actingMembership(p: Principal, permission: Permission, storeId?: string): StoreMembership {
  if (!isPerson(p)) throw new DomainError('UNAUTHENTICATED', '请先登录');
  if (!p.stores.length) throw new DomainError('FORBIDDEN', '当前账号不是商家员工，无法使用商家功能');
  if (!can(p, permission)) throw forbidden(permission, '，请联系店长处理');
  let membership: StoreMembership | undefined;
  if (storeId !== undefined) {
    membership = p.stores.find((m) => m.storeId === storeId);
    if (!membership) throw new DomainError('FORBIDDEN', '当前账号不是该门店的员工，无法操作该门店');
  } else if (p.stores.length > 1) {
    throw new DomainError('STORE_REQUIRED', `当前账号在 ${p.stores.length} 家门店任职，请先选择要操作的门店`, { storeIds: p.stores.map((m) => m.storeId) });
  } else {
    membership = p.stores[0];
  }
  if (!can(p, permission, { storeId: membership.storeId })) {
    throw forbidden(permission, `，你在该门店是${ROLE_TEXT[membership.role]}，请联系店长处理`);
  }
  return membership;
}

/** That a platform call may go ahead: the caller is platform staff holding `permission` (regions scope the data). */
export function requirePlatform(p: Principal, permission: Permission): PlatformGrant {
  if (!isPerson(p)) throw new DomainError('UNAUTHENTICATED', '请先登录');
  if (!p.platform) throw new DomainError('FORBIDDEN', '当前账号没有平台管理权限');
  if (!can(p, permission)) throw forbidden(permission);
  return p.platform;
}

/**
 * The platform scope narrowed to the region a caller asked for (a list's `region` filter): anyone may narrow within
 * what they see; asking for a region outside it is refused rather than silently answered with their own.
 */
export function regionFilter(p: Principal, asked?: string): ScopeFilter {
  if (asked === undefined || asked === '') return scope(p, { audience: 'platform' });
  if (!p.platform || !coversRegion(p.platform, asked)) throw new DomainError('FORBIDDEN', `只能查看${regionsText(p)}的数据`);
  return { region: asked };
}
