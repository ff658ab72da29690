import { formatShanghai, type Order } from '@daojia/domain';
import type { Subscriber } from '../events/registry';
import { countEvent, type RiskCounter } from './repository';

/**
 * The risk subscriber: per-user, per-day order statistics. An order counts as placed when it leaves `reserving`
 * (its `create` event), cancelled whichever way it was (cancel, expire), and its money on the day it moved.
 */
export function riskSubscriber(getOrder: (orderId: string) => Promise<Order>): Subscriber {
  return {
    name: 'risk',
    on: { events: ['create', 'pay', 'cancel', 'expire', 'requestRefund', 'refundSucceeded'] },
    async handle(event) {
      const inc: Partial<Record<RiskCounter, number>> = {};
      if (event.event === 'create') inc.placed = 1;
      if (event.event === 'cancel' || event.event === 'expire') inc.cancelled = 1;
      if (event.event === 'requestRefund') inc.refundRequested = 1;
      if (event.event === 'pay') Object.assign(inc, { paid: 1, paidFen: (await getOrder(event.orderId)).totalFen });
      if (event.event === 'refundSucceeded') Object.assign(inc, { refunded: 1, refundedFen: (await getOrder(event.orderId)).refundedFen ?? 0 });
      await countEvent(event._openid, formatShanghai(event.at, 'YYYY-MM-DD'), event._id, inc);
    },
  };
}
