import { startTestCloud } from '../src/testing';
import type { LocalCloud } from '../src/cloud';
import type { Invocation } from '../src/functions/host';
import { filterInvocations, followRequest, logEntry, traceLines } from '../src/dashboard/trace';
import { makeProject } from './fixture';

/**
 * One request followed across functions on the dashboard: `order.place` logs through function-kit and appends an
 * event carrying its request id; a database trigger runs the subscriber, which logs for that request; `order.place`
 * also calls `audit` through app.callFunction. Filtering on the request id finds all three and their lines.
 */
const project = makeProject({
  'database-rules/events.json': JSON.stringify({ rules: { read: false, write: false } }),
  'cloudbaserc.json': JSON.stringify({
    envId: 'dashboard-local',
    functions: [
      { name: 'order', timeout: 10 },
      { name: 'audit', timeout: 10 },
      { name: 'subscriber', timeout: 10, triggers: [{ name: 'onEvent', type: 'database', config: { collection: 'events', events: ['insert'] } }] },
      { name: 'plain', timeout: 10 },
    ],
  }),
  'cloudfunctions/order/index.ts': `
    import { z } from 'zod';
    import { action, app, db, defineFunction, log, requestContext } from '@daojia/function-kit';
    export const main = defineFunction('order', {
      place: action({
        permission: 'store.browse', input: z.object({ tag: z.string() }), output: z.object({}), errors: [],
        async handler({ tag }) {
          log.info('order placed', { tag });
          await db.collection('events').add({ tag, requestId: requestContext()?.requestId });
          await app.callFunction({ name: 'audit', data: { tag } });
          return {};
        },
      }),
    });`,
  'cloudfunctions/audit/index.ts': `
    import { log } from '@daojia/function-kit';
    export async function main(event: { tag: string }) { log.warn('audited', { tag: event.tag }); return 'ok'; }`,
  'cloudfunctions/subscriber/index.ts': `
    import { log, runInRequestContext, withRequestContext } from '@daojia/function-kit';
    export async function main(event: { data: { doc: { tag: string; requestId: string } } }, context: { request_id: string }) {
      const { doc } = event.data;
      return runInRequestContext({ function: 'subscriber', requestId: context.request_id, callerKind: 'trigger' }, () => {
        withRequestContext({ requestId: doc.requestId }, () => log.info('subscriber ran', { tag: doc.tag }));
        return 'ok';
      });
    }`,
  'cloudfunctions/plain/index.ts': `
    export async function main() { console.log('plain text line'); return 'ok'; }`,
});

let cloud: LocalCloud;
const seen: Invocation[] = [];
beforeAll(async () => {
  cloud = await startTestCloud({ rootDir: project.rootDir });
  cloud.functions.onInvocation((inv) => seen.push(inv));
});
afterAll(async () => {
  await cloud?.close();
  project.remove();
});

const api = async (p: string) => {
  const r = await fetch(`${cloud.url}${p}`);
  const t = await r.text();
  try {
    return JSON.parse(t);
  } catch {
    throw new Error(`${r.status} ${t.slice(0, 300)}`);
  }
};
const placed = async (tag: string) => {
  const from = seen.length;
  expect(await cloud.functions.invoke('order', { action: 'place', data: { tag } })).toEqual({ ok: true, data: {} });
  await cloud.functions.drainTriggers();
  return seen.slice(from).find((i) => i.name === 'order')!.id;
};

test('a request id finds the invocation, the function it called and the trigger its event started, with their lines', async () => {
  const first = await placed('A');
  const second = await placed('B');
  await cloud.functions.invoke('plain', {});

  const reply = await api(`/dashboard/api/invocations?requestId=${first}`);
  if (!reply.invocations) throw new Error(JSON.stringify(reply));
  const { invocations } = reply;
  expect(invocations.map((i: Invocation) => i.name).sort()).toEqual(['audit', 'order', 'subscriber']);
  expect(invocations.find((i: Invocation) => i.name === 'audit').parentId).toBe(first);
  const order = invocations.find((i: Invocation) => i.name === 'order');
  expect(order.action).toBe('place');
  expect(order.entries).toEqual([
    expect.objectContaining({ level: 'INFO', record: expect.objectContaining({ msg: 'order placed', function: 'order', action: 'place', requestId: first, callerKind: 'server', tag: 'A' }) }),
  ]);

  const { lines } = await api(`/dashboard/api/logs?requestId=${first}`);
  // Oldest first: the order's line, then the trigger's and the callee's (those two run concurrently).
  expect(lines[0].record).toMatchObject({ function: 'order', msg: 'order placed', tag: 'A' });
  expect(lines.map((l: any) => [l.function, l.record.msg, l.record.tag]).sort()).toEqual([
    ['audit', 'audited', 'A'],
    ['order', 'order placed', 'A'],
    ['subscriber', 'subscriber ran', 'A'],
  ]);
  expect(lines.map((l: any) => l.time)).toEqual(lines.map((l: any) => l.time).sort());
  // The subscriber logged for the request it served, and names its own invocation too.
  const sub = lines.find((l: any) => l.function === 'subscriber');
  expect(sub.record).toMatchObject({ requestId: first, callerKind: 'trigger' });
  expect(sub.record.invocationId).toBe(sub.invocationId);

  const other = await api(`/dashboard/api/logs?requestId=${second}`);
  expect(other.lines.map((l: any) => l.record.tag)).toEqual(['B', 'B', 'B']);
});

test('function and action filters narrow the list; without filters every invocation is listed, newest first', async () => {
  const all = (await api('/dashboard/api/invocations')).invocations;
  expect(all.length).toBe(seen.length);
  expect(all[0].name).toBe('plain');
  expect(all[0].entries).toEqual([{ level: 'LOG', text: 'plain text line' }]);
  const subs = (await api('/dashboard/api/invocations?function=subscriber')).invocations;
  expect(subs.length).toBe(2);
  expect(subs.every((i: Invocation) => i.name === 'subscriber')).toBe(true);
  const places = (await api('/dashboard/api/invocations?action=place')).invocations;
  expect(places.map((i: Invocation) => i.name)).toEqual(['order', 'order']);
  expect((await api(`/dashboard/api/invocations?function=audit&requestId=${places[0].id}`)).invocations).toHaveLength(1);
  expect((await api('/dashboard/api/invocations?requestId=no-such-request')).invocations).toEqual([]);
});

test('an invocation that only logged some lines for a request contributes only those lines', () => {
  const line = (requestId: string, msg: string, invocationId?: string) =>
    `INFO ${JSON.stringify({ time: '2026-01-01T00:00:00.000Z', level: 'info', function: 'outbox', action: 'run', requestId, ...(invocationId ? { invocationId } : {}), callerKind: 'timer', msg })}`;
  const outbox: Invocation = {
    id: 'inv-outbox',
    name: 'outbox',
    kind: 'timer',
    caller: {},
    event: { TriggerName: 'run' },
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1,
    logs: [line('inv-outbox', 'batch started'), line('req-1', 'ledger ran', 'inv-outbox'), line('req-2', 'ledger ran', 'inv-outbox')],
  };
  expect(followRequest([outbox], 'req-1')).toEqual(new Map([['inv-outbox', 'lines']]));
  expect(traceLines([outbox], { requestId: 'req-1' }).map((l) => l.record?.requestId)).toEqual(['req-1']);
  expect(traceLines([outbox], { requestId: 'inv-outbox' })).toHaveLength(3);
  expect(filterInvocations([outbox], { action: 'run' })).toHaveLength(1);
  expect(logEntry('ERROR {broken json')).toEqual({ level: 'ERROR', text: '{broken json' });
});
