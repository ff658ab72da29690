/**
 * Access: owns `merchant_staff` and `admins`. Loads who a caller is (principalFor) for the policy in
 * @daojia/domain (can, scope); function-kit's transport uses it to authorize each action's declared permission.
 */
export { staffDoc, staffRowsOf, staffOfStore, adminOf, type StaffDoc, type AdminDoc } from './repository';
export { principalFor, actingStaff, platformAdmin, platformScope, toWhere, can, scope, permissionsOf, type Access, type Admin, type Staff } from './principals';
export { addOwner, createInvite, joinByInvite, teamOf, removeClerk, drawInviteCode, INVITE_ALPHABET, INVITE_TTL_MS } from './staff';
export { type InviteDoc } from './repository';
