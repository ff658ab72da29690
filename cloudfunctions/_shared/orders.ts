import { DomainError, transition, type Actor, type Order, type OrderEvent, type OrderEventRecord, type OrderStatus } from '@daojia/domain';
import { db, _, nowIso } from '@daojia/function-kit';

export interface Who { role: Actor; id: string }

export const orders = () => db.collection('orders');

/** A unique-id insert that lost a race (a resent notification, an overlapping timer): the first writer won. */
export const isDuplicate = (e: unknown) => (e as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE';

export async function getOrder(orderId: string): Promise<Order> {
  const { data } = await orders().doc(orderId).get();
  if (!data.length) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
  return data[0] as Order;
}

export async function appendEvent(order: Pick<Order, '_id' | '_openid' | 'storeId'>, from: OrderStatus | null, to: OrderStatus, event: string, by: Who, reason = '') {
  await db.collection('order_events').add({ orderId: order._id, _openid: order._openid, storeId: order.storeId, from, to, event, by, reason, at: nowIso() });
}

/** An order's timeline, oldest first: who moved it, when, from which status to which, and why. */
export async function orderEvents(orderId: string): Promise<OrderEventRecord[]> {
  return (await db.collection('order_events').where({ orderId }).orderBy('at', 'asc').limit(100).get()).data as OrderEventRecord[];
}

/**
 * Moves an order by the state machine with compare-and-set on its status, so two concurrent moves (a resent
 * notification, a double tap) cannot both happen; the loser re-reads and is refused by the machine.
 */
export async function moveOrder(orderId: string, event: OrderEvent, by: Who, opts: { reason?: string; set?: Record<string, unknown> } = {}): Promise<Order> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const order = await getOrder(orderId);
    const { to } = transition(order, event, by.role);
    const at = nowIso();
    const set: Record<string, unknown> = { status: to, updatedAt: at, ...opts.set };
    if (to === 'refund_requested') set.statusBeforeRefund = order.status;
    if (to === 'paid') set.paidAt = at;
    if (to === 'accepted' || to === 'confirmed') set.acceptedAt = at;
    if (to === 'completed') set.completedAt = at;
    const { updated } = await orders().where({ _id: orderId, status: order.status }).update(set);
    if (updated === 1) {
      // Accepted: the store has it, nothing can be given back any more. A crash before this leaves a hold that no
      // give-back will ever match (harmless).
      if (to === 'accepted' || to === 'confirmed') await consumeHolds(order);
      await appendEvent(order, order.status, to, event, by, opts.reason);
      return { ...order, ...set } as Order;
    }
  }
  throw new DomainError('ORDER_BUSY', '订单状态刚刚发生变化，请刷新后重试');
}

/**
 * What order.create takes is written on the taken document itself, atomically with the take: the product's stock
 * goes down and the order's random hold id goes into its `holds` in one conditional update, and a give-back only
 * happens where that hold id is still there, removing it in the same update. So whatever point a create or a
 * give-back died at, the document says whether this order's share is out, a give-back can never return stock that
 * was not taken (or return it twice), and a take is never lost. Hold ids are random, not order numbers: products
 * and slots are publicly readable.
 */
export const products = () => db.collection('products');
const slots = () => db.collection('booking_slots');

/** One hold per product per order, whatever the cart's lines. */
export function quantities(items: Pick<Order['items'][number], 'productId' | 'quantity'>[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.productId, (m.get(i.productId) ?? 0) + i.quantity);
  return m;
}

export async function takeStock(productId: string, quantity: number, holdId: string): Promise<boolean> {
  const { updated } = await products().where({ _id: productId, onShelf: true, stock: _.gte(quantity), holds: _.neq(holdId) })
    .update({ stock: _.inc(-quantity), sales: _.inc(quantity), holds: _.push([holdId]) });
  return updated === 1;
}

export async function takeSlotPlace(slotId: string, capacity: number, holdId: string): Promise<boolean> {
  const { updated } = await slots().where({ _id: slotId, booked: _.lt(capacity), holds: _.neq(holdId) }).update({ booked: _.inc(1), holds: _.push([holdId]) });
  return updated === 1;
}

/** Gives back whatever of an order's holds is still out (one update per product: quantities differ). */
export async function giveBackHolds(order: Pick<Order, 'items' | 'slot' | 'holdId'>) {
  const holdId = order.holdId!;
  for (const [productId, quantity] of quantities(order.items)) {
    await products().where({ _id: productId, holds: holdId }).update({ stock: _.inc(quantity), sales: _.inc(-quantity), holds: _.pull(holdId) });
  }
  if (order.slot) await slots().where({ _id: order.slot.slotId, holds: holdId }).update({ booked: _.inc(-1), holds: _.pull(holdId) });
}

/** The order keeps what it took: its hold ids leave the documents, nothing goes back (one update for all products). */
async function consumeHolds(order: Order) {
  if (!order.holdId) return;
  await products().where({ _id: _.in([...quantities(order.items).keys()]), holds: order.holdId }).update({ holds: _.pull(order.holdId) });
  if (order.slot) await slots().where({ _id: order.slot.slotId, holds: order.holdId }).update({ holds: _.pull(order.holdId) });
}

/**
 * Gives back what an order held: stock, its booking place and its coupon. Safe to run twice and after a crash at
 * any point (holds and the coupon's orderId say what is still out); `reservationsReleased` then tells the expiry
 * job it is done. Orders placed before holds existed have no holdId: for them the flag is the gate, set first, so
 * a crash can only lose a give-back, never double it.
 */
export async function releaseReservations(order: Order) {
  if (order.holdId) {
    await giveBackHolds(order);
    await returnCoupon(order, ['locked']);
    await orders().where({ _id: order._id, reservationsReleased: _.neq(true) }).update({ reservationsReleased: true });
    return;
  }
  const { updated } = await orders().where({ _id: order._id, reservationsReleased: _.neq(true) }).update({ reservationsReleased: true });
  if (!updated) return;
  for (const line of order.items) await products().doc(line.productId).update({ stock: _.inc(line.quantity), sales: _.inc(-line.quantity) });
  if (order.slot) await slots().doc(order.slot.slotId).update({ booked: _.inc(-1) });
  await returnCoupon(order, ['locked']);
}

/**
 * Puts the order's coupon back into the user's wallet, only while it is still tied to this order (a coupon released
 * once and locked by another order is never touched). Unpaid cancels free a `locked` coupon; a full refund frees a
 * `used` one, as Meituan and Ele.me return coupons when an order is cancelled or refunded in full.
 */
export async function returnCoupon(order: Pick<Order, '_id' | 'userCouponId'>, from: ('locked' | 'used')[]) {
  if (!order.userCouponId) return;
  await db.collection('user_coupons').where({ _id: order.userCouponId, orderId: order._id, status: _.in(from) }).update({ status: 'available', orderId: _.remove() });
}
