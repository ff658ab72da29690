import { DomainError } from '@daojia/domain';
import type { Caller } from '@daojia/modules/runtime';

// Store staff and platform staff are the access module's records (it owns merchant_staff and admins); the types are
// here too so function code keeps one import.
export type { Staff, Admin } from '@daojia/modules/access';
export type { StoreRole as StaffRole } from '@daojia/domain';

/**
 * A real identity: an order, an address or a refund must belong to someone who can come back for it, which an
 * anonymous web session (gone with the browser's storage) is not.
 */
export function requireUser(caller: Caller): Caller {
  if (!caller.userKey) throw new DomainError('UNAUTHENTICATED', '请先登录');
  if (caller.isAnonymous) throw new DomainError('UNAUTHENTICATED', '请先登录：游客只能浏览店铺，下单和查看订单需要登录账号');
  return caller;
}
