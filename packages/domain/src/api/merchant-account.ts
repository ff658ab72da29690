import { z } from 'zod';
import { category, lngLat } from '../schemas/common';
import { storeStatus } from '../schemas/store';
import { storeRole } from '../access/principal';
import { applicationForm, applicationStatus, reviewer } from '../onboarding/application';
import { commissionTerms } from '../onboarding/terms';
import { contract } from './contract';

/** A store the caller works at, with their role and the permissions they hold there (the app shows only those). */
export const myStore = z.object({
  storeId: z.string(),
  name: z.string(),
  category,
  region: z.string(),
  status: storeStatus,
  role: storeRole,
  permissions: z.array(z.string()),
  terms: commissionTerms.optional(),
});
export type MyStore = z.infer<typeof myStore>;

/** An application as its applicant sees it. */
export const applicationView = z.object({
  _id: z.string(),
  name: z.string(),
  category,
  address: z.string(),
  location: lngLat,
  region: z.string(),
  licenceFileId: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  status: applicationStatus,
  reason: z.string().optional(),
  storeId: z.string().optional(),
  terms: commissionTerms.optional(),
  createdAt: z.string(),
  reviewedAt: z.string().optional(),
});
export type ApplicationView = z.infer<typeof applicationView>;

/** An open invite code for a store (single use, until `expiresAt`). */
export const inviteView = z.object({ code: z.string(), storeId: z.string(), role: storeRole, expiresAt: z.string(), createdAt: z.string() });
export type InviteView = z.infer<typeof inviteView>;

export const staffMember = z.object({ _id: z.string(), name: z.string(), role: storeRole, self: z.boolean() });
export type StaffMember = z.infer<typeof staffMember>;

const empty = z.object({}).strict();
/** Codes are typed by people: case and spaces do not matter. */
export const inviteCode = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{6}$/, '邀请码为 6 位字母或数字'));

export const myStoresInput = empty;
export const myStoresOutput = z.object({ stores: z.array(myStore) });
export const applyInput = applicationForm;
export const applicationOutput = z.object({ application: applicationView });
export const myApplicationsInput = empty;
export const myApplicationsOutput = z.object({ applications: z.array(applicationView) });
export const createInviteInput = empty;
export const inviteOutput = z.object({ invite: inviteView });
export const joinInput = z.object({ code: inviteCode, name: z.string().trim().min(1).max(20).optional() }).strict();
export const joinOutput = z.object({ store: myStore });
export const listStaffInput = empty;
export const listStaffOutput = z.object({ staff: z.array(staffMember), invites: z.array(inviteView) });
export const removeStaffInput = z.object({ staffId: z.string().min(1).max(128) }).strict();
export const removeStaffOutput = z.object({ removed: z.string() });

export const MERCHANT_ACCOUNT_API = {
  myStores: contract(myStoresInput, myStoresOutput),
  apply: contract(applyInput, applicationOutput, ['APPLICATION_OPEN', 'REGION_UNSUPPORTED', 'LICENCE_INVALID']),
  myApplications: contract(myApplicationsInput, myApplicationsOutput),
  createInvite: contract(createInviteInput, inviteOutput),
  join: contract(joinInput, joinOutput, ['INVITE_NOT_FOUND', 'INVITE_USED', 'INVITE_EXPIRED', 'ALREADY_STAFF']),
  listStaff: contract(listStaffInput, listStaffOutput),
  removeStaff: contract(removeStaffInput, removeStaffOutput, ['STAFF_NOT_FOUND', 'CANNOT_REMOVE_OWNER']),
};

/** The platform's side (admin function): the queue of applications and the review. */
export const adminApplicationView = applicationView.extend({ applicantKey: z.string(), reviewedBy: reviewer.optional() });
export type AdminApplicationView = z.infer<typeof adminApplicationView>;
export const listApplicationsInput = z
  .object({
    /** Default: the queue (pending, and approvals still being set up). */
    status: z.enum(['open', 'approved', 'rejected', 'all']).default('open'),
    region: z.string().max(20).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export const listApplicationsOutput = z.object({ applications: z.array(adminApplicationView), total: z.number().int().min(0) });
export const reviewApplicationInput = z
  .object({
    applicationId: z.string().min(1).max(64),
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().max(200).default(''),
  })
  .strict()
  .refine((r) => r.decision === 'approve' || r.reason.length > 0, { message: '驳回时请填写原因', path: ['reason'] });
export const reviewApplicationOutput = z.object({
  application: adminApplicationView,
  store: z.object({ _id: z.string(), name: z.string(), status: storeStatus, terms: commissionTerms.optional() }).optional(),
});
export const REVIEW_APPLICATION_ERRORS = ['APPLICATION_NOT_FOUND', 'APPLICATION_NOT_PENDING'] as const;
export const ADMIN_APPLICATION_API = {
  listApplications: contract(listApplicationsInput, listApplicationsOutput),
  reviewApplication: contract(reviewApplicationInput, reviewApplicationOutput, REVIEW_APPLICATION_ERRORS),
};
