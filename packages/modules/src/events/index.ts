/**
 * The order-event bus: every `order_events` insert is delivered to the subscribers listed in subscribers.ts, by a
 * database trigger (local cloud) and by an outbox timer (production), idempotently per (event, subscriber), retried
 * with backoff, failures kept in `order_event_deliveries` for the dashboard.
 */
export { interested, type Subscriber, type OrderEventDoc } from './registry';
export { SUBSCRIBERS, holdsSubscriber } from './subscribers';
export { deliverOrderEvent, type DeliveryOutcome } from './runner';
export { runOutbox, retryDelivery } from './outbox';
export { delivery, deliveryId, findDelivery, eventDeliveries, troubledDeliveries, DELIVERIES, DELIVERY_STATUSES, type Delivery } from './deliveries';
export { deliveryConfig, backoffMs } from './config';

/** The collections this module owns (the dispatch marks on order_events are written by the orders module). */
export const COLLECTIONS = ['order_event_deliveries'] as const;
