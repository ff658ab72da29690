import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { DEFAULT_BOOKING_SLOT_MIN, DomainError, TIME_ZONE_OFFSET_MIN, exceptionOn, isSlotStart, shanghaiDate, type Order, type Store } from '@daojia/domain';
import * as repo from './repository';

dayjs.extend(utc);

/** Places per slot for a store that has not configured its own bookingCapacity. */
export const DEFAULT_SLOT_CAPACITY = 2;
/** Slot length for a store that has not chosen one. */
export const DEFAULT_SLOT_MIN = DEFAULT_BOOKING_SLOT_MIN;

/**
 * A booking takes one place of a slot: `bookingSlotMin` minutes (60 unless the store chose another), starting at an
 * opening range's start and one after another, ending by the range's close, on that date's hours (a holiday
 * exception closes it). The slot document is created on first use with the store's capacity; after that the
 * document's own capacity rules (a merchant may have changed one slot). Slot ids on the hour keep the hourly form
 * (`<store>_YYYYMMDDHH`) so slots opened before lengths existed keep counting; others add the minutes.
 */
export async function prepareSlot(
  store: Pick<Store, '_id' | 'hours' | 'bookingCapacity' | 'bookingSlotMin' | 'hourExceptions'>,
  start: string,
): Promise<{ slot: NonNullable<Order['slot']>; capacity: number }> {
  const at = dayjs(start);
  const local = at.utc().utcOffset(TIME_ZONE_OFFSET_MIN);
  const slotMin = store.bookingSlotMin ?? DEFAULT_SLOT_MIN;
  if (at.isBefore(dayjs().add(30, 'minute')) || at.isAfter(dayjs().add(7, 'day'))) throw new DomainError('INVALID_SLOT', '只能预约 30 分钟后到 7 天内的时段');
  if (!isSlotStart(store.hours, at.toDate(), slotMin, store.hourExceptions)) {
    const holiday = exceptionOn(shanghaiDate(at.toDate()), store.hourExceptions);
    if (holiday && !holiday.ranges.length) throw new DomainError('INVALID_SLOT', `${holiday.note ?? '当天店铺休息'}，请选择其他日期`);
    throw new DomainError('INVALID_SLOT', `该时段不可预约：请选择营业时间内、每 ${slotMin} 分钟一档的时段`, { slotMin });
  }
  const slotId = `${store._id}_${local.format(local.minute() === 0 ? 'YYYYMMDDHH' : 'YYYYMMDDHHmm')}`;
  const slot = { slotId, start: at.toISOString(), end: at.add(slotMin, 'minute').toISOString() };
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
