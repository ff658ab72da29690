import { z } from 'zod';
import { ERROR_CODES } from '@daojia/domain';
import { hasEndUser, log, runInRequestContext } from '@daojia/modules/runtime';
import type { Reply } from './errors';
import type { HttpEvent } from './http';

/**
 * Entry points that only the platform starts: timers and HTTP callbacks. CloudBase lets any signed-in client call
 * any function by name, so such a function must itself refuse what its trigger would never send. A client call
 * always carries an end user (WX_OPENID in WeChat, TCB_UUID on the web, anonymous sign-ins included); a timer or an
 * HTTP-access call never does. The refusal is an ordinary reply, so the client sees why, and nothing has run.
 */
const refusal = (name: string, why: string): Reply<never> => {
  log.warn(`refused: ${why}`, { kind: 'refused', function: name });
  return { ok: false, code: 'PERMISSION_DENIED', message: ERROR_CODES.PERMISSION_DENIED };
};

/** What CloudBase sends a timer: `{Type: 'Timer', TriggerName, Time, Message}`. */
const timerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.string(), Message: z.string().optional() });

/**
 * A timer function: `jobs` maps each trigger name declared in cloudbaserc.json to its job. A call that is not a
 * timer event naming one of them, or that carries an end user, is refused.
 */
export function defineTimer(name: string, jobs: Record<string, () => Promise<number>>) {
  const main = (event: unknown, context?: { request_id?: string }): Promise<{ job: string; handled: number } | Reply<never>> => {
    const parsed = timerEvent.safeParse(event);
    const trigger = parsed.success ? parsed.data.TriggerName : undefined;
    // A refused call is logged under the kind of caller it really was, not as the timer it pretends to be.
    const callerKind = hasEndUser() ? 'consumer' : parsed.success ? 'timer' : 'server';
    return runInRequestContext({ function: name, action: trigger, requestId: context?.request_id ?? '', callerKind }, async () => {
      if (hasEndUser()) return refusal(name, 'called by an end user, not by its timer');
      if (!parsed.success) return refusal(name, 'the event is not a timer event');
      const job = Object.hasOwn(jobs, parsed.data.TriggerName) ? jobs[parsed.data.TriggerName] : undefined;
      if (!job) return refusal(name, `no timer named ${parsed.data.TriggerName}`);
      return { job: parsed.data.TriggerName, handled: await job() };
    });
  };
  return Object.assign(main, { functionName: name, timers: Object.keys(jobs) });
}

const httpEvent = z.object({ httpMethod: z.string(), path: z.string(), headers: z.record(z.string(), z.string()), body: z.string().optional() });

/** An HTTP-triggered callback (payment, refund): refused unless the event is an HTTP request with no end user. */
export function defineHttpCallback<R>(name: string, handle: (event: HttpEvent) => Promise<R>) {
  return (event: unknown, context?: { request_id?: string }): Promise<R | Reply<never>> => {
    const parsed = httpEvent.safeParse(event);
    const callerKind = hasEndUser() ? 'consumer' : parsed.success ? 'http' : 'server';
    return runInRequestContext({ function: name, action: parsed.success ? parsed.data.path : undefined, requestId: context?.request_id ?? '', callerKind }, async () => {
      if (hasEndUser()) return refusal(name, 'called by an end user, not through its HTTP trigger');
      if (!parsed.success) return refusal(name, 'the event is not an HTTP request');
      return handle(event as HttpEvent);
    });
  };
}

/** What a database trigger sends (CloudEvent, docs/CONVENTIONS.md); only inserts are handled so far. */
const insertEvent = z.object({
  type: z.literal('com.tcb.database.insert'),
  data: z.object({ collection: z.string(), docId: z.string(), doc: z.record(z.string(), z.unknown()) }),
});

/**
 * A function started by a database trigger on inserts into `collection` (named `trigger` in cloudbaserc.json), and
 * optionally by timers of the same function (`timers`, as defineTimer's jobs). The inserted document is parsed with
 * `doc` before `onInsert` sees it. A client call, an event of another collection or kind, or a document that does not
 * parse is refused like a timer's stranger.
 */
export function defineDatabaseTrigger<S extends z.ZodType, R>(
  name: string,
  opts: { trigger: string; collection: string; doc: S; onInsert: (doc: z.infer<S>) => Promise<R>; timers?: Record<string, () => Promise<number>> },
) {
  const timer = defineTimer(name, opts.timers ?? {});
  return (event: unknown, context?: { request_id?: string }) => {
    const type = (event as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !type.startsWith('com.tcb.database.')) return timer(event, context);
    return runInRequestContext({ function: name, action: opts.trigger, requestId: context?.request_id ?? '', callerKind: hasEndUser() ? 'consumer' : 'trigger' }, async () => {
      if (hasEndUser()) return refusal(name, 'called by an end user, not by its database trigger');
      const parsed = insertEvent.safeParse(event);
      if (!parsed.success || parsed.data.data.collection !== opts.collection) return refusal(name, `the event is not an insert into ${opts.collection}`);
      const doc = opts.doc.safeParse({ ...parsed.data.data.doc, _id: parsed.data.data.docId });
      if (!doc.success) return refusal(name, `the inserted document is not a ${opts.collection} record`);
      return { ok: true as const, docId: parsed.data.data.docId, result: await opts.onInsert(doc.data) };
    });
  };
}
