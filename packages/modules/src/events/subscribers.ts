import { getOrder } from '../orders';
import { consumeStockHolds } from '../catalog';
import { consumeSlotHold } from '../stores';
import { notificationsSubscriber } from '../notifications';
import { staffOfStore } from '../access';
import { settlementSubscriber } from '../settlement';
import { riskSubscriber } from '../risk';
import type { Subscriber } from './registry';

/**
 * Accepted (or a booking confirmed): what the order took stays taken, so its hold ids leave the products and the
 * slot. After the fact and idempotent (a hold already dropped matches nothing): a late run is harmless, since only
 * orders that were never accepted are ever given back.
 */
export const holdsSubscriber: Subscriber = {
  name: 'holds',
  on: { statuses: ['accepted', 'confirmed'] },
  async handle(event) {
    const order = await getOrder(event.orderId);
    if (!order.holdId) return;
    await consumeStockHolds(order.items, order.holdId);
    if (order.slot) await consumeSlotHold(order.slot.slotId, order.holdId);
  },
};

/**
 * Every capability that reacts to order moves, in the order they run for one event. Adding one: write its
 * `Subscriber` in its own module (its `on` filter and an idempotent `handle` writing only its own collections),
 * and list it here; both the database trigger and the outbox timer then deliver to it.
 */
export const SUBSCRIBERS: Subscriber[] = [holdsSubscriber, notificationsSubscriber(getOrder, staffOfStore), settlementSubscriber(getOrder), riskSubscriber(getOrder)];
