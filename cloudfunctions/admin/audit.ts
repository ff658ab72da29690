import type { Admin } from '@daojia/function-kit';
import { db, nowIso } from '@daojia/function-kit';

export interface AuditEntry { refundId: string; orderId: string; reason: string; before: Record<string, string>; after: Record<string, string> }

/**
 * One line per staff action on money (who, when, what, why, the status before and after), in `audit_logs`, which no
 * client can read or write. Written after the action: an action whose log write fails is reported as failed to the
 * caller, who sees the new state on the next list.
 */
export async function audit(admin: Admin, action: 'retryRefund' | 'closeRefund', entry: AuditEntry) {
  await db.collection('audit_logs').add({
    action, by: { adminId: admin._id, userKey: admin.userKey, role: admin.role, region: admin.region ?? '', name: admin.name }, at: nowIso(), ...entry,
  });
}
