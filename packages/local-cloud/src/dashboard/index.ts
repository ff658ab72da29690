import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Router } from '../http/router';
import { sendJson } from '../http/router';
import type { Database } from '../db';
import type { FunctionHost, Invocation } from '../functions/host';
import type { Storage } from '../storage';
import { filterInvocations, invocationAction, logEntry, traceLines, type TraceFilter } from './trace';

const KEEP = 300;
/** The project's order-event bookkeeping (packages/modules/src/events): deliveries per (event, subscriber). */
const DELIVERIES = 'order_event_deliveries';
const EVENTS = 'order_events';
const page = readFileSync(path.join(__dirname, 'page.html'), 'utf8');

/**
 * The local cloud's dashboard (like the Firebase emulator UI): collections and documents, the invocation log of
 * calls, triggers, timers and HTTP callbacks (a reply `{ok:false}` counts as an error) with their log lines, filtered by
 * function, action or request id (one request followed across functions), timers to fire by hand, and
 * the sandboxes' outboxes (WeChat Pay, SMS, delivery), which the page reads from each sandbox's own `/outbox` route.
 */
export function mountDashboard({ router, db, functions, storage }: { router: Router; db: Database; functions: FunctionHost; storage?: Storage }): void {
  // Cloud storage's files: path, file id, type, size, uploader, time.
  router.add('GET', '/dashboard/api/storage', (req, res) => {
    const origin = req.headers.host ? `http://${req.headers.host}` : undefined;
    sendJson(res, 200, { bucket: storage?.bucket, files: (storage?.store.list() ?? []).map((f) => ({ ...f, fileId: storage!.fileIdOf(f.path), url: storage!.urlOf(f.path, origin) })) });
  });
  const log: Invocation[] = [];
  functions.onInvocation((inv) => {
    log.push(inv);
    if (log.length > KEEP) log.shift();
  });

  router.add('GET', '/dashboard', (_req, res) => {
    res.writeHead(302, { location: '/dashboard/' }).end();
  });
  router.add('GET', '/dashboard/', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });

  router.add('GET', '/dashboard/api/collections', (_req, res) => {
    sendJson(res, 200, { collections: db.collectionNames().map((name) => ({ name, count: db.count(name, {}) })) });
  });

  router.add('GET', '/dashboard/api/collections/:name', (req, res) => {
    try {
      const query = req.query.get('query') ? JSON.parse(req.query.get('query')!) : {};
      const offset = Number(req.query.get('offset') ?? 0);
      const docs = db.find(req.params.name, { query, order: [['_id', -1]], offset, limit: 50 });
      sendJson(res, 200, { docs, total: db.count(req.params.name, query) });
    } catch (e) {
      sendJson(res, 400, { code: (e as { code?: string }).code ?? 'INVALID_QUERY', message: (e as Error).message });
    }
  });

  // `?requestId=&function=&action=` narrow the list; a request id follows that request across functions (trace.ts).
  const filterOf = (q: URLSearchParams): TraceFilter => ({
    requestId: q.get('requestId')?.trim() || undefined,
    function: q.get('function')?.trim() || undefined,
    action: q.get('action')?.trim() || undefined,
  });
  router.add('GET', '/dashboard/api/invocations', (req, res) => {
    const invocations = filterInvocations(log, filterOf(req.query))
      .reverse()
      .map((inv) => ({ ...inv, action: invocationAction(inv), entries: inv.logs.map(logEntry) }));
    sendJson(res, 200, { invocations });
  });
  // Every log line of the matching invocations, oldest first: one request's story across functions.
  router.add('GET', '/dashboard/api/logs', (req, res) => {
    sendJson(res, 200, { lines: traceLines(log, filterOf(req.query)) });
  });

  router.add('GET', '/dashboard/api/timers', (_req, res) => {
    const timers = functions.names().flatMap((name) => (functions.config(name)?.triggers ?? []).map((t) => ({ function: name, name: t.name, type: t.type, config: t.config })));
    sendJson(res, 200, { timers });
  });

  // Order-event deliveries that failed for good or wait for a retry, with their error and attempts; "retry now"
  // makes one due at once (one more attempt, whatever the count) and runs the outbox timer that delivers it.
  router.add('GET', '/dashboard/api/order-events', (_req, res) => {
    const troubled = db.find(DELIVERIES, { query: { status: { $in: ['failed', 'pending'] } }, order: [['updatedAt', -1]], limit: 200 });
    const counts = Object.fromEntries(['running', 'pending', 'done', 'failed'].map((s) => [s, db.count(DELIVERIES, { status: s })]));
    sendJson(res, 200, { deliveries: troubled, counts, undispatched: db.count(EVENTS, { dispatchedAt: { $exists: false } }) });
  });

  router.add('POST', '/dashboard/api/order-events/retry', async (req, res) => {
    let id = '';
    try {
      id = String(JSON.parse(req.body.toString('utf8') || '{}').id ?? '');
    } catch {
      /* answered below */
    }
    const delivery = db.find(DELIVERIES, { query: { _id: id } })[0] as { eventId?: string; status?: string } | undefined;
    if (!delivery || (delivery.status !== 'failed' && delivery.status !== 'pending')) {
      sendJson(res, 404, { code: 'DELIVERY_NOT_RETRYABLE', message: `no failed or pending delivery ${id}` });
      return;
    }
    const now = new Date().toISOString();
    db.update(DELIVERIES, { _id: id, status: delivery.status }, { $set: { status: 'pending', nextAttemptAt: now, updatedAt: now } });
    db.update(EVENTS, { _id: delivery.eventId }, { $unset: { dispatchedAt: '' }, $set: { retryAt: now } });
    // The function that delivers order events: the one with a trigger on them and a timer (its outbox).
    const outbox = functions
      .names()
      .map((name) => ({ name, triggers: functions.config(name)?.triggers ?? [] }))
      .find((f) => f.triggers.some((t) => t.type === 'database' && t.config.collection === EVENTS) && f.triggers.some((t) => t.type === 'timer'));
    const timer = outbox?.triggers.find((t) => t.type === 'timer');
    try {
      const result = outbox && timer ? await functions.fireTimer(outbox.name, timer.name) : undefined;
      sendJson(res, 200, { delivery: db.find(DELIVERIES, { query: { _id: id } })[0], result });
    } catch (e) {
      sendJson(res, 400, { code: (e as { code?: string }).code ?? 'TIMER_FAILED', message: (e as Error).message });
    }
  });

  router.add('POST', '/dashboard/api/timers/:fn/:trigger', async (req, res) => {
    try {
      sendJson(res, 200, { result: await functions.fireTimer(req.params.fn, req.params.trigger) });
    } catch (e) {
      sendJson(res, 400, { code: (e as { code?: string }).code ?? 'TIMER_FAILED', message: (e as Error).message });
    }
  });
}
