import { z } from 'zod';
import { contract } from './contract';
import { bookingSlotMin, hoursException, store, storeStatus } from '../schemas/store';
import { storeSettingsPatch } from '../store-settings';

/**
 * The settings as stored (a patch's own checks, such as the phone's form, apply to what is written, not to what a
 * store already has), with the platform defaults filled in for fields a store never set.
 */
export const storedSettings = store
  .pick({ hours: true, maxDeliveryM: true, deliveryTiers: true, minOrderFen: true, packagingFeeFen: true, modes: true, announcement: true, phone: true, logo: true })
  .extend({ hourExceptions: z.array(hoursException), bookingSlotMin, bookingCapacity: z.number().int().min(1), photos: z.array(z.string()) });

/** A store's settings as its staff read them, with what the caller may do here (`allowed`: this function's actions). */
export const storeSettingsOutput = z.object({
  storeId: z.string(),
  name: z.string(),
  status: storeStatus,
  /** Whether the store takes orders right now (switch on and inside its hours), and the sentence shown when not. */
  isOpenNow: z.boolean(),
  closedText: z.string().optional(),
  settings: storedSettings,
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
