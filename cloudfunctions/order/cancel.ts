import { DomainError, type Order } from '@daojia/domain';
import { getOrder, moveOrder, releaseReservations, type Who } from '../_shared/orders';
import { cancelUnpaid } from '../_shared/payments';
import { startRefund } from '../_shared/refunds';

/**
 * Before payment the order is closed at the gateway and cancelled; after payment but before the store accepts, the
 * money goes back in full. If the gateway turns out to have been paid (its notification still on the way), the
 * payment is recorded and the cancel goes on as a paid cancel: the customer asked to cancel, so they get a refund.
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
