/**
 * Onboarding: applications to open a store (`store_applications`) and their review. Approval makes the store
 * (stores module), its owner (access module) and records the commission terms (domain's default table; the rules
 * engine is issue #12); both decisions are audit-logged.
 */
export { COLLECTIONS } from './repository';
export { storesOfPerson } from './team';
export { apply, myApplications, listApplications, approveApplication, rejectApplication, toApplicationView, toAdminApplicationView, type Review } from './service';
export { ONBOARDING_ERROR_CODES } from '@daojia/domain';
