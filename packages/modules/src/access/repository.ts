import { z } from 'zod';
import { platformRole, storeRole } from '@daojia/domain';
import { db, _, readAll } from '../runtime';
import { addOnce, parser } from '../repository-kit';

export const COLLECTIONS = ['merchant_staff', 'admins', 'staff_invites'] as const;

/** `merchant_staff`: one document per (person, store), with the person's role in that store. */
export const staffDoc = z.object({ _id: z.string(), userKey: z.string().min(1), storeId: z.string().min(1), role: storeRole, name: z.string() });
export type StaffDoc = z.infer<typeof staffDoc>;

/**
 * `admins`: one document per platform staff member, `roles` and `regions` (absent: all regions). Documents written
 * before roles were a list hold one `role` and an optional `region`; they read as the same thing, so existing data
 * keeps working without a migration.
 */
const storedAdmin = z
  .object({
    _id: z.string(),
    userKey: z.string().min(1),
    name: z.string(),
    roles: z.array(platformRole).min(1).optional(),
    regions: z.array(z.string().min(1)).optional(),
    role: platformRole.optional(),
    region: z.string().min(1).optional(),
  })
  .refine((a) => a.roles || a.role, { message: 'an admin needs roles (or the older single role)' })
  .transform(({ _id, userKey, name, roles, regions, role, region }) => ({
    _id,
    userKey,
    name,
    roles: roles ?? [role!],
    ...(regions ? { regions } : region ? { regions: [region] } : {}),
  }));
export type AdminDoc = z.output<typeof storedAdmin>;

const parseStaff = parser('merchant_staff', staffDoc);
const parseAdmin = parser('admins', storedAdmin);

/** Every store the person works at (no cap: a person may be staff of several stores). */
export async function staffRowsOf(userKey: string): Promise<StaffDoc[]> {
  return (await readAll<unknown>(db.collection('merchant_staff').where({ userKey }).orderBy('storeId', 'asc'), 100)).map(parseStaff);
}

/** Everyone working at one store (one row each): who the store's messages, such as a new-order alert, go to. */
export async function staffOfStore(storeId: string): Promise<StaffDoc[]> {
  return (await readAll<unknown>(db.collection('merchant_staff').where({ storeId }).orderBy('userKey', 'asc'), 100)).map(parseStaff);
}

export async function adminOf(userKey: string): Promise<AdminDoc | null> {
  const { data } = await db.collection('admins').where({ userKey }).limit(1).get();
  return data.length ? parseAdmin(data[0]) : null;
}

// Staff membership writes and invite codes (onboarding: an approved applicant becomes owner; a clerk joins by code).

/** A person's row for a store has a fixed id, so a retried approval or join writes it once; false when it existed. */
export const staffRowId = (storeId: string, userKey: string) => `${storeId}:${userKey}`;

export async function insertStaffOnce(row: StaffDoc): Promise<boolean> {
  const { _id, ...doc } = staffDoc.parse(row);
  return addOnce(() => db.collection('merchant_staff').add({ _id, ...doc }));
}

/** Removes a clerk's row of a store (never an owner's: the condition says so); true when one was removed. */
export async function removeClerkRow(storeId: string, staffId: string): Promise<boolean> {
  const { deleted } = await db.collection('merchant_staff').where({ _id: staffId, storeId, role: 'clerk' }).remove();
  return deleted === 1;
}

/** `staff_invites`: one document per code (the code is its id), for one store and role, used once before it expires. */
export const inviteDoc = z.object({
  _id: z.string(),
  storeId: z.string().min(1),
  role: storeRole,
  createdBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  usedBy: z.string().optional(),
  usedAt: z.string().optional(),
});
export type InviteDoc = z.infer<typeof inviteDoc>;
const parseInvite = parser('staff_invites', inviteDoc);
const invites = () => db.collection('staff_invites');

/** False when the code is taken (the caller draws another). */
export const insertInviteOnce = (invite: InviteDoc) => addOnce(() => invites().add(inviteDoc.parse(invite)));

export async function getInvite(code: string): Promise<InviteDoc | undefined> {
  const doc = (await invites().doc(code).get()).data[0];
  return doc === undefined ? undefined : parseInvite(doc);
}

/** Marks an unused, unexpired code used by `userKey` (compare-and-set: of two people typing it, one wins). */
export async function claimInvite(code: string, userKey: string, now: string): Promise<boolean> {
  const { updated } = await invites()
    .where({ _id: code, usedBy: _.exists(false), expiresAt: _.gt(now) })
    .update({ usedBy: userKey, usedAt: now });
  return updated === 1;
}

/** A store's codes not used and not expired, newest first. */
export async function openInvitesOf(storeId: string, now: string): Promise<InviteDoc[]> {
  const { data } = await invites()
    .where({ storeId, usedBy: _.exists(false), expiresAt: _.gt(now) })
    .orderBy('createdAt', 'desc')
    .limit(20)
    .get();
  return data.map(parseInvite);
}
