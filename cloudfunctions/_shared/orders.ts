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
      await appendEvent(order, order.status, to, event, by, opts.reason);
      return { ...order, ...set } as Order;
    }
  }
  throw new DomainError('ORDER_BUSY', '订单状态刚刚发生变化，请刷新后重试');
}

/** Gives back what an order held: stock, its booking place and its coupon. Safe to run twice (flags on the order). */
export async function releaseReservations(order: Order) {
  const { updated } = await orders().where({ _id: order._id, reservationsReleased: _.neq(true) }).update({ reservationsReleased: true });
  if (!updated) return;
  for (const line of order.items) await db.collection('products').doc(line.productId).update({ stock: _.inc(line.quantity), sales: _.inc(-line.quantity) });
  if (order.slot) await db.collection('booking_slots').doc(order.slot.slotId).update({ booked: _.inc(-1) });
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
