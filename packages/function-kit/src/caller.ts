import { DomainError } from '@daojia/domain';
import { app } from './cloud';

export interface Caller { userKey: string; openId: string; uid: string; isAnonymous: boolean }
// Store staff and platform staff are the access module's records (it owns merchant_staff and admins); the types are
// here too so function code keeps one import.
export type { Staff, Admin } from '@daojia/modules/access';
export type { StoreRole as StaffRole } from '@daojia/domain';

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
