import { nowIso } from '@daojia/function-kit';
import { addEntry, type AuditActor, type AuditEntry } from './repository';

/**
 * One line per staff action on money (who, when, what, why, the status before and after), in `audit_logs`, which no
 * client can read or write. Written after the action: an action whose log write fails is reported as failed to the
 * caller, who sees the new state on the next list.
 */
export async function audit(by: AuditActor, action: 'retryRefund' | 'closeRefund', entry: Omit<AuditEntry, 'action' | 'by' | 'at'>): Promise<void> {
  await addEntry({ action, by, at: nowIso(), ...entry });
}
