import { z } from 'zod';
import { contract } from './contract';
import { storeStatus } from '../schemas/store';
import { settingsFields, storeSettingsPatch } from '../store-settings';

/** A store's settings as its staff read them, with what the caller may do here (`allowed`: this function's actions). */
export const storeSettingsOutput = z.object({
  storeId: z.string(),
  name: z.string(),
  status: storeStatus,
  /** Whether the store takes orders right now (switch on and inside its hours), and the sentence shown when not. */
  isOpenNow: z.boolean(),
  closedText: z.string().optional(),
  settings: z.object(settingsFields),
  allowed: z.array(z.string()),
});

export const settingsInput = z.object({}).strict();
export const setOpenInput = z.object({ open: z.boolean() }).strict();

/** merchantStore: a store's settings and its open/closed switch, for the merchant app. */
export const MERCHANT_STORE_API = {
  settings: contract(settingsInput, storeSettingsOutput, ['STORE_NOT_FOUND']),
  update: contract(storeSettingsPatch, storeSettingsOutput, ['STORE_NOT_FOUND', 'SETTINGS_CONFLICT', 'STORE_PHOTO_NOT_ALLOWED']),
  setOpen: contract(setOpenInput, storeSettingsOutput, ['STORE_NOT_FOUND', 'STORE_STATUS_LOCKED']),
};
