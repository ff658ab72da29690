import { randomInt } from 'node:crypto';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DomainError, isOpen, makeVerificationCode, type BookingSlot, type Order, type Product } from '@daojia/domain';
import { db, _, nowIso } from '@daojia/function-kit';
import { appendEvent, isDuplicate } from '../_shared/orders';
import { orderConfig } from '../_shared/config';
import { quote, type QuoteRequest, type StoreDoc } from './quote';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface CreateRequest extends QuoteRequest { idempotencyKey: string; slot?: { start: string }; remark: string }

type Undo = () => Promise<unknown>;

/** Places per hourly slot for a store that has not configured its own bookingCapacity. */
const DEFAULT_SLOT_CAPACITY = 2;

/** Order numbers double as WeChat Pay out_trade_no: time-ordered, 22 characters, no separators. */
const newOrderNo = () => `DJ${dayjs().tz('Asia/Shanghai').format('YYYYMMDDHHmmss')}${String(randomInt(1_000_000)).padStart(6, '0')}`;

async function findByKey(userKey: string, key: string): Promise<Order | undefined> {
  const { data } = await db.collection('orders').where({ _openid: userKey, idempotencyKey: key }).limit(1).get();
  return data[0] as Order | undefined;
}

/** Takes stock with a conditional update: the database refuses to go below zero, so concurrent orders cannot oversell. */
async function reserveStock(items: CreateRequest['items'], products: Record<string, Product>, undo: Undo[]) {
  for (const item of items) {
    const { updated } = await db.collection('products').where({ _id: item.productId, onShelf: true, stock: _.gte(item.quantity) }).update({ stock: _.inc(-item.quantity), sales: _.inc(item.quantity) });
    if (updated !== 1) throw new DomainError('OUT_OF_STOCK', `「${products[item.productId]?.name ?? '商品'}」已售罄或库存不足`, { productId: item.productId });
    undo.push(() => db.collection('products').doc(item.productId).update({ stock: _.inc(item.quantity), sales: _.inc(-item.quantity) }));
  }
}

/**
 * A booking takes one place of an hourly slot. The slot document is created on first use with the store's capacity;
 * after that the document's own capacity rules (a merchant may have changed one slot).
 */
async function reserveSlot(store: StoreDoc, start: string, undo: Undo[]) {
  const at = dayjs(start);
  const local = at.tz('Asia/Shanghai');
  if (local.minute() !== 0 || local.second() !== 0) throw new DomainError('INVALID_SLOT', '预约时间需为整点');
  if (at.isBefore(dayjs().add(30, 'minute')) || at.isAfter(dayjs().add(7, 'day'))) throw new DomainError('INVALID_SLOT', '只能预约 30 分钟后到 7 天内的时段');
  if (!isOpen(store.hours, at.toDate())) throw new DomainError('INVALID_SLOT', '该时段店铺不营业');
  const slotId = `${store._id}_${local.format('YYYYMMDDHH')}`;
  try {
    await db.collection('booking_slots').add({ _id: slotId, storeId: store._id, start: at.toISOString(), end: at.add(1, 'hour').toISOString(), capacity: store.bookingCapacity ?? DEFAULT_SLOT_CAPACITY, booked: 0 });
  } catch (e) {
    if (!isDuplicate(e)) throw e;
  }
  const { capacity } = (await db.collection('booking_slots').doc(slotId).get()).data[0] as BookingSlot;
  // The place is taken by a conditional update, so concurrent bookings cannot overfill the slot.
  const { updated } = await db.collection('booking_slots').where({ _id: slotId, booked: _.lt(capacity) }).update({ booked: _.inc(1) });
  if (updated !== 1) throw new DomainError('SLOT_FULL', '该时段已约满，请选择其他时间');
  undo.push(() => db.collection('booking_slots').doc(slotId).update({ booked: _.inc(-1) }));
  return { slotId, start: at.toISOString(), end: at.add(1, 'hour').toISOString() };
}

async function lockCoupon(userCouponId: string, userKey: string, orderId: string, undo: Undo[]) {
  const { updated } = await db.collection('user_coupons').where({ _id: userCouponId, _openid: userKey, status: 'available' }).update({ status: 'locked', orderId });
  if (updated !== 1) throw new DomainError('COUPON_UNAVAILABLE', '这张优惠券已被使用或锁定');
  undo.push(() => db.collection('user_coupons').where({ _id: userCouponId, orderId }).update({ status: 'available', orderId: _.remove() }));
}

/**
 * re-price → reserve stock / slot → lock coupon → insert order. Any failure undoes the steps before it; the
 * idempotency key (unique per user) makes a retried request return the first order instead of a second one.
 */
export async function createOrder(req: CreateRequest, userKey: string): Promise<Order> {
  const existing = await findByKey(userKey, req.idempotencyKey);
  if (existing) return existing;
  const q = await quote(req, userKey);
  if (req.mode === 'booking' && !req.slot) throw new DomainError('SLOT_REQUIRED', '请选择预约时间');
  if (req.mode === 'delivery' && !q.address) throw new DomainError('ADDRESS_REQUIRED', '外卖订单需要填写收货地址');
  const orderNo = newOrderNo();
  const undo: Undo[] = [];
  try {
    await reserveStock(req.items, q.products, undo);
    const slot = req.mode === 'booking' ? await reserveSlot(q.store, req.slot!.start, undo) : undefined;
    if (q.coupon) await lockCoupon(q.coupon._id, userKey, orderNo, undo);
    const now = nowIso();
    const order: Order = {
      _id: orderNo, _openid: userKey, orderNo, storeId: q.store._id, storeName: q.store.name, region: q.store.region, mode: req.mode,
      status: 'pending_payment', items: q.breakdown.lines, breakdown: q.breakdown, totalFen: q.breakdown.totalFen,
      ...(q.coupon ? { userCouponId: q.coupon._id } : {}),
      ...(req.mode !== 'delivery' ? { pickupCode: makeVerificationCode(randomInt) } : {}),
      ...(q.address ? { address: { contact: q.address.contact, phone: q.address.phone, text: q.address.text, location: q.address.location } } : {}),
      ...(slot ? { slot } : {}),
      remark: req.remark, idempotencyKey: req.idempotencyKey, createdAt: now, updatedAt: now,
      payBefore: dayjs(now).add(orderConfig().payTimeoutMin, 'minute').toISOString(),
    };
    try {
      await db.collection('orders').add(order);
    } catch (e) {
      if (!isDuplicate(e)) throw e;
      // The same request raced itself: keep the first order, give back what this attempt took.
      for (const u of undo.reverse()) await u();
      return (await findByKey(userKey, req.idempotencyKey))!;
    }
    await appendEvent(order, null, 'pending_payment', 'create', { role: 'consumer', id: userKey }, '下单');
    return order;
  } catch (e) {
    for (const u of undo.reverse()) await u().catch(() => {});
    throw e;
  }
}
