/**
 * The outbox's marks on `order_events` records, written by the orders module that owns them (see
 * orders/repository.ts): dispatched, due for a retry, undispatched again after a staff retry; and the scan.
 */
export { markEventDispatched as markDispatched, markEventRetryAt as markRetryAt, markEventUndispatched as markUndispatched, dueEvents, findEvent } from '../orders';
