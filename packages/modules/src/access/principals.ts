import {
  DomainError,
  actingMembership,
  can,
  permissionsOf,
  regionFilter,
  regionsText,
  requirePlatform,
  scope,
  type Permission,
  type PlatformRole,
  type Principal,
  type ScopeFilter,
} from '@daojia/domain';
import { _, type Caller } from '../runtime';
import { adminOf, staffRowsOf, type AdminDoc, type StaffDoc } from './repository';

/** A staff call's acting store: the person's `merchant_staff` row for it (their role there). */
export type Staff = StaffDoc;

/**
 * A platform staff member. `role` and `region` are the one-role shape older readers know (the admin panel's tag,
 * audit lines): the first role, and the regions joined (`静安区、徐汇区`; absent for all regions).
 */
export interface Admin extends AdminDoc {
  role: PlatformRole;
  region?: string;
}

/** Who is calling: the policy's principal, and the records it was made from. */
export interface Access {
  principal: Principal;
  staff: StaffDoc[];
  admin: AdminDoc | null;
}

/** Loads everything the policy decides on in two queries (run together): the person's store rows and admin row. */
export async function principalFor(caller: Caller): Promise<Access> {
  const person = Boolean(caller.userKey) && !caller.isAnonymous;
  const [staff, admin] = person ? await Promise.all([staffRowsOf(caller.userKey), adminOf(caller.userKey)]) : [[], null];
  return {
    principal: {
      userKey: caller.userKey,
      anonymous: caller.isAnonymous,
      stores: staff.map(({ storeId, role }) => ({ storeId, role })),
      platform: admin ? { roles: admin.roles, ...(admin.regions ? { regions: admin.regions } : {}) } : null,
    },
    staff,
    admin,
  };
}

/** The staff row of the store a call acts on (envelope `storeId`, or the only store), if `permission` is held there. */
export function actingStaff(access: Access, permission: Permission, storeId?: string): Staff {
  const m = actingMembership(access.principal, permission, storeId);
  const row = access.staff.find((r) => r.storeId === m.storeId);
  // The principal's stores are made from these rows, so this holds; the check keeps the type honest without a `!`.
  if (!row) throw new DomainError('FORBIDDEN', '当前账号不是该门店的员工，无法操作该门店');
  return row;
}

export function platformAdmin(access: Access, permission: Permission): Admin {
  requirePlatform(access.principal, permission);
  const admin = access.admin;
  if (!admin) throw new DomainError('FORBIDDEN', '当前账号没有平台管理权限');
  const regions = regionsText(access.principal);
  return { ...admin, role: admin.roles[0], ...(regions === '全部区域' ? {} : { region: regions }) };
}

/** A domain scope filter as the SDK's `where` takes it: `{ $in: [...] }` becomes `_.in([...])`. */
export function toWhere(filter: ScopeFilter): Record<string, unknown> {
  return Object.fromEntries(Object.entries(filter).map(([k, v]) => [k, typeof v === 'string' ? v : _.in(v.$in)]));
}

/** The platform staff member's query filter, narrowed to the region they asked for (refused outside their own). */
export const platformScope = (access: Access, askedRegion?: string) => toWhere(regionFilter(access.principal, askedRegion));

export { can, scope, permissionsOf };
