import type { OrderEventRecord, OrderStatus } from '@daojia/domain';

/** An `order_events` record as subscribers get it: the order's move, plus the request that made it, when known. */
export type OrderEventDoc = OrderEventRecord & { requestId?: string; dispatchedAt?: string; retryAt?: string };

/**
 * A capability reacting to order moves. `on` says which records it cares about: event names (`pay`, `accept`,
 * `latePaymentRefund` …) and/or target statuses (`accepted` …); a record matching either is delivered. `handle` must
 * be idempotent per event id: a delivery is claimed before it runs, but a runner that dies after `handle` wrote and
 * before the delivery was marked done runs it again once its lease is over (deterministic ids make that harmless).
 */
export interface Subscriber {
  name: string;
  on: { events?: string[]; statuses?: OrderStatus[] };
  handle(event: OrderEventDoc): Promise<void>;
}

export const interested = (s: Subscriber, e: Pick<OrderEventDoc, 'event' | 'to'>) => (s.on.events ?? []).includes(e.event) || (s.on.statuses ?? []).includes(e.to);
