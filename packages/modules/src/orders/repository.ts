import { z } from 'zod';
import { order, orderEventRecord, staffOrderView, type Order, type OrderEventRecord, type OrderStatus } from '@daojia/domain';
import { db, _, $, nowIso, readAll, requestContext } from '../runtime';
import { parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['orders', 'order_events'] as const;

const orders = () => db.collection('orders');
const events = () => db.collection('order_events');

/** An order as stored: the domain's order plus the expiry job's flag that what it held went back. */
const storedOrder = order.extend({ reservationsReleased: z.boolean().optional() });
const parseOrder = parser('orders', storedOrder);
const parseStaffOrder = parser('orders', staffOrderView);
const parseEvent = parser('order_events', orderEventRecord);
/** What an event record is written as; `requestId` lets one request be followed from the move to its subscribers. */
const newEvent = orderEventRecord.omit({ _id: true }).extend({ requestId: z.string().optional() });

/** The stored documents never leave without their schema: a staff reply also loses the customer's code. */
export type StaffOrder = z.output<typeof staffOrderView>;

export async function findOrder(orderId: string): Promise<Order | undefined> {
  const doc = (await orders().doc(orderId).get()).data[0];
  return doc === undefined ? undefined : parseOrder(doc);
}

export async function findByIdempotencyKey(userKey: string, key: string): Promise<Order | undefined> {
  const doc = (await orders().where({ _openid: userKey, idempotencyKey: key }).limit(1).get()).data[0];
  return doc === undefined ? undefined : parseOrder(doc);
}

/** Throws the database's duplicate error when the id or the user's idempotency key exists (callers decide). */
export async function insertOrder(o: Order): Promise<void> {
  await orders().add(storedOrder.parse(o));
}

/** Compare-and-set on the status: true when this caller made the change (two concurrent moves cannot both). */
export async function updateIfStatus(orderId: string, status: OrderStatus, set: Record<string, unknown>): Promise<boolean> {
  const { updated } = await orders().where({ _id: orderId, status }).update(set);
  return updated === 1;
}

export async function removeIfReserving(orderId: string): Promise<void> {
  await orders().where({ _id: orderId, status: 'reserving' }).remove();
}

/** Sets the flag once; true for the caller that set it. */
export async function flagReservationsReleased(orderId: string): Promise<boolean> {
  const { updated } = await orders()
    .where({ _id: orderId, reservationsReleased: _.neq(true) })
    .update({ reservationsReleased: true });
  return updated === 1;
}

/** Whether this user has ever paid an order (new-user discounts), as a count: no documents read. */
export async function hasPaidOrder(userKey: string): Promise<boolean> {
  return (
    (
      await orders()
        .where({ _openid: userKey, paidAt: _.exists(true) })
        .count()
    ).total > 0
  );
}

export async function page(where: Record<string, unknown>, offset: number, limit: number): Promise<Order[]> {
  return (await orders().where(where).orderBy('createdAt', 'desc').skip(offset).limit(limit).get()).data.map(parseOrder);
}

export async function staffPage(where: Record<string, unknown>, offset: number, limit: number): Promise<{ orders: StaffOrder[]; total: number }> {
  const query = orders().where(where);
  const total = (await query.count()).total;
  const { data } = await query.orderBy('createdAt', 'desc').skip(offset).limit(limit).field({ pickupCode: false, idempotencyKey: false }).get();
  return { orders: data.map(parseStaffOrder), total };
}

export async function findOne(where: Record<string, unknown>): Promise<Order | undefined> {
  const doc = (await orders().where(where).limit(1).get()).data[0];
  return doc === undefined ? undefined : parseOrder(doc);
}

export async function findStaffOne(where: Record<string, unknown>): Promise<StaffOrder | undefined> {
  const doc = (await orders().where(where).limit(1).field({ pickupCode: false, idempotencyKey: false }).get()).data[0];
  return doc === undefined ? undefined : parseStaffOrder(doc);
}

/** Every matching order, past the SDK's 1000-per-read cap (the timers' sweeps). */
export async function all(where: Record<string, unknown>): Promise<Order[]> {
  return (await readAll<unknown>(orders().where(where))).map(parseOrder);
}

const dayRow = z.object({ _id: z.string(), gmvFen: z.number(), orders: z.number(), buyers: z.array(z.string()) });
const parseDayRow = parser('orders', dayRow);

/** GMV, order count and buyers per Shanghai day, from orders in `statuses` paid since `sinceIso`. */
export async function paidByDay(scope: Record<string, unknown>, statuses: OrderStatus[], sinceIso: string) {
  const rows = (
    await orders()
      .aggregate()
      .match({ ...scope, status: _.in(statuses), paidAt: _.gte(sinceIso) })
      .addFields({ day: $.dateToString({ date: $.dateFromString({ dateString: '$paidAt' }), format: '%Y-%m-%d', timezone: 'Asia/Shanghai' }) })
      .group({ _id: '$day', gmvFen: $.sum('$totalFen'), orders: $.sum(1), buyers: $.addToSet('$_openid') })
      .end()
  ).data as unknown[];
  return rows.map(parseDayRow);
}

export async function appendEvent(o: Pick<Order, '_id' | '_openid' | 'storeId'>, from: OrderStatus | null, to: OrderStatus, event: string, by: OrderEventRecord['by'], reason = ''): Promise<void> {
  const requestId = requestContext()?.requestId;
  await events().add(newEvent.parse({ orderId: o._id, _openid: o._openid, storeId: o.storeId, from, to, event, by, reason, at: nowIso(), ...(requestId ? { requestId } : {}) }));
}

/** An order's timeline, oldest first: who moved it, when, from which status to which, and why. */
export async function eventsOf(orderId: string): Promise<OrderEventRecord[]> {
  return (await events().where({ orderId }).orderBy('at', 'asc').limit(100).get()).data.map(parseEvent);
}

/**
 * The order-event outbox's bookkeeping on `order_events` (the events module delivers; the records stay this
 * module's): `dispatchedAt` once every interested subscriber is done or failed, `retryAt` while a retry waits. The
 * outbox reads undispatched records that are due, by the `outbox` index (database-rules/order_events.json).
 */
const outboxEvent = orderEventRecord.extend({ requestId: z.string().optional(), dispatchedAt: z.string().optional(), retryAt: z.string().optional() });
export type OutboxEvent = z.output<typeof outboxEvent>;
const parseOutboxEvent = parser('order_events', outboxEvent);

export const markEventDispatched = async (eventId: string) => {
  await events().doc(eventId).update({ dispatchedAt: nowIso(), retryAt: _.remove() });
};
export const markEventRetryAt = async (eventId: string, at: string) => {
  await events().doc(eventId).update({ retryAt: at });
};
/** Staff retried one of its deliveries: the outbox looks at the event again. */
export const markEventUndispatched = async (eventId: string) => {
  await events().doc(eventId).update({ dispatchedAt: _.remove(), retryAt: nowIso() });
};

/** Undispatched events that are due (never tried, or a retry is due now), oldest first. */
export async function dueEvents(limit: number): Promise<OutboxEvent[]> {
  const now = nowIso();
  const { data } = await events()
    .where(_.and([{ dispatchedAt: _.exists(false) }, _.or([{ retryAt: _.exists(false) }, { retryAt: _.lte(now) }])]))
    .orderBy('at', 'asc')
    .limit(limit)
    .get();
  return data.map(parseOutboxEvent);
}

export async function findEvent(eventId: string): Promise<OutboxEvent | undefined> {
  const doc = (await events().doc(eventId).get()).data[0];
  return doc === undefined ? undefined : parseOutboxEvent(doc);
}
