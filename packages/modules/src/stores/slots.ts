import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DomainError, isOpen, TIME_ZONE, type Order, type Store } from '@daojia/domain';
import * as repo from './repository';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Places per hourly slot for a store that has not configured its own bookingCapacity. */
const DEFAULT_SLOT_CAPACITY = 2;

/**
 * A booking takes one place of an hourly slot. The slot document is created on first use with the store's capacity;
 * after that the document's own capacity rules (a merchant may have changed one slot).
 */
export async function prepareSlot(store: Pick<Store, '_id' | 'hours' | 'bookingCapacity'>, start: string): Promise<{ slot: NonNullable<Order['slot']>; capacity: number }> {
  const at = dayjs(start);
  const local = at.tz(TIME_ZONE);
  if (local.minute() !== 0 || local.second() !== 0) throw new DomainError('INVALID_SLOT', '预约时间需为整点');
  if (at.isBefore(dayjs().add(30, 'minute')) || at.isAfter(dayjs().add(7, 'day'))) throw new DomainError('INVALID_SLOT', '只能预约 30 分钟后到 7 天内的时段');
  if (!isOpen(store.hours, at.toDate())) throw new DomainError('INVALID_SLOT', '该时段店铺不营业');
  const slotId = `${store._id}_${local.format('YYYYMMDDHH')}`;
  const slot = { slotId, start: at.toISOString(), end: at.add(1, 'hour').toISOString() };
  const { capacity } = await repo.ensureSlot({ _id: slotId, storeId: store._id, start: slot.start, end: slot.end, capacity: store.bookingCapacity ?? DEFAULT_SLOT_CAPACITY, booked: 0 });
  return { slot, capacity };
}

/** Takes one place under the order's hold id; false when the slot is full. */
export const takeSlotPlace = (slotId: string, capacity: number, holdId: string) => repo.takePlaceUnderHold(slotId, capacity, holdId);
/** Gives the order's place back, if it still holds one. */
export const giveBackSlotPlace = (slotId: string, holdId: string) => repo.giveBackPlaceUnderHold(slotId, holdId);
/** The store confirmed the booking: the place stays taken, the hold is forgotten. */
export const consumeSlotHold = (slotId: string, holdId: string) => repo.dropPlaceHold(slotId, holdId);
/** Orders from before holds existed (their caller's flag makes this happen once). */
export const giveBackSlotPlaceWithoutHold = (slotId: string) => repo.giveBackPlaceWithoutHold(slotId);
