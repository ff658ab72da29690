import { DomainError, type Order, type OrderEvent, type OrderStatus } from '@daojia/domain';
import { _ } from '../runtime';
import { getOrder, moveOrder, orderEvents, type Who } from './move';
import * as repo from './repository';

/** The merchant app's tabs, as order statuses. */
export const MERCHANT_TABS: Record<'new' | 'active' | 'done' | 'refund', OrderStatus[]> = {
  new: ['paid'],
  active: ['accepted', 'ready', 'delivering', 'ready_for_pickup', 'confirmed'],
  done: ['delivered', 'picked_up', 'checked_in', 'completed', 'rejected', 'refunded', 'refund_closed'],
  refund: ['refund_requested', 'refunding'],
};

/** The code proves the customer is at the counter: staff never see it (nor the app's idempotency key). */
export const staffView = ({ pickupCode: _code, idempotencyKey: _key, ...o }: Order) => o;

/** One of the store's orders; another store's does not exist for its staff. */
export async function storeOrder(orderId: string, storeId: string): Promise<Order> {
  const order = await getOrder(orderId);
  if (order.storeId !== storeId) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
  return order;
}

export async function listStoreOrders(storeId: string, q: { tab?: keyof typeof MERCHANT_TABS; offset: number; limit: number }) {
  const statuses = q.tab ? MERCHANT_TABS[q.tab] : Object.values(MERCHANT_TABS).flat();
  return (await repo.page({ storeId, status: _.in(statuses) }, q.offset, q.limit)).map(staffView);
}

export async function storeOrderDetail(orderId: string, storeId: string) {
  return { order: staffView(await storeOrder(orderId, storeId)), events: await orderEvents(orderId) };
}

/** Moves one of the store's orders; `event` may depend on the order (a booking is confirmed, others accepted). */
export async function moveStoreOrder(
  orderId: string,
  storeId: string,
  event: OrderEvent | ((o: Order) => OrderEvent),
  by: Who,
  opts: { reason?: string; set?: Record<string, unknown> } = {},
): Promise<Order> {
  const order = await storeOrder(orderId, storeId);
  return moveOrder(orderId, typeof event === 'function' ? event(order) : event, by, opts);
}

/** Delivery and pickup orders are accepted; a booking is confirmed. */
export const acceptOrder = (orderId: string, storeId: string, by: Who) => moveStoreOrder(orderId, storeId, (o) => (o.mode === 'booking' ? 'confirm' : 'accept'), by, { reason: '商家接单' });

/**
 * The 6-digit code the customer shows: a pickup order is handed over, a booking checked in. With an orderId (the
 * merchant opened that order first) the code must be that order's, so a code read out for another order fails.
 */
export async function verifyPickupCode(code: string, orderId: string | undefined, storeId: string, by: Who): Promise<Order> {
  const order = orderId ? await storeOrder(orderId, storeId) : await repo.findOne({ storeId, pickupCode: code, status: _.in(['ready_for_pickup', 'confirmed']) });
  if (!order) throw new DomainError('CODE_INVALID', '核销码无效，或订单还未备好');
  if (order.pickupCode !== code) throw new DomainError('CODE_MISMATCH', '核销码与该订单不符，请核对顾客出示的订单');
  if (order.status !== 'ready_for_pickup' && order.status !== 'confirmed') throw new DomainError('CODE_INVALID', '核销码无效，或订单还未备好');
  return moveOrder(order._id, order.mode === 'booking' ? 'checkIn' : 'pickUp', by, { reason: '核销码验证通过' });
}
