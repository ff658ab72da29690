import { can, setOpenInput, settingsInput, storeSettingsOutput, storeSettingsPatch } from '@daojia/domain';
import { defineFunction, action, type Staff } from '@daojia/function-kit';
import type { Access } from '@daojia/modules/access';
import { setStoreOpen, storeSettingsView, updateStoreSettings, type SettingsView } from '@daojia/modules/stores';

/**
 * A store's settings from the merchant app: hours with breaks and dated exceptions, delivery radius and fee tiers,
 * minimum order, packaging fee, modes, booking slot length and capacity, announcement, phone, logo and photos, and the
 * open/closed switch. Reading them is `store.read` (clerks too, read only); changing them is `store.settings.manage`
 * (the owner).
 */

/** This function's actions the caller may call for the store acted on, so the page shows read-only to a clerk. */
const allowedFor = (access: Access, staff: Staff) =>
  Object.entries(main.actions)
    .filter(([, def]) => can(access.principal, def.permission, { storeId: staff.storeId }))
    .map(([name]) => name);
const reply = (v: SettingsView, access: Access, staff: Staff) => ({ ...v, allowed: allowedFor(access, staff) });

export const main = defineFunction('merchantStore', {
  settings: action({
    input: settingsInput,
    output: storeSettingsOutput,
    errors: ['STORE_NOT_FOUND'],
    permission: 'store.read',
    handler: async (_input, { staff, access }) => reply(await storeSettingsView(staff.storeId), access, staff),
  }),

  /** A patch of any settings; checked field by field (input) and as the store it would leave (SETTINGS_CONFLICT). */
  update: action({
    input: storeSettingsPatch,
    output: storeSettingsOutput,
    errors: ['STORE_NOT_FOUND', 'SETTINGS_CONFLICT', 'STORE_PHOTO_NOT_ALLOWED'],
    permission: 'store.settings.manage',
    handler: async (patch, { staff, access }) => reply(await updateStoreSettings(staff.storeId, patch, staff.userKey), access, staff),
  }),

  /** 营业 / 打烊: open ↔ closed; a store under review or suspended stays as the platform set it. */
  setOpen: action({
    input: setOpenInput,
    output: storeSettingsOutput,
    errors: ['STORE_NOT_FOUND', 'STORE_STATUS_LOCKED'],
    permission: 'store.settings.manage',
    handler: async ({ open }, { staff, access }) => reply(await setStoreOpen(staff.storeId, open), access, staff),
  }),
});
