import { z } from 'zod';
import { db, _, nowIso, readAll } from '../runtime';
import { addOnce, parser } from '../repository-kit';
import type { OrderEventDoc } from './registry';

/**
 * `order_event_deliveries`, owned by the events module: one document per (event, subscriber), `_id`
 * `${eventId}:${subscriber}`. It is both the idempotency record (done is done) and the claim: a runner only runs a
 * delivery after a conditional write moved it to `running` under its attempt number, so two runners (the database
 * trigger and the outbox timer, or two overlapping timer runs) never both run one.
 */
export const DELIVERY_STATUSES = ['running', 'pending', 'done', 'failed'] as const;
export const delivery = z.object({
  _id: z.string(),
  eventId: z.string(),
  orderId: z.string(),
  event: z.string(),
  subscriber: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int().min(0),
  /** A `running` delivery's claim ends here; a `pending` one is due again at `nextAttemptAt`. */
  leaseUntil: z.string().optional(),
  nextAttemptAt: z.string().optional(),
  lastError: z.string().optional(),
  requestId: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  doneAt: z.string().optional(),
});
export type Delivery = z.infer<typeof delivery>;

export const DELIVERIES = 'order_event_deliveries';
const deliveries = () => db.collection(DELIVERIES);

export const deliveryId = (eventId: string, subscriber: string) => `${eventId}:${subscriber}`;

const parse = parser(DELIVERIES, delivery);
const later = (ms: number) => new Date(Date.now() + ms).toISOString();

export async function findDelivery(id: string): Promise<Delivery | undefined> {
  const { data } = await deliveries().doc(id).get();
  return data[0] ? parse(data[0]) : undefined;
}

export async function eventDeliveries(eventId: string): Promise<Delivery[]> {
  return (await readAll<unknown>(deliveries().where({ eventId }))).map(parse);
}

const firstAttempt = (id: string, event: OrderEventDoc, subscriber: string, leaseMs: number): Delivery => {
  const at = nowIso();
  return {
    _id: id,
    eventId: event._id,
    orderId: event.orderId,
    event: event.event,
    subscriber,
    status: 'running',
    attempts: 1,
    leaseUntil: later(leaseMs),
    createdAt: at,
    updatedAt: at,
    ...(event.requestId ? { requestId: event.requestId } : {}),
  };
};

/**
 * Takes the delivery for this runner if nobody has it and it is due: a first attempt creates it (a unique id: a
 * second creator gets a duplicate and reads it), a later one moves it from what was read to `running` with the
 * next attempt number, on the condition that nobody moved it meanwhile. Returns the attempt number, or undefined
 * when it is done, failed, not due, or another runner has it.
 */
export async function claimDelivery(event: OrderEventDoc, subscriber: string, leaseMs: number): Promise<number | undefined> {
  const id = deliveryId(event._id, subscriber);
  // The first attempt is the common case (the trigger, or the outbox on a fresh event): create it straight away.
  if (await addOnce(() => deliveries().add(firstAttempt(id, event, subscriber, leaseMs)))) return 1;
  const current = await findDelivery(id);
  if (!current) return undefined;
  const now = nowIso();
  if (current.status === 'done' || current.status === 'failed') return undefined;
  if (current.status === 'pending' && (current.nextAttemptAt ?? '') > now) return undefined;
  if (current.status === 'running' && (current.leaseUntil ?? '') > now) return undefined;
  const attempt = current.attempts + 1;
  const { updated } = await deliveries()
    .where({ _id: id, status: current.status, attempts: current.attempts })
    .update({ status: 'running', attempts: attempt, leaseUntil: later(leaseMs), updatedAt: now });
  return updated === 1 ? attempt : undefined;
}

/** The claimed attempt succeeded. Conditional on still holding the claim: a runner whose lease ran out changes nothing. */
export async function finishDelivery(id: string, attempt: number) {
  const at = nowIso();
  await deliveries().where({ _id: id, status: 'running', attempts: attempt }).update({ status: 'done', doneAt: at, updatedAt: at, leaseUntil: _.remove(), nextAttemptAt: _.remove() });
}

/** The claimed attempt failed: due again after the backoff, or `failed` for good after the last attempt. */
export async function failDelivery(id: string, attempt: number, error: string, retryInMs: number | undefined) {
  const at = nowIso();
  await deliveries()
    .where({ _id: id, status: 'running', attempts: attempt })
    .update({
      updatedAt: at,
      lastError: error.slice(0, 500),
      leaseUntil: _.remove(),
      ...(retryInMs === undefined ? { status: 'failed', nextAttemptAt: _.remove() } : { status: 'pending', nextAttemptAt: later(retryInMs) }),
    });
}

/**
 * "Retry now": one more attempt as soon as a runner looks, whatever the attempts so far (the event must then be
 * undispatched too, see retryDelivery). False for a delivery that is not failed or pending.
 */
export async function makeDeliveryDue(id: string): Promise<boolean> {
  const { updated } = await deliveries()
    .where({ _id: id, status: _.in(['failed', 'pending']) })
    .update({ status: 'pending', nextAttemptAt: nowIso(), updatedAt: nowIso() });
  return updated === 1;
}

/** What staff must look at: deliveries that gave up, or wait for a retry. */
export async function troubledDeliveries(limit = 100): Promise<Delivery[]> {
  const { data } = await deliveries()
    .where({ status: _.in(['failed', 'pending']) })
    .orderBy('updatedAt', 'desc')
    .limit(limit)
    .get();
  return data.map(parse);
}
