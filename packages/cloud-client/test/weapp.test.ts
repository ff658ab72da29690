import { createWeappClient } from '../src/weapp';
import { CloudCallError } from '../src';

/**
 * The weapp client against a test double of WeChat's `wx.cloud` shaped like its documented API: `callFunction`
 * resolving `{errMsg, result, requestID}` (its Promise form, without success/fail callbacks), failures being Errors
 * with a numeric `errCode` and an `errMsg`; `database().collection().doc()/where().watch({onChange, onError})`
 * returning a watcher with `close()`.
 */
type Reply = { result: unknown } | { errCode: number; errMsg: string };

function wxError(errCode: number, errMsg: string) {
  return Object.assign(new Error(errMsg), { errCode, errMsg });
}

function fakeWxCloud(reply: (name: string, data: unknown) => Reply) {
  const inits: unknown[] = [];
  const watches: { collection: string; target: unknown; onChange(s: unknown): void; onError(e: unknown): void; closed: boolean }[] = [];
  const watchable = (collection: string, target: unknown) => ({
    watch(o: { onChange(s: unknown): void; onError(e: unknown): void }) {
      const w = { collection, target, ...o, closed: false };
      watches.push(w);
      return {
        close: async () => {
          w.closed = true;
        },
      };
    },
  });
  const cloud = {
    init(opts: unknown) {
      inits.push(opts);
    },
    // Called without success/fail/complete (as the client does), WeChat returns a Promise.
    async callFunction(opts: { name: string; data: unknown }) {
      const r = reply(opts.name, opts.data);
      if (!('result' in r)) throw wxError(r.errCode, r.errMsg);
      return { errMsg: 'cloud.callFunction:ok', result: r.result, requestID: 'req-1' };
    },
    database: () => ({
      collection: (name: string) => ({
        doc: (id: string) => watchable(name, { doc: id }),
        where: (query: unknown) => watchable(name, { where: query }),
      }),
    }),
  };
  // The client reads WeChat's global `wx`, as in a mini-program.
  (globalThis as { wx?: unknown }).wx = { cloud };
  return { inits, watches };
}

afterEach(() => {
  delete (globalThis as { wx?: unknown }).wx;
});

describe('callFunction', () => {
  const client = (reply: (name: string, data: unknown) => Reply) => {
    const wx = fakeWxCloud(reply);
    return { wx, app: createWeappClient('daojia-prod-1') };
  };

  test('resolves the data of {ok: true}, sending {action, data}; initialises wx.cloud once with the env', async () => {
    const seen: unknown[] = [];
    const { wx, app } = client((name, data) => {
      seen.push([name, data]);
      return { result: { ok: true, data: { orders: [] } } };
    });
    expect(await app.call('order', 'list', { tab: 'all' })).toEqual({ orders: [] });
    await app.call('order', 'list');
    expect(seen).toEqual([
      ['order', { action: 'list', data: { tab: 'all' } }],
      ['order', { action: 'list', data: {} }],
    ]);
    expect(wx.inits).toEqual([{ env: 'daojia-prod-1', traceUser: true }]);
  });

  test("a function's {ok: false, code, message} arrives as that CloudCallError", async () => {
    const { app } = client(() => ({ result: { ok: false, code: 'OUT_OF_STOCK', message: '库存不足' } }));
    const err = await app.call('order', 'create').catch((e) => e);
    expect(err).toBeInstanceOf(CloudCallError);
    expect(err).toMatchObject({ code: 'OUT_OF_STOCK', message: '库存不足' });
  });

  test.each([
    [-404011, 'cloud.callFunction:fail errCode: -404011 cloud function execution error | errMsg: Error: boom', 'FUNCTIONS_EXECUTE_FAIL', '服务暂时不可用，请稍后重试'],
    [-504002, 'cloud.callFunction:fail -504002 functions execute fail', 'FUNCTIONS_EXECUTE_FAIL', '服务暂时不可用，请稍后重试'],
    [-502003, 'errCode: -502003 database permission denied | errMsg: Permission denied', 'PERMISSION_DENIED', '没有权限执行该操作'],
    [-604102, 'cloud.callFunction:fail call timeout', 'FUNCTIONS_TIME_LIMIT_EXCEEDED', '服务响应超时，请稍后重试'],
    [-501003, 'cloud.callFunction:fail requests exceed quota', 'QUOTA_EXCEEDED', '访问人数过多，请稍后重试'],
    [-1, 'cloud.callFunction:fail request:fail', 'NETWORK_ERROR', '网络异常，请检查网络后重试'],
    [-1, 'cloud.callFunction:fail something else', 'PLATFORM_ERROR', '服务暂时不可用，请稍后重试'],
  ])('wx.cloud failing with errCode %d (%s) becomes %s', async (errCode, errMsg, code, message) => {
    const { app } = client(() => ({ errCode, errMsg }));
    const err = await app.call('order', 'list').catch((e) => e);
    expect(err).toBeInstanceOf(CloudCallError);
    expect(err).toMatchObject({ code, message });
  });
});

describe('watch', () => {
  test('onChange delivers docs; a refused watch reaches the app once as PERMISSION_DENIED; unsubscribe closes it', () => {
    const wx = fakeWxCloud(() => ({ result: null }));
    const app = createWeappClient();
    const docs: unknown[] = [];
    const errors: Error[] = [];
    const stop = app.watchQuery(
      'orders',
      { _openid: '{openid}' },
      (d) => docs.push(d),
      (e) => errors.push(e),
    );
    const [w] = wx.watches;
    expect(w).toMatchObject({ collection: 'orders', target: { where: { _openid: '{openid}' } } });
    w.onChange({ id: 0, type: 'init', docs: [{ _id: 'o1', status: 'paid' }], docChanges: [] });
    expect(docs).toEqual([[{ _id: 'o1', status: 'paid' }]]);
    // The watch SDK wraps the server's refusal in its own init-watch failure, then may report it again.
    const refused = wxError(-402002, 'errCode: -402002 realtime listener init watch fail | errMsg: errCode: -502003 database permission denied | errMsg: Permission denied');
    w.onError(refused);
    w.onError(refused);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(CloudCallError);
    expect(errors[0]).toMatchObject({ code: 'PERMISSION_DENIED', message: '没有权限执行该操作' });
    stop();
    expect(w.closed).toBe(true);
  });

  test('watchDoc hands over the one document (or null), and a dropped socket is NETWORK_ERROR', () => {
    const wx = fakeWxCloud(() => ({ result: null }));
    const app = createWeappClient();
    const seen: unknown[] = [];
    const errors: Error[] = [];
    app.watchDoc(
      'orders',
      'o1',
      (d) => seen.push(d),
      (e) => errors.push(e),
    );
    const [w] = wx.watches;
    expect(w.target).toEqual({ doc: 'o1' });
    w.onChange({ docs: [{ _id: 'o1' }], docChanges: [] });
    w.onChange({ docs: [], docChanges: [] });
    expect(seen).toEqual([{ _id: 'o1' }, null]);
    w.onError(wxError(-402009, 'errCode: -402009 realtime listener websocket connection closed | errMsg: closed'));
    expect(errors).toEqual([new CloudCallError('NETWORK_ERROR', '网络异常，请检查网络后重试')]);
    expect(errors[0]).toMatchObject({ code: 'NETWORK_ERROR' });
  });

  test('a watch failing for a reason of its own is WATCH_FAILED', () => {
    const wx = fakeWxCloud(() => ({ result: null }));
    const app = createWeappClient();
    const errors: Error[] = [];
    app.watchQuery(
      'orders',
      {},
      () => {},
      (e) => errors.push(e),
    );
    wx.watches[0].onError(wxError(-402010, 'errCode: -402010 realtime listener check last fail | errMsg: out of order'));
    expect(errors[0]).toMatchObject({ code: 'WATCH_FAILED', message: '实时更新已中断，请刷新页面' });
  });
});
