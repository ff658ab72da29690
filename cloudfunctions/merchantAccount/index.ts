import { DomainError, MERCHANT_ACCOUNT_API as C } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { createInvite, joinByInvite, removeClerk, teamOf } from '@daojia/modules/access';
import { apply, myApplications, storesOfPerson, toApplicationView } from '@daojia/modules/onboarding';

const inviteView = (i: { _id: string; storeId: string; role: 'owner' | 'clerk'; expiresAt: string; createdAt: string }) => ({
  code: i._id,
  storeId: i.storeId,
  role: i.role,
  expiresAt: i.expiresAt,
  createdAt: i.createdAt,
});

/**
 * A person's merchant account: the stores they work at, applying to open one, joining one by invite code (any real
 * signed-in person: `merchant.account`), and the owner's team management for the store acted on
 * (`store.staff.manage`: invite a clerk, list, remove a clerk).
 */
export const main = defineFunction('merchantAccount', {
  /** Stores I work at, each with my role and the permissions I hold there, its status and commission terms. */
  myStores: action({
    ...C.myStores,
    permission: 'merchant.account',
    handler: async (_input, { caller }) => ({ stores: await storesOfPerson(caller.userKey) }),
  }),

  apply: action({
    ...C.apply,
    permission: 'merchant.account',
    handler: async (form, { caller }) => ({ application: toApplicationView(await apply(caller.userKey, form)) }),
  }),

  /** Newest first, with status, the reason of a rejection, and the store and terms of an approval. */
  myApplications: action({
    ...C.myApplications,
    permission: 'merchant.account',
    handler: async (_input, { caller }) => ({ applications: (await myApplications(caller.userKey)).map(toApplicationView) }),
  }),

  /** A single-use code for a clerk of the store acted on, valid 72 h. */
  createInvite: action({
    ...C.createInvite,
    permission: 'store.staff.manage',
    handler: async (_input, { staff }) => ({ invite: inviteView(await createInvite(staff.storeId, staff.userKey)) }),
  }),

  join: action({
    ...C.join,
    permission: 'merchant.account',
    async handler({ code, name }, { caller }) {
      const row = await joinByInvite(code, caller.userKey, name ?? '店员');
      const store = (await storesOfPerson(caller.userKey)).find((s) => s.storeId === row.storeId);
      // The row was just written and the store exists (an invite is only made by its owner).
      if (!store) throw new DomainError('INVITE_NOT_FOUND', '邀请码对应的门店不存在');
      return { store };
    },
  }),

  listStaff: action({
    ...C.listStaff,
    permission: 'store.staff.manage',
    async handler(_input, { staff }) {
      const team = await teamOf(staff.storeId);
      return { staff: team.staff.map((r) => ({ _id: r._id, name: r.name, role: r.role, self: r.userKey === staff.userKey })), invites: team.invites.map(inviteView) };
    },
  }),

  /** A clerk of the store acted on; the owner cannot be removed. Their next call is refused. */
  removeStaff: action({
    ...C.removeStaff,
    permission: 'store.staff.manage',
    async handler({ staffId }, { staff }) {
      await removeClerk(staff.storeId, staffId);
      return { removed: staffId };
    },
  }),
});
