import { z } from 'zod';
import { db } from '../runtime';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['audit_logs'] as const;

/** Who did it: the platform staff record as it was at the time (roles and regions change later). */
export const auditActor = z.object({ adminId: z.string(), userKey: z.string(), role: z.string(), region: z.string(), name: z.string() });
export const auditEntry = z.object({
  action: z.string().min(1),
  by: auditActor,
  at: z.string(),
  /** What the action was on: a refund and its order, or a store application and the store it made. */
  refundId: z.string().optional(),
  orderId: z.string().optional(),
  applicationId: z.string().optional(),
  storeId: z.string().optional(),
  reason: z.string(),
  before: z.record(z.string(), z.string()),
  after: z.record(z.string(), z.string()),
});
export type AuditActor = z.infer<typeof auditActor>;
export type AuditEntry = z.infer<typeof auditEntry>;

/** Written as parsed, so the log never holds an entry it could not be read back as. */
export async function addEntry(entry: AuditEntry): Promise<void> {
  await db.collection('audit_logs').add(auditEntry.parse(entry));
}
