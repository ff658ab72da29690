import { log } from '../runtime';
import { deliveryConfig } from './config';
import { makeDeliveryDue, findDelivery } from './deliveries';
import { dueEvents, markUndispatched } from './marks';
import { deliverOrderEvent } from './runner';
import type { Subscriber } from './registry';
import { SUBSCRIBERS } from './subscribers';

/**
 * The outbox: what production runs (CloudBase offers no database trigger for this), every few seconds from a timer.
 * It delivers every event no trigger finished: never tried, a delivery due for its retry, or one whose runner died
 * (its lease ran out). Running next to the trigger is safe: deliveries are claimed. Returns the events looked at.
 */
export async function runOutbox(subscribers: Subscriber[] = SUBSCRIBERS): Promise<number> {
  const due = await dueEvents(deliveryConfig().outboxBatch);
  for (const event of due) {
    try {
      await deliverOrderEvent(event, subscribers);
    } catch (e) {
      // The bookkeeping itself failed (the database): this event is looked at again next tick, the rest go on.
      log.error('order event outbox: delivering an event failed', { eventId: event._id, orderId: event.orderId, error: e as Error });
    }
  }
  return due.length;
}

/**
 * Staff retry of a failed (or waiting) delivery, for a platform action (the local cloud dashboard does the same on
 * its own database): it is due at once and its event goes back into the outbox scan; the next outbox run delivers it.
 */
export async function retryDelivery(id: string): Promise<boolean> {
  const d = await findDelivery(id);
  if (!d || !(await makeDeliveryDue(id))) return false;
  await markUndispatched(d.eventId);
  return true;
}
