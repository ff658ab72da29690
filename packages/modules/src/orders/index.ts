/**
 * Orders: the orders themselves (`orders`) and their timeline (`order_events`, the seam subscribers react to).
 * Every move goes through moveOrder (the state machine, compare-and-set); what an order took from other modules
 * (stock, a slot's place, a coupon) is taken and given back through those modules' services.
 */
export { COLLECTIONS, type StaffOrder } from './repository';
// The order-event outbox's marks on order_events (the events module delivers, this module writes its records).
export { dueEvents, findEvent, markEventDispatched, markEventRetryAt, markEventUndispatched, type OutboxEvent } from './repository';
export { getOrder, moveOrder, giveBackHolds, releaseReservations, noteOnTimeline, orderEvents, type Who } from './move';
export { orderConfig } from './config';
export { quote, type Quote, type QuoteRequest } from './quote';
export { createOrder, type CreateRequest } from './create';
export { ownOrder, listOwnOrders, ownOrderDetail, confirmReceipt, requestRefund } from './consumer';
export { MERCHANT_TABS, staffView, storeOrder, listStoreOrders, storeOrderDetail, moveStoreOrder, acceptOrder, verifyPickupCode } from './merchant';
export { listOrdersForStaff, orderDetailForStaff, paidSeries } from './platform';
export { sweeps, autoComplete, abandonDeadCreates } from './sweeps';
export { attachPrepay, noteRefundWhileCancelled } from './payment-facts';
export { couponOrderFigures } from './coupon-figures';
export { storeOrderFacts, type OrderFacts } from './finance-facts';
export { ORDERS_ERROR_CODES } from '@daojia/domain';
