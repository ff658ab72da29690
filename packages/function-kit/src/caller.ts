import { DomainError } from '@daojia/domain';
import { app, db } from './cloud';

export interface Caller { userKey: string; openId: string; uid: string }
export interface Staff { _id: string; userKey: string; storeId: string; role: 'owner' | 'clerk'; name: string }
export interface Admin { _id: string; userKey: string; role: 'super_admin' | 'region_manager'; region?: string; name: string }

/** Who called, from the platform only: OPENID in WeChat, the signed-in uid on the web. Never from the event. */
export function currentCaller(): Caller {
  const info = app.auth().getUserInfo();
  return { userKey: info.openId || info.uid || '', openId: info.openId, uid: info.uid };
}

export function requireUser(caller: Caller): Caller {
  if (!caller.userKey) throw new DomainError('UNAUTHENTICATED', '请先登录');
  return caller;
}

export async function requireStaff(caller: Caller): Promise<Staff> {
  requireUser(caller);
  const { data } = await db.collection('merchant_staff').where({ userKey: caller.userKey }).limit(1).get();
  if (!data.length) throw new DomainError('FORBIDDEN', '当前账号不是商家员工，无法使用商家功能');
  return data[0] as Staff;
}

export async function requireAdmin(caller: Caller): Promise<Admin> {
  requireUser(caller);
  const { data } = await db.collection('admins').where({ userKey: caller.userKey }).limit(1).get();
  if (!data.length) throw new DomainError('FORBIDDEN', '当前账号没有平台管理权限');
  return data[0] as Admin;
}
