import { z } from 'zod';

// Loading function-kit runs tcb.init(); say where we are so the SDK does not probe cloud metadata hosts.
process.env.TENCENTCLOUD_RUNENV ??= 'SCF';
process.env.TENCENTCLOUD_REGION ??= 'ap-shanghai';
process.env.SCF_NAMESPACE ??= 'log-test';
/* eslint-disable @typescript-eslint/no-require-imports */
const { action, defineFunction } = require('../src/define') as typeof import('../src/define');
const { defineTimer, defineHttpCallback } = require('../src/entry') as typeof import('../src/entry');
const { log, requestContext, withRequestContext, parseLogLine } = require('../../modules/src/runtime/log') as typeof import('../../modules/src/runtime/log');
/* eslint-enable @typescript-eslint/no-require-imports */

const lines: { level: string; line: string }[] = [];
const records = () => lines.map((l) => JSON.parse(l.line) as Record<string, unknown>);
beforeEach(() => {
  lines.length = 0;
  for (const level of ['info', 'warn', 'error'] as const)
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push({ level, line: String(args[0]) });
    });
});
afterEach(() => {
  jest.restoreAllMocks();
  for (const k of ['TCB_CONTEXT_KEYS', 'TCB_UUID', 'TCB_ISANONYMOUS_USER']) delete process.env[k];
});
/** The end user as CloudBase tells a function: context keys naming the variables that carry it. */
const signIn = (uid: string, anonymous = false) => Object.assign(process.env, { TCB_CONTEXT_KEYS: 'TCB_UUID,TCB_ISANONYMOUS_USER', TCB_UUID: uid, TCB_ISANONYMOUS_USER: String(anonymous) });

const seen: unknown[] = [];
const main = defineFunction('demo', {
  talk: action({
    input: z.object({ delayMs: z.number().optional() }).strict(),
    output: z.object({}),
    errors: [],
    permission: 'store.browse',
    async handler({ delayMs }) {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      seen.push(requestContext());
      log.info('talked', { orderId: 'o1', amountFen: 300 });
      return {};
    },
  }),
  boom: action({
    input: z.object({}),
    output: z.object({}),
    errors: [],
    permission: 'store.browse',
    async handler() {
      throw new TypeError('the handler broke');
    },
  }),
});

test('one JSON line per record: time (UTC ISO), level, function, action, requestId, callerKind, msg, then the fields', async () => {
  await main({ action: 'talk', data: {} }, { request_id: 'req-1' });
  expect(lines).toHaveLength(1);
  expect(lines[0].level).toBe('info');
  expect(lines[0].line).not.toContain('\n');
  const [record] = records();
  expect(Object.keys(record)).toEqual(['time', 'level', 'function', 'action', 'requestId', 'callerKind', 'msg', 'orderId', 'amountFen']);
  expect(record).toMatchObject({ level: 'info', function: 'demo', action: 'talk', requestId: 'req-1', callerKind: 'server', msg: 'talked', orderId: 'o1', amountFen: 300 });
  expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('the caller kind says who called: a signed-in user is a consumer, an anonymous sign-in is anonymous', async () => {
  signIn('user-1');
  await main({ action: 'talk', data: {} }, { request_id: 'req-c' });
  signIn('user-2', true);
  await main({ action: 'talk', data: {} }, { request_id: 'req-a' });
  expect(records().map((r) => [r.requestId, r.callerKind])).toEqual([
    ['req-c', 'consumer'],
    ['req-a', 'anonymous'],
  ]);
});

test("requestContext() is the current invocation's, even for runs that overlap; undefined outside one", async () => {
  seen.length = 0;
  await Promise.all([main({ action: 'talk', data: { delayMs: 30 } }, { request_id: 'slow' }), main({ action: 'talk', data: {} }, { request_id: 'fast' })]);
  expect(seen).toEqual([
    { function: 'demo', action: 'talk', requestId: 'fast', callerKind: 'server' },
    { function: 'demo', action: 'talk', requestId: 'slow', callerKind: 'server' },
  ]);
  expect(requestContext()).toBeUndefined();
  log.warn('outside');
  expect(records()[2]).toMatchObject({ function: '', action: '', requestId: '', msg: 'outside' });
});

test('an unexpected error is logged at error level with its stack', async () => {
  expect(await main({ action: 'boom', data: {} }, { request_id: 'req-b' })).toMatchObject({ ok: false, code: 'INTERNAL_ERROR' });
  const [record] = records();
  expect(lines[0].level).toBe('error');
  expect(record).toMatchObject({ level: 'error', action: 'boom', requestId: 'req-b', msg: 'unexpected error', error: { name: 'TypeError', message: 'the handler broke' } });
  expect((record.error as { stack: string }).stack).toContain('log.test.ts');
});

test('an Error given as the fields, or nested with a cause, keeps message, code and stack', () => {
  log.error('failed', Object.assign(new Error('outer', { cause: new Error('inner') }), { code: 'PAY_FAILED' }));
  log.warn('nested', { attempt: 2, err: new RangeError('bad range') });
  const [a, b] = records();
  expect(a.error).toMatchObject({ name: 'Error', message: 'outer', code: 'PAY_FAILED', cause: { message: 'inner' } });
  expect(b).toMatchObject({ attempt: 2, err: { name: 'RangeError', message: 'bad range' } });
  expect((b.err as { stack: string }).stack).toContain('RangeError: bad range');
});

test('a field that cannot be serialised does not lose the record', () => {
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  log.info('circular', { loop, ok: 1 });
  expect(records()[0]).toMatchObject({ msg: 'circular', loop: '[unserializable]', ok: '[unserializable]' });
});

test('timers and HTTP callbacks run in their own context: the trigger name or path is the action', async () => {
  const probe: unknown[] = [];
  const timer = defineTimer('jobs', {
    sweep: async () => {
      probe.push(requestContext());
      return 0;
    },
  });
  await timer({ Type: 'Timer', TriggerName: 'sweep', Time: '2026-01-01T00:00:00Z' }, { request_id: 'req-t' });
  const http = defineHttpCallback('notify', async () => {
    probe.push(requestContext());
    return { ok: true };
  });
  await http({ httpMethod: 'POST', path: '/pay/notify', headers: {}, body: '{}' }, { request_id: 'req-h' });
  expect(probe).toEqual([
    { function: 'jobs', action: 'sweep', requestId: 'req-t', callerKind: 'timer' },
    { function: 'notify', action: '/pay/notify', requestId: 'req-h', callerKind: 'http' },
  ]);
  signIn('user-1');
  await timer({ Type: 'Timer', TriggerName: 'sweep', Time: '2026-01-01T00:00:00Z' }, { request_id: 'req-x' });
  expect(records()[0]).toMatchObject({ level: 'warn', function: 'jobs', requestId: 'req-x', callerKind: 'consumer', msg: 'refused: called by an end user, not by its timer' });
});

test("withRequestContext: work done for another request logs that request id and keeps the invocation's own", async () => {
  const timer = defineTimer('outbox', {
    run: async () => {
      withRequestContext({ requestId: 'req-origin' }, () => log.info('subscriber ran', { subscriber: 'ledger' }));
      log.info('batch done');
      return 1;
    },
  });
  await timer({ Type: 'Timer', TriggerName: 'run', Time: '2026-01-01T00:00:00Z' }, { request_id: 'req-outbox' });
  const [sub, done] = records();
  expect(sub).toMatchObject({ function: 'outbox', action: 'run', callerKind: 'timer', requestId: 'req-origin', invocationId: 'req-outbox', subscriber: 'ledger' });
  expect(done).toMatchObject({ requestId: 'req-outbox' });
  expect(done).not.toHaveProperty('invocationId');
});

test("parseLogLine reads a captured line back, with or without the local cloud's level prefix", () => {
  log.info('hello', { n: 1 });
  expect(parseLogLine(lines[0].line)).toMatchObject({ msg: 'hello', n: 1 });
  expect(parseLogLine(`INFO ${lines[0].line}`)).toMatchObject({ msg: 'hello', n: 1 });
  expect(parseLogLine('ERROR [order] plain text')).toBeUndefined();
  expect(parseLogLine('INFO {not json')).toBeUndefined();
});

test('a contract breach is a record of kind contract_breach whose msg starts with "contract breach:" (what the function test harness looks for)', async () => {
  const breaching = defineFunction('demo', {
    talk: action({
      input: z.object({}),
      output: z.object({ say: z.string() }),
      errors: [],
      permission: 'store.browse',
      async handler() {
        return { say: 42 } as never;
      },
    }),
  });
  await breaching({ action: 'talk', data: {} }, { request_id: 'req-breach' });
  expect(lines).toHaveLength(1);
  expect(lines[0].line).toContain('"kind":"contract_breach"');
  expect(records()[0]).toMatchObject({ level: 'error', requestId: 'req-breach', kind: 'contract_breach', msg: expect.stringMatching(/^contract breach: demo\.talk /) });
});
