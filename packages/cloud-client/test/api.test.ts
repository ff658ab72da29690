import { API } from '@daojia/domain';
import { createApi, CloudCallError, errorMessage, isSignInError } from '../src';
import { createWeappClient } from '../src/weapp';

/** A recording `call`: what the typed client sends, and a canned reply. */
function recorder(reply: unknown = { ok: true }) {
  const calls: unknown[][] = [];
  return {
    calls,
    call: async (...args: unknown[]) => {
      calls.push(args);
      return reply;
    },
  };
}

describe('createApi', () => {
  test('has every function and action of the map, and nothing else but withStore', () => {
    const api = createApi(recorder().call);
    const { withStore, ...functions } = api;
    expect(typeof withStore).toBe('function');
    expect(Object.keys(functions).sort()).toEqual(Object.keys(API).sort());
    for (const [fn, actions] of Object.entries(API)) expect(Object.keys(api[fn as keyof typeof API]).sort()).toEqual(Object.keys(actions).sort());
  });

  test('api.<fn>.<action>(input) is call(fn, action, input); a left-out input is {}', async () => {
    const r = recorder({ orders: [] });
    const api = createApi(r.call);
    expect(await api.order.list()).toEqual({ orders: [] });
    await api.order.create({ idempotencyKey: 'ck-12345678', storeId: 's1', mode: 'pickup', items: [{ productId: 'p1', quantity: 1 }] });
    await api.merchantOrder.reject({ orderId: 'o1', reason: '已打烊' });
    expect(r.calls).toEqual([
      ['order', 'list', {}, undefined],
      ['order', 'create', { idempotencyKey: 'ck-12345678', storeId: 's1', mode: 'pickup', items: [{ productId: 'p1', quantity: 1 }] }, undefined],
      ['merchantOrder', 'reject', { orderId: 'o1', reason: '已打烊' }, undefined],
    ]);
  });

  test("withStore(storeId) sends the store on every call, through wx.cloud as the envelope's storeId", async () => {
    const sent: unknown[] = [];
    (globalThis as { wx?: unknown }).wx = {
      cloud: {
        init() {},
        async callFunction(o: { name: string; data: unknown }) {
          sent.push([o.name, o.data]);
          return { result: { ok: true, data: { orders: [], storeId: 's2', allowed: [] } } };
        },
      },
    };
    try {
      const api = createApi(createWeappClient());
      await api.merchantOrder.list({ tab: 'new' });
      const store2 = api.withStore('s2');
      expect((await store2.merchantOrder.list({ tab: 'new' })).storeId).toBe('s2');
      await store2.withStore('s3').merchantOrder.accept({ orderId: 'o1' });
      expect(sent).toEqual([
        ['merchantOrder', { action: 'list', data: { tab: 'new' } }],
        ['merchantOrder', { action: 'list', data: { tab: 'new' }, storeId: 's2' }],
        ['merchantOrder', { action: 'accept', data: { orderId: 'o1' }, storeId: 's3' }],
      ]);
    } finally {
      delete (globalThis as { wx?: unknown }).wx;
    }
  });

  test('types follow the schemas (checked by tsc)', () => {
    const api = createApi(recorder().call);
    const typed = async () => {
      // @ts-expect-error: order.create needs its input
      await api.order.create();
      // @ts-expect-error: an unknown action is not callable
      await api.order.teleport();
      // @ts-expect-error: prices are never sent by a client
      await api.order.quote({ storeId: 's', mode: 'pickup', items: [{ productId: 'p', quantity: 1 }], totalFen: 1 });
      const { stores } = await api.store.nearby({ lng: 121.47, lat: 31.23 });
      const d: number | undefined = stores[0]?.distanceM;
      return d;
    };
    expect(typeof typed).toBe('function');
  });
});

test('errorMessage and isSignInError read a CloudCallError', () => {
  expect(errorMessage(new CloudCallError('OUT_OF_STOCK', '库存不足'))).toBe('库存不足');
  expect(errorMessage(new Error('boom'))).toBe('网络异常，请稍后重试');
  expect(isSignInError(new CloudCallError('ACCESS_TOKEN_EXPIRED', '登录已过期'))).toBe(true);
  expect(isSignInError(new CloudCallError('FORBIDDEN', '无权'))).toBe(false);
});
