import { randomInt } from 'node:crypto';
import { DomainError, type StoreRole } from '@daojia/domain';
import { nowIso } from '../runtime';
import { claimInvite, getInvite, insertInviteOnce, insertStaffOnce, openInvitesOf, removeClerkRow, staffOfStore, staffRowId, staffRowsOf, type InviteDoc, type StaffDoc } from './repository';

/**
 * A store's team: its owner (made when the platform approves the application) and clerks who join with a code the
 * owner hands them. Codes are 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L), so they can be read
 * out and typed; single use; valid for INVITE_TTL_MS. Removing a clerk deletes their row: the next call they make is
 * refused, since every call loads the caller's rows afresh.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITE_LENGTH = 6;
export const INVITE_TTL_MS = 72 * 3600 * 1000;

export function drawInviteCode(): string {
  let code = '';
  for (let i = 0; i < INVITE_LENGTH; i++) code += INVITE_ALPHABET[randomInt(INVITE_ALPHABET.length)];
  return code;
}

/** The approved applicant becomes the store's owner (idempotent: a retried approval writes nothing more). */
export async function addOwner(storeId: string, userKey: string, name: string): Promise<void> {
  await insertStaffOnce({ _id: staffRowId(storeId, userKey), userKey, storeId, role: 'owner', name });
}

export async function createInvite(storeId: string, createdBy: string, role: StoreRole = 'clerk', now = new Date()): Promise<InviteDoc> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const invite: InviteDoc = { _id: drawInviteCode(), storeId, role, createdBy, createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + INVITE_TTL_MS).toISOString() };
    if (await insertInviteOnce(invite)) return invite;
  }
  // 31^6 codes: five collisions in a row means something else is wrong.
  throw new Error('could not draw a free invite code in 5 attempts');
}

/**
 * Redeems a code: the caller becomes staff of its store with its role. The claim is a compare-and-set on the code
 * (unused and unexpired), then the row (fixed id, so a retry after a failure between the two writes finishes the
 * join for the person who claimed it, and for nobody else).
 */
export async function joinByInvite(code: string, userKey: string, name: string): Promise<StaffDoc> {
  const invite = await getInvite(code);
  if (!invite) throw new DomainError('INVITE_NOT_FOUND', '邀请码不存在，请核对后重新输入');
  const mine = await staffRowsOf(userKey);
  const existing = mine.find((r) => r.storeId === invite.storeId);
  if (existing && invite.usedBy !== userKey) throw new DomainError('ALREADY_STAFF', '你已是该门店的员工');
  const now = nowIso();
  if (invite.usedBy !== userKey && !(await claimInvite(code, userKey, now))) {
    const again = await getInvite(code);
    if (again?.usedBy !== userKey) {
      if (again?.usedBy) throw new DomainError('INVITE_USED', '邀请码已被使用，请联系店长重新生成');
      throw new DomainError('INVITE_EXPIRED', '邀请码已过期，请联系店长重新生成');
    }
  }
  const row: StaffDoc = { _id: staffRowId(invite.storeId, userKey), userKey, storeId: invite.storeId, role: invite.role, name };
  await insertStaffOnce(row);
  return existing ?? row;
}

export async function teamOf(storeId: string): Promise<{ staff: StaffDoc[]; invites: InviteDoc[] }> {
  const [staff, invites] = await Promise.all([staffOfStore(storeId), openInvitesOf(storeId, nowIso())]);
  // The owner first, then clerks by name.
  staff.sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name, 'zh') : a.role === 'owner' ? -1 : 1));
  return { staff, invites };
}

export async function removeClerk(storeId: string, staffId: string): Promise<void> {
  if (await removeClerkRow(storeId, staffId)) return;
  const row = (await staffOfStore(storeId)).find((r) => r._id === staffId);
  if (row?.role === 'owner') throw new DomainError('CANNOT_REMOVE_OWNER', '不能移除店长');
  throw new DomainError('STAFF_NOT_FOUND', '该员工不存在或已移除');
}
