import { DomainError, planRefund, transition, type Order, type OrderStatus, type RefundItem } from '@daojia/domain';
import { _ } from '../runtime';
import { getOrder, moveOrder, orderEvents, type Who } from './move';
import * as repo from './repository';

const consumer = (userKey: string): Who => ({ role: 'consumer', id: userKey });

/** The user's own order; anyone else's does not exist for them. */
export async function ownOrder(orderId: string, userKey: string): Promise<Order> {
  const order = await getOrder(orderId);
  if (order._openid !== userKey) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
  return order;
}

/** The user's orders, newest first; an order still reserving is not one yet (create.ts). */
export function listOwnOrders(userKey: string, q: { status?: OrderStatus; offset: number; limit: number }): Promise<Order[]> {
  return repo.page({ _openid: userKey, status: q.status ?? _.neq('reserving') }, q.offset, q.limit);
}

export async function ownOrderDetail(orderId: string, userKey: string) {
  return { order: await ownOrder(orderId, userKey), events: await orderEvents(orderId) };
}

export async function confirmReceipt(orderId: string, userKey: string): Promise<Order> {
  await ownOrder(orderId, userKey);
  return moveOrder(orderId, 'complete', consumer(userKey), { reason: '用户确认收货' });
}

/** Asks the store for money back: the amount comes from the selected lines' payable amounts (no items: the whole order, fees included). */
export async function requestRefund(orderId: string, userKey: string, reason: string, items?: RefundItem[]): Promise<Order> {
  const order = await ownOrder(orderId, userKey);
  // An order that cannot be refunded says so first (as before), whatever lines were asked for.
  transition(order, 'requestRefund', 'consumer');
  const plan = planRefund(order, items);
  return moveOrder(orderId, 'requestRefund', consumer(userKey), { reason, set: { refundReason: reason, refundRequestedFen: plan.amountFen, refundRequestedLines: plan.lines } });
}
