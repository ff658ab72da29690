import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDadaClient, dadaCallbackSignature, parseDadaConfigFromEnv, type DadaClient, type DadaError, type DeliveryOrderInput } from '@daojia/integrations';
import { createHttpServer } from '../../src/http/server';
import { createRouter, type Router } from '../../src/http/router';
import { mountSandboxes } from '../../src/sandboxes';

let dataDir: string;
let url: string;
let env: Record<string, string>;
let dada: DadaClient;
let close: () => Promise<void>;
/** Raw callbacks as the merchant's HTTP function would receive them. */
const arrived: string[] = [];
let replyStatus = 200;

function callbackEndpoint(router: Router) {
  router.add('POST', '/http/deliveryNotify', (req, res) => {
    arrived.push(req.body.toString('utf8'));
    res.writeHead(replyStatus).end();
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daojia-dada-'));
  const router = createRouter();
  const server = createHttpServer(router);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const sandboxes = await mountSandboxes({ router, dataDir, cloudUrl: url, log: () => {} });
  callbackEndpoint(router);
  env = sandboxes.env;
  dada = createDadaClient(parseDadaConfigFromEnv(env));
  close = async () => {
    sandboxes.close();
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  };
});
afterAll(async () => {
  await close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let seq = 0;
const order = (over: Partial<DeliveryOrderInput> = {}): DeliveryOrderInput => ({
  originId: `DJD${process.pid}${++seq}`,
  cityCode: '021',
  cargoPriceFen: 4590,
  cargoWeightKg: 1.5,
  receiver: { name: '张小明', address: '上海市静安区南京西路 1266 号', phone: '13800138000', lat: 31.2304, lng: 121.4737 },
  ...over,
});
const rejects = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: DadaError) => e,
  );
const outbox = async () => (await (await fetch(`${url}/sandbox/delivery/outbox`)).json()) as { orders: any[]; requests: any[]; callbacks: any[] };
const advance = (originId: string, to: string) => fetch(`${url}/sandbox/delivery/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ originId, to }) });

test('env points the adapter at the sandbox and callbacks at an HTTP function', () => {
  expect(env.DADA_API_BASE).toBe(`${url}/sandbox/delivery`);
  expect(env.DADA_CALLBACK_URL).toBe(`${url}/http/deliveryNotify`);
});

test('quote, place, and follow a rider to delivery: each callback verifies and is re-checked by status query', async () => {
  const input = order();
  const quote = await dada.queryDeliverFee(input);
  expect(quote).toMatchObject({ feeFen: 600, deliverFeeFen: 600, deliveryNo: expect.any(String) });
  expect(await dada.addOrder(input)).toEqual({ distanceM: 0, feeFen: 600, deliverFeeFen: 600 });
  expect(await dada.queryStatus(input.originId)).toMatchObject({ originId: input.originId, statusCode: 1, statusMsg: '待接单' });

  const seen: Array<[number, number, string | undefined]> = [];
  for (const to of ['accept', 'fetch', 'finish']) {
    arrived.length = 0;
    expect((await advance(input.originId, to)).status).toBe(200);
    expect(arrived).toHaveLength(1);
    const { callback, status } = await dada.readCallback({ rawBody: arrived[0] });
    seen.push([callback.order_status, status.statusCode, status.rider?.name]);
  }
  expect(seen).toEqual([
    [2, 2, '达达测试骑手'],
    [3, 3, '达达测试骑手'],
    [4, 4, '达达测试骑手'],
  ]);

  const box = await outbox();
  expect(box.orders.find((o) => o.origin_id === input.originId)).toMatchObject({ status: 4, statusMsg: '已完成', cargo_price: 45.9 });
  expect(box.callbacks.filter((c) => c.orderId === input.originId).map((c) => [c.body.order_status, c.ok])).toEqual([
    [2, true],
    [3, true],
    [4, true],
  ]);
  expect(box.requests.filter((r) => r.body?.origin_id === input.originId || r.body?.order_id === input.originId).map((r) => r.path)).toEqual([
    '/api/order/queryDeliverFee',
    '/api/order/addOrder',
    '/api/order/status/query',
    '/api/order/status/query',
    '/api/order/status/query',
    '/api/order/status/query',
  ]);
});

test('a forged callback fails its signature; a well-formed one about another state is answered with the real status', async () => {
  const input = order();
  await dada.addOrder(input);
  const base = { client_id: '', order_id: input.originId, update_time: Math.floor(Date.now() / 1000) };
  const forged = { ...base, order_status: 4, cancel_reason: '', cancel_from: 0, signature: 'A'.repeat(32) };
  expect((await rejects(dada.readCallback({ rawBody: JSON.stringify(forged) }))).code).toBe('DADA_CALLBACK_SIGNATURE_INVALID');
  // Anyone can compute the secretless signature: the status query is what keeps a fake "delivered" out.
  const wellSigned = { ...forged, signature: dadaCallbackSignature(base) };
  const { callback, status } = await dada.readCallback({ rawBody: JSON.stringify(wellSigned) });
  expect([callback.order_status, status.statusCode]).toEqual([4, 1]);
  expect((await rejects(dada.readCallback({ rawBody: '{"order_id":1}' }))).code).toBe('DADA_CALLBACK_INVALID');
});

test('formalCancel before pickup: free while waiting, a fee once a rider accepted; refused after pickup', async () => {
  const waiting = order();
  await dada.addOrder(waiting);
  arrived.length = 0;
  expect(await dada.formalCancel({ originId: waiting.originId, reasonId: 36 })).toEqual({ deductFeeFen: 0 });
  expect(JSON.parse(arrived[0])).toMatchObject({ order_id: waiting.originId, order_status: 5, cancel_from: 2 });

  const accepted = order();
  await dada.addOrder(accepted);
  await advance(accepted.originId, 'accept');
  expect(await dada.formalCancel({ originId: accepted.originId, reasonId: 4 })).toEqual({ deductFeeFen: 200 });

  const pickedUp = order();
  await dada.addOrder(pickedUp);
  await advance(pickedUp.originId, 'accept');
  await advance(pickedUp.originId, 'fetch');
  const e = await rejects(dada.formalCancel({ originId: pickedUp.originId, reasonId: 4 }));
  expect(e.code).toBe('DADA_API_ERROR');
  expect(e.message).toContain('配送中');
  expect((await dada.queryStatus(pickedUp.originId)).statusCode).toBe(3);
});

test('a wrong app secret or source id is refused and nothing is placed; a repeated order id is refused while active', async () => {
  const input = order();
  const badSecret = await rejects(createDadaClient(parseDadaConfigFromEnv({ ...env, DADA_APP_SECRET: 'wrong' })).addOrder(input));
  expect([badSecret.code, badSecret.details.dadaMessage]).toEqual(['DADA_API_ERROR', '签名错误']);
  const badSource = await rejects(createDadaClient(parseDadaConfigFromEnv({ ...env, DADA_SOURCE_ID: '1' })).addOrder(input));
  expect(badSource.details.dadaMessage).toBe('source_id 与商户不匹配');
  expect((await rejects(dada.queryStatus(input.originId))).details.dadaMessage).toContain('订单不存在');

  await dada.addOrder(input);
  expect((await rejects(dada.addOrder(input))).details.dadaMessage).toContain('订单已存在');
  expect((await rejects(dada.addOrder({ ...order(), cargoPriceFen: 0 }))).code).toBe('DADA_INVALID_INPUT');
});

test('a callback the merchant refuses is recorded as failed; a step the order is not ready for is refused', async () => {
  const input = order();
  await dada.addOrder(input);
  replyStatus = 500;
  try {
    expect((await advance(input.originId, 'accept')).status).toBe(200);
  } finally {
    replyStatus = 200;
  }
  const cb = (await outbox()).callbacks.filter((c) => c.orderId === input.originId);
  expect(cb.map((c) => [c.ok, c.httpStatus])).toEqual([[false, 500]]);
  const again = await advance(input.originId, 'accept');
  expect(again.status).toBe(400);
  expect(((await again.json()) as { message: string }).message).toContain('不能接单');
});
