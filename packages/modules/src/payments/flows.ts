import { DomainError, type Order } from '@daojia/domain';
import { getOrder, moveOrder, moveStoreOrder, releaseReservations, storeOrder, type Who } from '../orders';
import { cancelUnpaid } from './payments';
import { refundRejected, startRefund } from './refunds';

/*
 * Moves that send money back. They live here, not in orders, because payments builds on orders (it moves orders
 * through orders' services) and orders never imports payments: the modules form a graph without cycles.
 */

/**
 * The consumer cancels. Before payment the order is closed at the gateway and cancelled; after payment but before
 * the store accepts, the money goes back in full. If the gateway turns out to have been paid (its notification still
 * on the way), the payment is recorded and the cancel goes on as a paid cancel: the customer asked to cancel, so
 * they get a refund.
 */
export async function cancelByConsumer(order: Order, by: Who, reason: string | undefined): Promise<Order> {
  let current = order;
  if (current.status === 'pending_payment') {
    current = await cancelUnpaid(current, 'cancel', by, reason ?? '用户取消');
    if (current.status !== 'paid') return current;
  }
  if (current.status !== 'paid') throw new DomainError('ILLEGAL_TRANSITION', '商家已接单，请联系商家或申请退款');
  const why = reason ?? '商家接单前取消';
  await moveOrder(current._id, 'requestRefund', by, { reason: why, set: { refundReason: why } });
  const refunding = await moveOrder(current._id, 'approveRefund', { role: 'system', id: 'auto' }, { reason: '商家接单前取消，自动退款' });
  await releaseReservations(refunding);
  await startRefund(refunding, refunding.totalFen, '商家接单前取消');
  return getOrder(current._id);
}

/** The store rejects a paid order: it is refunded in full at once. */
export async function rejectOrder(orderId: string, storeId: string, by: Who, reason: string): Promise<Order> {
  await moveStoreOrder(orderId, storeId, 'reject', by, { reason, set: { rejectReason: reason } });
  return refundRejected(orderId, { event: '商家拒单，全额退款', refund: `商家拒单：${reason}` });
}

/** The store grants a refund request: what was asked for (the lines' amount, or the whole order) goes back. */
export async function approveRefund(orderId: string, storeId: string, by: Who): Promise<Order> {
  await storeOrder(orderId, storeId);
  const refunding = await moveOrder(orderId, 'approveRefund', by, { reason: '商家同意退款' });
  await startRefund(refunding, refunding.refundRequestedFen ?? refunding.totalFen, refunding.refundReason ?? '商家同意退款');
  return getOrder(orderId);
}
