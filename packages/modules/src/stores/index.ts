/** Stores: the stores themselves (`stores`) and their hourly booking slots (`booking_slots`). */
export { COLLECTIONS, getStore, type AdminStoreRow } from './repository';
export { nearby, storeDetail, storeForOrder } from './browse';
export { prepareSlot, takeSlotPlace, giveBackSlotPlace, consumeSlotHold, giveBackSlotPlaceWithoutHold } from './slots';
export { listStoresForStaff, countStores, storeNames } from './admin';
export { STORES_ERROR_CODES } from '@daojia/domain';
