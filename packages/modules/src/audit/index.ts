/** Audit: who did what to money, and why (`audit_logs`, closed to every client). */
export { COLLECTIONS } from './repository';
export { audit, type Actor } from './log';
