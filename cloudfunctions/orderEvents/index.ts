import { orderEventRecord } from '@daojia/domain';
import { defineDatabaseTrigger } from '@daojia/function-kit';
import { deliverOrderEvent, runOutbox, type OrderEventDoc } from '@daojia/modules/events';

/**
 * Order events to their subscribers (packages/modules/src/events): the `order_events` insert trigger delivers each
 * new event at once where database triggers exist (the local cloud); the `outbox` timer delivers whatever no trigger
 * finished (production CloudBase has no trigger for this) and retries failed deliveries with backoff. Both may run
 * at once: every (event, subscriber) delivery is claimed before it runs.
 */
export const main = defineDatabaseTrigger('orderEvents', {
  trigger: 'onOrderEventInsert',
  collection: 'order_events',
  doc: orderEventRecord.loose(),
  onInsert: (event) => deliverOrderEvent(event as OrderEventDoc),
  timers: { outbox: () => runOutbox() },
});
