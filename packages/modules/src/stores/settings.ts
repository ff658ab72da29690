import { DomainError, closedText, isOpen, isOwnUpload, settingsIssues, settingsOf, shanghaiDate, type Store, type StoreSettings, type StoreSettingsPatch } from '@daojia/domain';
import { DEFAULT_SLOT_CAPACITY, DEFAULT_SLOT_MIN } from './slots';
import * as repo from './repository';

/**
 * A store's settings as its staff edit them from the merchant app. The function checks each field (the domain's
 * storeSettingsPatch); here the store as the patch would leave it is checked whole (a radius grown past the fee
 * tiers, delivery switched on without tiers), then written in one update. The consumer side reads the same
 * document, so a change shows at once.
 */

const DEFAULTS = { bookingCapacity: DEFAULT_SLOT_CAPACITY, bookingSlotMin: DEFAULT_SLOT_MIN } as const;

export interface SettingsView {
  storeId: string;
  name: string;
  status: Store['status'];
  isOpenNow: boolean;
  closedText?: string;
  settings: StoreSettings;
}

/** Whether the store takes an immediate order now, and the sentence shown when it does not. */
export function openState(s: Pick<Store, 'status' | 'hours' | 'hourExceptions'>, at: Date = new Date()): { isOpenNow: boolean; closedText?: string } {
  if (s.status !== 'open') return { isOpenNow: false, closedText: s.status === 'closed' ? '店铺暂停营业，请稍后再来' : '店铺暂不营业' };
  if (isOpen(s.hours, at, s.hourExceptions)) return { isOpenNow: true };
  return { isOpenNow: false, closedText: closedText(s.hours, at, s.hourExceptions) };
}

const view = (s: Store): SettingsView => ({ storeId: s._id, name: s.name, status: s.status, ...openState(s), settings: settingsOf(s, DEFAULTS) });

async function mustGet(storeId: string): Promise<Store> {
  const s = await repo.getStore(storeId);
  if (!s) throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  return s;
}

export const storeSettingsView = async (storeId: string) => view(await mustGet(storeId));

/**
 * Applies a checked patch. Logo and photos are cloud file ids: each must be one the store already shows or one the
 * caller uploaded (their own upload folder), so nobody attaches another person's file or an arbitrary URL. Dated
 * exceptions before today are dropped on the way (they no longer mean anything). One read, one update.
 */
export async function updateStoreSettings(storeId: string, patch: StoreSettingsPatch, userKey: string): Promise<SettingsView> {
  const store = await mustGet(storeId);
  const known = new Set([store.logo, ...(store.photos ?? [])]);
  for (const file of [...(patch.logo === undefined ? [] : [patch.logo]), ...(patch.photos ?? [])]) {
    if (!known.has(file) && !isOwnUpload(file, userKey)) throw new DomainError('STORE_PHOTO_NOT_ALLOWED', '图片须是本店已有的或您本人上传的图片', { file });
  }
  const today = shanghaiDate();
  const changes: StoreSettingsPatch = {
    ...patch,
    ...(patch.hourExceptions ? { hourExceptions: patch.hourExceptions.filter((e) => e.date >= today).sort((a, b) => a.date.localeCompare(b.date)) } : {}),
  };
  const merged = { ...settingsOf(store, DEFAULTS), ...changes };
  const issue = settingsIssues(merged)[0];
  if (issue) throw new DomainError('SETTINGS_CONFLICT', issue.message, { field: issue.path.join('.') });
  await repo.updateStoreFields(storeId, changes);
  // Slots already opened for later bookings take the new capacity too (a slot a merchant set by hand keeps its own).
  const before = settingsOf(store, DEFAULTS).bookingCapacity;
  if (changes.bookingCapacity !== undefined && changes.bookingCapacity !== before) await repo.setFutureSlotCapacity(storeId, before, changes.bookingCapacity, new Date().toISOString());
  return view({ ...store, ...changes });
}

/**
 * The merchant's open/closed switch: `open` ↔ `closed` only. A store under review or suspended by the platform is not
 * the merchant's to open (STORE_STATUS_LOCKED). The update is conditional on the status, so it never overwrites a
 * suspension that landed in between.
 */
export async function setStoreOpen(storeId: string, open: boolean): Promise<SettingsView> {
  const store = await mustGet(storeId);
  const to = open ? 'open' : 'closed';
  const locked = () =>
    new DomainError('STORE_STATUS_LOCKED', store.status === 'pending_review' ? '店铺还在审核中，审核通过后才能营业' : '店铺已被平台暂停营业，请联系平台客服', { status: store.status });
  if (store.status !== 'open' && store.status !== 'closed') throw locked();
  if (store.status !== to && !(await repo.switchStatus(storeId, ['open', 'closed'], to))) {
    const now = await mustGet(storeId);
    if (now.status !== to) throw new DomainError('STORE_STATUS_LOCKED', '店铺状态已被平台修改，请刷新后重试', { status: now.status });
  }
  return view({ ...store, status: to });
}
