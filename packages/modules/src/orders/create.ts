import { randomInt, randomUUID } from 'node:crypto';
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DomainError, TIME_ZONE, lineTitle, makeVerificationCode, transition, type Order } from '@daojia/domain';
import { nowIso } from '../runtime';
import { isDuplicate } from '../repository-kit';
import { quantities, takeStock } from '../catalog';
import { prepareSlot, takeSlotPlace } from '../stores';
import { lockCoupon, returnCoupon } from '../marketing';
import { giveBackHolds } from './move';
import { orderConfig } from './config';
import { quote, type QuoteRequest } from './quote';
import * as repo from './repository';

dayjs.extend(utc);
dayjs.extend(timezone);

export interface CreateRequest extends QuoteRequest {
  idempotencyKey: string;
  slot?: { start: string };
  remark: string;
}

/** How long a retry waits for the first attempt with the same key to finish (a create takes well under a second). */
const WAIT_TRIES = 40;
const WAIT_MS = 100;

/** Order numbers double as WeChat Pay out_trade_no: time-ordered, 22 characters, no separators. */
const newOrderNo = () => `DJ${dayjs().tz(TIME_ZONE).format('YYYYMMDDHHmmss')}${String(randomInt(1_000_000)).padStart(6, '0')}`;

/**
 * The first attempt's result for this key: its order once it is placed (or cancelled), undefined when there is
 * none (never made, or it failed and removed itself, so this request may try). While it is still reserving, wait.
 */
async function firstResult(userKey: string, key: string): Promise<Order | undefined> {
  for (let i = 0; i < WAIT_TRIES; i++) {
    const order = await repo.findByIdempotencyKey(userKey, key);
    if (order?.status !== 'reserving') return order;
    await new Promise((r) => setTimeout(r, WAIT_MS));
  }
  throw new DomainError('ORDER_BUSY', '订单正在提交，请稍后在订单列表中查看');
}

/** Takes stock (catalog), the slot's place (stores) and the coupon (marketing), each atomically on its own document under the order's hold id. */
async function reserve(order: Order, capacity: number | undefined) {
  for (const drawn of quantities(order.items)) {
    // The database refuses to go below zero (the SKU's stock and the product's total), so concurrent orders cannot oversell.
    if (!(await takeStock(drawn, order.holdId!))) {
      const line = order.items.find((l) => l.productId === drawn.productId && l.skuId === drawn.skuId)!;
      throw new DomainError('OUT_OF_STOCK', `「${lineTitle({ name: line.name, skuLabel: line.skuLabel })}」已售罄或库存不足`, {
        productId: drawn.productId,
        ...(drawn.skuId ? { skuId: drawn.skuId } : {}),
      });
    }
  }
  if (order.slot && !(await takeSlotPlace(order.slot.slotId, capacity!, order.holdId!))) throw new DomainError('SLOT_FULL', '该时段已约满，请选择其他时间');
  if (order.userCouponId) await lockCoupon(order.userCouponId, order._openid, order._id);
}

/**
 * re-price → insert the order as `reserving` (with its hold id) → take stock / slot / coupon → pending_payment.
 * The order is written before anything is taken, so a create that dies at any point leaves a record of exactly what
 * it may have taken: the expiry job gives that back once the order is older than the reserve grace (orderTimers).
 * A create that fails cleanly gives back at once and removes its order, so the same key may try again. The
 * idempotency key (unique per user) makes a retried request return the first attempt's order.
 */
export async function createOrder(req: CreateRequest, userKey: string): Promise<Order> {
  const existing = await firstResult(userKey, req.idempotencyKey);
  if (existing) return existing;
  const q = await quote(req, userKey);
  if (req.mode === 'booking' && !req.slot) throw new DomainError('SLOT_REQUIRED', '请选择预约时间');
  if (req.mode === 'delivery' && !q.address) throw new DomainError('ADDRESS_REQUIRED', '外卖订单需要填写收货地址');
  const booking = req.mode === 'booking' ? await prepareSlot(q.store, req.slot!.start) : undefined;
  const orderNo = newOrderNo();
  const now = nowIso();
  const order: Order = {
    _id: orderNo,
    _openid: userKey,
    orderNo,
    storeId: q.store._id,
    storeName: q.store.name,
    region: q.store.region,
    mode: req.mode,
    status: 'reserving',
    holdId: randomUUID(),
    items: q.breakdown.lines,
    breakdown: q.breakdown,
    totalFen: q.breakdown.totalFen,
    ...(q.coupon ? { userCouponId: q.coupon._id } : {}),
    ...(req.mode !== 'delivery' ? { pickupCode: makeVerificationCode(randomInt) } : {}),
    ...(q.address ? { address: { contact: q.address.contact, phone: q.address.phone, text: q.address.text, location: q.address.location } } : {}),
    ...(booking ? { slot: booking.slot } : {}),
    remark: req.remark,
    idempotencyKey: req.idempotencyKey,
    createdAt: now,
    updatedAt: now,
    payBefore: dayjs(now).add(orderConfig().payTimeoutMin, 'minute').toISOString(),
  };
  try {
    await repo.insertOrder(order);
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    // The same request raced itself: the first attempt's order is the answer.
    return (await firstResult(userKey, req.idempotencyKey)) ?? createOrder(req, userKey);
  }
  try {
    await reserve(order, booking?.capacity);
  } catch (e) {
    try {
      await giveBackHolds(order);
      await returnCoupon(order, ['locked']);
      await repo.removeIfReserving(order._id);
    } catch {
      // Left reserving: the expiry job gives back what is still out once the grace has passed.
    }
    throw e;
  }
  // The state machine's `reserve`, applied with a compare-and-set on the status (one round trip, no re-read).
  transition(order, 'reserve', 'consumer');
  // Not updated: this create overran the reserve grace and the expiry job gave its holds back and cancelled it.
  if (!(await repo.updateIfStatus(order._id, 'reserving', { status: 'pending_payment', updatedAt: nowIso() }))) return (await repo.findByIdempotencyKey(userKey, req.idempotencyKey))!;
  const placed: Order = { ...order, status: 'pending_payment' };
  await repo.appendEvent(placed, null, 'pending_payment', 'create', { role: 'consumer', id: userKey }, '下单');
  return placed;
}
