import tcb from '@cloudbase/node-sdk';
import { startTestCloud, useLocalCloudEnv } from '../../src/testing';
import type { LocalCloud } from '../../src/cloud';
import type { Invocation } from '../../src/functions/host';
import { makeProject } from '../fixture';

const rc = {
  envId: 'fixture-env',
  functionRoot: 'cloudfunctions',
  functions: [
    { name: 'whoami', timeout: 5, envVariables: { GREETING: '你好' } },
    { name: 'caller', timeout: 5 },
    { name: 'slow', timeout: 1 },
    { name: 'chatty', timeout: 5 },
    { name: 'hook', timeout: 5, http: true },
    { name: 'tick', timeout: 5, triggers: [{ name: 'everySecond', type: 'timer', config: '* * * * * * *' }] },
    { name: 'flaky', timeout: 5, triggers: [{ name: 'nightly', type: 'timer', config: '0 0 3 * * * *' }] },
  ],
};

const project = makeProject({
  'cloudbaserc.json': JSON.stringify(rc),
  'cloudfunctions/whoami/index.ts': `
    import tcb from '@cloudbase/node-sdk';
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    export async function main(event: { delayMs?: number }, context: Record<string, unknown>) {
      await new Promise((r) => setTimeout(r, event.delayMs ?? 0));
      return { user: app.auth().getUserInfo(), event, requestId: context.request_id, fn: context.function_name,
        limitMs: context.time_limit_in_ms, greeting: process.env.GREETING, env: process.env.TCB_ENV };
    }`,
  'cloudfunctions/caller/index.ts': `
    import tcb from '@cloudbase/node-sdk';
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    export async function main(event: { fail?: boolean }) {
      const me = app.auth().getUserInfo();
      const res = await app.callFunction({ name: event.fail ? 'slow' : 'whoami', data: { delayMs: 1, from: 'caller' } });
      return { me, callee: res.result };
    }`,
  'cloudfunctions/chatty/index.ts': `
    export async function main(event: { tag: string; delayMs: number }) {
      console.log('start', event.tag);
      await new Promise((r) => setTimeout(r, event.delayMs));
      console.error('done %s', event.tag);
      return event.tag;
    }`,
  'cloudfunctions/slow/index.ts': `export async function main() { await new Promise((r) => setTimeout(r, 1500)); return 'late'; }`,
  'cloudfunctions/hook/index.ts': `
    export async function main(event: { body: string; httpMethod: string; headers: Record<string, string>; queryStringParameters: Record<string, string> }) {
      return { statusCode: 201, headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: event.body, method: event.httpMethod, sig: event.headers['x-sig'], q: event.queryStringParameters }) };
    }`,
  'cloudfunctions/tick/index.ts': `
    let runs = 0;
    export async function main(event: { TriggerName: string }) { runs++; await new Promise((r) => setTimeout(r, 150)); return { runs, trigger: event.TriggerName }; }`,
  'cloudfunctions/flaky/index.ts': `
    let calls = 0;
    export async function main() { calls++; if (calls < 3) throw new Error('not yet ' + calls); return { calls }; }`,
});

let cloud: LocalCloud;
const log: Invocation[] = [];

beforeAll(async () => {
  cloud = await startTestCloud({ rootDir: project.rootDir, hotReload: true });
  cloud.functions.onInvocation((inv) => log.push(inv));
  useLocalCloudEnv(cloud);
});
afterAll(async () => {
  await cloud.close();
  project.remove();
});

test('the env id comes from cloudbaserc.json when none is given', () => {
  expect(cloud.envId).toBe('fixture-env');
});

test('invokes main(event, context) with CloudBase context, env variables and the caller', async () => {
  const out = (await cloud.functions.invoke('whoami', { delayMs: 0, x: 1 }, { openId: 'o-1', appId: 'wx-app' })) as any;
  expect(out.user).toEqual({ openId: 'o-1', appId: 'wx-app', uid: '', customUserId: '', isAnonymous: false });
  // A mini-program call's event carries userInfo, as CloudBase adds it.
  expect(out.event).toEqual({ delayMs: 0, x: 1, userInfo: { appId: 'wx-app', openId: 'o-1' } });
  expect(out.fn).toBe('whoami');
  expect(out.limitMs).toBe(5000);
  expect(out.greeting).toBe('你好');
  expect(out.env).toBe('fixture-env');
  expect(typeof out.requestId).toBe('string');
  expect(process.env.WX_OPENID).toBeUndefined(); // nothing leaks into the host process
});

test('a web caller (uid, no openId) gets the event as sent, without userInfo', async () => {
  const out = (await cloud.functions.invoke('whoami', { delayMs: 0 }, { uid: 'u-1' })) as any;
  expect(out.event).toEqual({ delayMs: 0 });
  expect(out.user).toMatchObject({ uid: 'u-1', openId: '' });
});

test('200 concurrent invocations with different callers each see only their own identity', async () => {
  const calls = Array.from({ length: 200 }, (_, i) => {
    const identity = i % 2 ? { openId: `openid-${i}`, appId: 'wx-app' } : { uid: `uid-${i}`, customUserId: `custom-${i}` };
    return cloud.functions.invoke('whoami', { delayMs: (i * 7) % 25 }, identity).then((r: any) => ({ i, user: r.user }));
  });
  for (const { i, user } of await Promise.all(calls)) {
    if (i % 2) expect(user).toMatchObject({ openId: `openid-${i}`, uid: '' });
    else expect(user).toMatchObject({ openId: '', uid: `uid-${i}`, customUserId: `custom-${i}` });
  }
});

test('each invocation keeps the console lines it wrote, even when invocations interleave', async () => {
  const seen: Invocation[] = [];
  const off = cloud.functions.onInvocation((inv) => {
    if (inv.name === 'chatty') seen.push(inv);
  });
  await Promise.all([cloud.functions.invoke('chatty', { tag: 'a', delayMs: 60 }), cloud.functions.invoke('chatty', { tag: 'b', delayMs: 10 })]);
  off();
  const logsOf = (tag: string) => seen.find((inv) => inv.result === tag)?.logs;
  expect(logsOf('a')).toEqual(['LOG start a', 'ERROR done a']);
  expect(logsOf('b')).toEqual(['LOG start b', 'ERROR done b']);
});

test('a function calls another through app.callFunction; the callee runs as a server-side call', async () => {
  const out = (await cloud.functions.invoke('caller', {}, { openId: 'o-caller' })) as any;
  expect(out.me.openId).toBe('o-caller');
  expect(out.callee.event).toEqual({ delayMs: 1, from: 'caller' });
  expect(out.callee.user.openId).toBe('');
});

test('scripts call functions with the real node-sdk over /admin', async () => {
  const app = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' } as any);
  const res = await app.callFunction({ name: 'whoami', data: { delayMs: 0, n: 7 } });
  expect((res.result as any).event).toEqual({ delayMs: 0, n: 7 });
  await expect(app.callFunction({ name: 'nope', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_FOUND' });
});

test('a function running past its timeout fails with FUNCTIONS_TIME_LIMIT_EXCEEDED', async () => {
  await expect(cloud.functions.invoke('slow', {})).rejects.toMatchObject({ code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' });
  expect(log.some((l) => l.name === 'slow' && l.error?.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED')).toBe(true);
});

test('HTTP-triggered functions get the raw body byte for byte and answer with their statusCode', async () => {
  const raw = '{"b": 2,  "a":"支付 成功"}\n';
  const res = await fetch(`${cloud.url}/http/hook/notify?x=1`, { method: 'POST', body: raw, headers: { 'x-sig': 'abc' } });
  expect(res.status).toBe(201);
  expect(await res.json()).toEqual({ body: raw, method: 'POST', sig: 'abc', q: { x: '1' } });
  const notHttp = await fetch(`${cloud.url}/http/whoami`, { method: 'POST', body: '{}' });
  expect(notHttp.status).toBe(404);
});

test('an overlapping timer tick joins the run in progress instead of starting another', async () => {
  const [a, b] = await Promise.all([cloud.functions.fireTimer('tick', 'everySecond'), cloud.functions.fireTimer('tick', 'everySecond')]);
  expect(a).toBe(b);
  expect((a as any).trigger).toBe('everySecond');
  const again = (await cloud.functions.fireTimer('tick', 'everySecond')) as any;
  expect(again.runs).toBe((a as any).runs + 1);
});

test('a failing timer run is retried with backoff until it succeeds', async () => {
  const out = (await cloud.functions.fireTimer('flaky', 'nightly')) as any;
  expect(out.calls).toBe(3);
  const attempts = log.filter((l) => l.name === 'flaky');
  expect(attempts.map((a) => Boolean(a.error))).toEqual([true, true, false]);
  expect(attempts.every((a) => a.kind === 'timer')).toBe(true);
});

test('a changed function is reloaded on the next call', async () => {
  await cloud.functions.invoke('slow', {}).catch(() => {});
  project.write('cloudfunctions/slow/index.ts', `export async function main() { return 'fast now'; }`);
  let result: unknown;
  for (let i = 0; i < 50 && result !== 'fast now'; i++) {
    await new Promise((r) => setTimeout(r, 100));
    result = await cloud.functions.invoke('slow', {}).catch(() => undefined);
  }
  expect(result).toBe('fast now');
});

test('with hot reload, a function folder created after the start is found on its first call', async () => {
  await expect(cloud.functions.invoke('late', {})).rejects.toMatchObject({ code: 'FUNCTIONS_NOT_FOUND' });
  project.write('cloudfunctions/late/index.ts', `export async function main(event: { n: number }) { return event.n * 2; }`);
  expect(await cloud.functions.invoke('late', { n: 21 })).toBe(42);
  expect(cloud.functions.names()).toContain('late');
});
