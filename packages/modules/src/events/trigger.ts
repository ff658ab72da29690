import { z } from 'zod';
import { app, defineTimer, log, runInRequestContext } from '@daojia/function-kit';
import { ERROR_CODES, orderEventRecord } from '@daojia/domain';
import { deliverOrderEvent } from './runner';
import { runOutbox } from './outbox';
import type { OrderEventDoc } from './registry';

/** What a database trigger sends (CloudEvent, docs/CONVENTIONS.md): here, an insert into `order_events`. */
const insertEvent = z.object({
  type: z.literal('com.tcb.database.insert'),
  data: z.object({ collection: z.literal('order_events'), docId: z.string(), doc: z.record(z.string(), z.unknown()) }),
});
const record = orderEventRecord.loose();

const hasEndUser = () => {
  const u = app.auth().getUserInfo();
  return Boolean(u.openId || u.uid || u.customUserId);
};

/**
 * The `orderEvents` function: its database trigger (`order_events` insert) runs the subscribers for the inserted
 * event; its `outbox` timer runs them for every event no trigger finished. Like every platform-started function it
 * refuses a client call (any end user) and any event that is not its trigger's, with PERMISSION_DENIED and no effect.
 */
export function defineOrderEventsFunction(name: string) {
  const timer = defineTimer(name, { outbox: () => runOutbox() });
  const refuse = (why: string) => {
    log.warn(`refused: ${why}`, { kind: 'refused' });
    return { ok: false as const, code: 'PERMISSION_DENIED', message: ERROR_CODES.PERMISSION_DENIED };
  };
  return async function main(event: unknown, context?: { request_id?: string }) {
    const type = (event as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !type.startsWith('com.tcb.database.')) return timer(event, context);
    return runInRequestContext({ function: name, action: 'onOrderEventInsert', requestId: context?.request_id ?? '', callerKind: hasEndUser() ? 'consumer' : 'trigger' }, async () => {
      if (hasEndUser()) return refuse('called by an end user, not by its database trigger');
      const parsed = insertEvent.safeParse(event);
      if (!parsed.success) return refuse('the event is not an order_events insert');
      const doc = record.safeParse({ ...parsed.data.data.doc, _id: parsed.data.data.docId });
      if (!doc.success) return refuse('the inserted document is not an order event');
      const outcomes = await deliverOrderEvent(doc.data as OrderEventDoc);
      return { ok: true as const, eventId: parsed.data.data.docId, outcomes };
    });
  };
}
