import { DomainError } from '@daojia/domain';
import { app, db } from './cloud';

export interface Caller { userKey: string; openId: string; uid: string; isAnonymous: boolean }
export type StaffRole = 'owner' | 'clerk';
export interface Staff { _id: string; userKey: string; storeId: string; role: StaffRole; name: string }
export interface Admin { _id: string; userKey: string; role: 'super_admin' | 'region_manager'; region?: string; name: string }

/** Who called, from the platform only: OPENID in WeChat, the signed-in uid on the web. Never from the event. */
export function currentCaller(): Caller {
  const info = app.auth().getUserInfo();
  // A WeChat openid is a real person whatever the web session says; only a web uid can be an anonymous sign-in.
  return { userKey: info.openId || info.uid || '', openId: info.openId, uid: info.uid, isAnonymous: !info.openId && info.isAnonymous };
}

/** Any end user at all (anonymous included): what a timer or a payment callback never has. */
export function hasEndUser(): boolean {
  const info = app.auth().getUserInfo();
  return Boolean(info.openId || info.uid || info.customUserId);
}

/**
 * A real identity: an order, an address or a refund must belong to someone who can come back for it, which an
 * anonymous web session (gone with the browser's storage) is not.
 */
export function requireUser(caller: Caller): Caller {
  if (!caller.userKey) throw new DomainError('UNAUTHENTICATED', '请先登录');
  if (caller.isAnonymous) throw new DomainError('UNAUTHENTICATED', '请先登录：游客只能浏览店铺，下单和查看订单需要登录账号');
  return caller;
}

const STAFF_ROLE_TEXT: Record<StaffRole, string> = { owner: '店长', clerk: '店员' };

/** Staff of a store, in one of `roles`: a clerk serves customers, only the owner decides about money. */
export async function requireStaff(caller: Caller, roles: readonly StaffRole[]): Promise<Staff> {
  requireUser(caller);
  const { data } = await db.collection('merchant_staff').where({ userKey: caller.userKey }).limit(1).get();
  if (!data.length) throw new DomainError('FORBIDDEN', '当前账号不是商家员工，无法使用商家功能');
  const staff = data[0] as Staff;
  if (!roles.includes(staff.role)) throw new DomainError('FORBIDDEN', `该操作仅限${roles.map((r) => STAFF_ROLE_TEXT[r]).join('或')}执行，请联系店长处理`);
  return staff;
}

export async function requireAdmin(caller: Caller): Promise<Admin> {
  requireUser(caller);
  const { data } = await db.collection('admins').where({ userKey: caller.userKey }).limit(1).get();
  if (!data.length) throw new DomainError('FORBIDDEN', '当前账号没有平台管理权限');
  return data[0] as Admin;
}
