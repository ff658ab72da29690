/** Audit: who did what to money, and why (`audit_logs`, closed to every client). */
export { COLLECTIONS, type AuditActor } from './repository';
export { audit } from './log';
