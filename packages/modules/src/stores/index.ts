/** Stores: the stores themselves (`stores`) and their booking slots (`booking_slots`). */
export { COLLECTIONS, getStore, type AdminStoreRow } from './repository';
export { nearby, storeDetail, storeForOrder } from './browse';
export { prepareSlot, takeSlotPlace, giveBackSlotPlace, consumeSlotHold, giveBackSlotPlaceWithoutHold } from './slots';
export { listStoresForStaff, countStores, storeNames } from './admin';
export { storeSettingsView, updateStoreSettings, setStoreOpen, openState, type SettingsView } from './settings';
export { createStore, storeSummaries, type NewStore } from './create';
export { recordReviewTally } from './rating';
export { setFullReductions, storePromotions } from './promotions';
export { STORES_ERROR_CODES } from '@daojia/domain';
