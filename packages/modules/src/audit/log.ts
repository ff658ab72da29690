import { nowIso } from '../runtime';
import { addEntry, type AuditEntry } from './repository';

/** The platform staff member acting, as the access module describes them (their record's id, role and region). */
export interface Actor {
  _id: string;
  userKey: string;
  role: string;
  region?: string;
  name: string;
}

/**
 * One line per staff action on money or on a merchant (who, when, what, why, the status before and after), in `audit_logs`, which no
 * client can read or write. Written after the action: an action whose log write fails is reported as failed to the
 * caller, who sees the new state on the next list.
 */
export async function audit(admin: Actor, action: 'retryRefund' | 'closeRefund' | 'approveApplication' | 'rejectApplication', entry: Omit<AuditEntry, 'action' | 'by' | 'at'>): Promise<void> {
  await addEntry({ action, by: { adminId: admin._id, userKey: admin.userKey, role: admin.role, region: admin.region ?? '', name: admin.name }, at: nowIso(), ...entry });
}
