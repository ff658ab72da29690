import { log, withRequestContext } from '../runtime';
import { backoffMs, deliveryConfig } from './config';
import { claimDelivery, deliveryId, eventDeliveries, failDelivery, finishDelivery } from './deliveries';
import { markDispatched, markRetryAt } from './marks';
import { interested, type OrderEventDoc, type Subscriber } from './registry';
import { SUBSCRIBERS } from './subscribers';

export interface DeliveryOutcome {
  subscriber: string;
  outcome: 'done' | 'retry' | 'failed' | 'skipped';
  attempt?: number;
  error?: string;
}

const errorText = (e: unknown) => {
  const err = e as { code?: string; message?: string };
  return `${err?.code ? `${err.code}: ` : ''}${err?.message ?? String(e)}`;
};

/**
 * Runs every interested subscriber for one order event, each at most once at a time and once in total when it
 * succeeds (see claimDelivery). A failing subscriber is recorded (attempt, error, when it is due again) and never
 * stops the others; it is retried by the outbox timer with a doubling wait, and left `failed` after the last
 * attempt. When every interested subscriber is done or failed, the event is marked dispatched, so the outbox scan
 * only ever looks at events with work left. Both the database trigger and the outbox timer call this.
 */
export async function deliverOrderEvent(event: OrderEventDoc, subscribers: Subscriber[] = SUBSCRIBERS): Promise<DeliveryOutcome[]> {
  if (event.dispatchedAt) return [];
  const config = deliveryConfig();
  const wanted = subscribers.filter((s) => interested(s, event));
  // Logged under the request that moved the order, so one request can be followed into its subscribers.
  return withRequestContext(event.requestId ? { requestId: event.requestId } : {}, async () => {
    const outcomes: DeliveryOutcome[] = [];
    for (const subscriber of wanted) {
      const id = deliveryId(event._id, subscriber.name);
      const attempt = await claimDelivery(event, subscriber.name, config.leaseMs);
      if (attempt === undefined) {
        outcomes.push({ subscriber: subscriber.name, outcome: 'skipped' });
        continue;
      }
      try {
        await subscriber.handle(event);
        await finishDelivery(id, attempt);
        outcomes.push({ subscriber: subscriber.name, outcome: 'done', attempt });
      } catch (e) {
        const error = errorText(e);
        const last = attempt >= config.maxAttempts;
        await failDelivery(id, attempt, error, last ? undefined : backoffMs(attempt, config.retryBaseMs));
        log.warn(`order event subscriber ${subscriber.name} failed`, {
          eventId: event._id,
          orderId: event.orderId,
          event: event.event,
          subscriber: subscriber.name,
          attempt,
          gaveUp: last,
          error: e instanceof Error ? e : error,
        });
        outcomes.push({ subscriber: subscriber.name, outcome: last ? 'failed' : 'retry', attempt, error });
      }
    }
    await settle(event, wanted);
    return outcomes;
  });
}

/**
 * Marks the event dispatched once nothing is left to run (every interested subscriber done or failed; one another
 * runner still holds is not), else tells the outbox when the next retry is due.
 */
async function settle(event: OrderEventDoc, wanted: Subscriber[]) {
  const known = new Map((wanted.length ? await eventDeliveries(event._id) : []).map((d) => [d.subscriber, d]));
  const open = wanted.map((s) => known.get(s.name)).filter((d) => !d || (d.status !== 'done' && d.status !== 'failed'));
  if (!open.length) return markDispatched(event._id);
  // Running elsewhere (or never claimed): look again at once; waiting for a retry: when the first one is due.
  const due = open.map((d) => (d?.status === 'pending' ? (d.nextAttemptAt ?? '') : '')).sort()[0];
  if (due) await markRetryAt(event._id, due);
}
