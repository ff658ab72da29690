import type { Order } from '@daojia/domain';
import type { Subscriber } from '../events/registry';
import { bookEntry } from './repository';

/**
 * The settlement subscriber: books what each order event moved. `pay`: the order's total came in. `latePaymentRefund`:
 * a payment for an order already cancelled came in (its refund is booked when the gateway says it succeeded).
 * `refundSucceeded`: `refundedFen` went back out.
 */
export function settlementSubscriber(getOrder: (orderId: string) => Promise<Order>): Subscriber {
  return {
    name: 'settlement',
    on: { events: ['pay', 'latePaymentRefund', 'refundSucceeded'] },
    async handle(event) {
      const order = await getOrder(event.orderId);
      const base = { eventId: event._id, orderId: order._id, storeId: order.storeId, region: order.region, at: event.at };
      if (event.event === 'pay') await bookEntry({ ...base, _id: `${event._id}:payment_in`, kind: 'payment_in', amountFen: order.totalFen, note: event.reason });
      if (event.event === 'latePaymentRefund') await bookEntry({ ...base, _id: `${event._id}:payment_in`, kind: 'payment_in', amountFen: order.totalFen, note: '订单取消后到账的支付' });
      if (event.event === 'refundSucceeded') await bookEntry({ ...base, _id: `${event._id}:refund_out`, kind: 'refund_out', amountFen: order.refundedFen ?? 0, note: order.refundReason ?? '退款' });
    },
  };
}
