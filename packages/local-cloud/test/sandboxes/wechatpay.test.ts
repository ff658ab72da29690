import { generateKeyPairSync, createPublicKey, createVerify } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createWechatPayClient, parsePaymentConfigFromEnv, type WechatPayClient, type WechatPayError } from '@daojia/integrations';
import { createHttpServer } from '../../src/http/server';
import { createRouter, sendJson, type Router } from '../../src/http/router';
import { mountSandboxes, type SandboxContext } from '../../src/sandboxes';

interface Arrival {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
}

/** A bare HTTP server around the local cloud's router, as startLocalCloud builds it. */
async function startServer(router: Router) {
  const server = createHttpServer(router);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** The local cloud with only the sandboxes, plus merchant notify endpoints that record what arrives. */
async function startCloud(dataDir: string, options: SandboxContext['wechatpay'] = {}) {
  const router = createRouter();
  const { server, url } = await startServer(router);
  const sandboxes = await mountSandboxes({ router, dataDir, cloudUrl: url, log: () => {}, wechatpay: { retryScale: 0.002, refundDelayMs: 20, ...options } });
  const arrivals: Arrival[] = [];
  const waiters: Array<{ pred: (a: Arrival) => boolean; resolve: (a: Arrival) => void }> = [];
  /** How the merchant answers the next notifications: status codes consumed in order, then 204. */
  const script: number[] = [];
  for (const p of ['/http/payNotify', '/http/refundNotify']) {
    router.add('POST', p, (req, res) => {
      const a = { path: req.path, headers: req.headers, rawBody: req.body.toString('utf8') };
      arrivals.push(a);
      for (const w of waiters.filter((x) => x.pred(a))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(a);
      }
      const status = script.shift() ?? 204;
      if (status === 204) {
        res.writeHead(204);
        res.end();
      } else sendJson(res, status, { code: 'FAIL', message: '稍后重试' });
    });
  }
  const waitFor = (pred: (a: Arrival) => boolean) =>
    new Promise<Arrival>((resolve) => {
      const done = arrivals.find(pred);
      if (done) resolve(done);
      else waiters.push({ pred, resolve });
    });
  const client = createWechatPayClient(parsePaymentConfigFromEnv(sandboxes.env));
  const helper = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${url}/sandbox/wechatpay${p}`, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as any };
  };
  return {
    url,
    env: sandboxes.env,
    client,
    arrivals,
    waitFor,
    script,
    helper,
    async close() {
      sandboxes.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

type Cloud = Awaited<ReturnType<typeof startCloud>>;

const expectCode = async (p: Promise<unknown>, code: string, wechatCode?: string) => {
  const e = await p.then(
    () => {
      throw new Error(`expected ${code}`);
    },
    (err: WechatPayError) => err,
  );
  expect(e.code).toBe(code);
  if (wechatCode) expect(e.details.wechatCode).toBe(wechatCode);
};

let seq = 0;
const orderNo = () => `DJT${process.pid}${String(++seq).padStart(6, '0')}`;
const prepay = (client: WechatPayClient, outTradeNo: string, amountFen = 1999) =>
  client.createJsapiPrepay({ description: '到家-测试商品', outTradeNo, amountFen, payerOpenid: 'oTestOpenid0001', attach: 'store=1' });

describe('WeChat Pay sandbox, driven by the production adapter over HTTP', () => {
  let dataDir: string;
  let cloud: Cloud;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daojia-wxpay-'));
    cloud = await startCloud(dataDir);
  });
  afterAll(async () => {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('env points the adapter at the sandbox and the notify functions', () => {
    expect(cloud.env.WECHATPAY_API_BASE).toBe(`${cloud.url}/sandbox/wechatpay`);
    expect(cloud.env.WECHATPAY_NOTIFY_URL).toBe(`${cloud.url}/http/payNotify`);
    expect(cloud.env.WECHATPAY_REFUND_NOTIFY_URL).toBe(`${cloud.url}/http/refundNotify`);
    expect(cloud.env.WECHATPAY_PLATFORM_KEY_ID).toMatch(/^PUB_KEY_ID_\d+$/);
    expect(fs.existsSync(path.join(dataDir, 'sandbox', 'wechatpay.json'))).toBe(true);
  });

  test('prepay → pay → a signed, encrypted TRANSACTION.SUCCESS arrives and the adapter verifies it; query agrees', async () => {
    const no = orderNo();
    const { prepayId } = await prepay(cloud.client, no);
    const params = cloud.client.requestPaymentParams(prepayId);
    const paySignOk = createVerify('RSA-SHA256')
      .update(`${params.appId}\n${params.timeStamp}\n${params.nonceStr}\n${params.package}\n`)
      .verify(createPublicKey(parsePaymentConfigFromEnv(cloud.env).merchantPrivateKey), params.paySign, 'base64');
    expect(paySignOk).toBe(true);
    expect((await cloud.client.queryByOutTradeNo(no)).trade_state).toBe('NOTPAY');

    const paid = await cloud.helper('POST', '/pay', { prepayId });
    expect(paid.status).toBe(200);
    expect(paid.body.notification.state).toBe('delivered');
    const arrival = await cloud.waitFor((a) => a.rawBody.includes(paid.body.notification.id));
    expect(arrival.path).toBe('/http/payNotify');
    const { notification, transaction } = cloud.client.readTransactionNotification(arrival);
    expect(notification.event_type).toBe('TRANSACTION.SUCCESS');
    expect(transaction).toMatchObject({
      out_trade_no: no,
      trade_state: 'SUCCESS',
      appid: cloud.env.WECHATPAY_APPID,
      mchid: cloud.env.WECHATPAY_MCHID,
      amount: { total: 1999 },
      payer: { openid: 'oTestOpenid0001' },
      attach: 'store=1',
    });
    const queried = await cloud.client.queryByOutTradeNo(no);
    expect(queried.trade_state).toBe('SUCCESS');
    expect(queried.transaction_id).toBe(transaction.transaction_id);
    expect(queried.success_time).toMatch(/\+08:00$/);
  });

  test('prepay is idempotent for the same order, and refuses a reused number or a second payment', async () => {
    const no = orderNo();
    const first = await prepay(cloud.client, no);
    expect(await prepay(cloud.client, no)).toEqual(first);
    await expectCode(prepay(cloud.client, no, 2000), 'WECHATPAY_HTTP_403', 'OUT_TRADE_NO_USED');
    expect((await cloud.helper('POST', '/pay', { prepayId: first.prepayId })).status).toBe(200);
    const again = await cloud.helper('POST', '/pay', { prepayId: first.prepayId });
    expect(again).toMatchObject({ status: 409, body: { code: 'ORDERPAID' } });
    await expectCode(prepay(cloud.client, no), 'WECHATPAY_HTTP_403', 'ORDERPAID');
    await expectCode(cloud.client.queryByOutTradeNo('DJNOSUCHORDER1'), 'WECHATPAY_HTTP_404', 'ORDER_NOT_EXIST');
  });

  test('close: an unpaid order closes (204) and can no longer be paid; a paid one cannot be closed', async () => {
    const no = orderNo();
    const { prepayId } = await prepay(cloud.client, no);
    await cloud.client.closeOrder(no);
    expect((await cloud.client.queryByOutTradeNo(no)).trade_state).toBe('CLOSED');
    expect(await cloud.helper('POST', '/pay', { prepayId })).toMatchObject({ status: 400, body: { code: 'ORDER_CLOSED' } });
    const paidNo = orderNo();
    await cloud.helper('POST', '/pay', { prepayId: (await prepay(cloud.client, paidNo)).prepayId });
    await expectCode(cloud.client.closeOrder(paidNo), 'WECHATPAY_HTTP_400', 'ORDERPAID');
  });

  test('refund: PROCESSING, then REFUND.SUCCESS arrives signed; query and over-refund behave like WeChat', async () => {
    const no = orderNo();
    await cloud.helper('POST', '/pay', { prepayId: (await prepay(cloud.client, no)).prepayId });
    const outRefundNo = `R-${no}-1`;
    const created = await cloud.client.refund({ outTradeNo: no, outRefundNo, reason: '商品缺货', refundFen: 500, totalFen: 1999 });
    expect(created).toMatchObject({ status: 'PROCESSING', out_refund_no: outRefundNo, amount: { refund: 500, total: 1999 } });
    const arrival = await cloud.waitFor((a) => a.path === '/http/refundNotify' && cloud.client.readRefundNotification(a).refund.out_refund_no === outRefundNo);
    const { notification, refund } = cloud.client.readRefundNotification(arrival);
    expect(notification.event_type).toBe('REFUND.SUCCESS');
    expect(refund).toMatchObject({ refund_status: 'SUCCESS', out_trade_no: no, refund_id: created.refund_id, amount: { refund: 500, total: 1999 } });
    expect((await cloud.client.queryRefund(outRefundNo)).status).toBe('SUCCESS');
    expect((await cloud.client.queryByOutTradeNo(no)).trade_state).toBe('REFUND');
    // A retried request with the same out_refund_no returns the same refund instead of refunding twice.
    expect((await cloud.client.refund({ outTradeNo: no, outRefundNo, reason: '商品缺货', refundFen: 500, totalFen: 1999 })).refund_id).toBe(created.refund_id);
    await expectCode(cloud.client.refund({ outTradeNo: no, outRefundNo: `R-${no}-2`, refundFen: 1500, totalFen: 1999 }), 'WECHATPAY_HTTP_400', 'INVALID_REQUEST');
    await expectCode(cloud.client.queryRefund('R-NOSUCH'), 'WECHATPAY_HTTP_404', 'RESOURCE_NOT_EXISTS');
  });

  test('a queued refund outcome makes the next refund end ABNORMAL with a REFUND.ABNORMAL notification', async () => {
    const no = orderNo();
    await cloud.helper('POST', '/pay', { prepayId: (await prepay(cloud.client, no)).prepayId });
    expect(await cloud.helper('POST', '/refund-outcome', { status: 'ABNORMAL' })).toMatchObject({ status: 200, body: { queued: ['ABNORMAL'] } });
    const outRefundNo = `R-${no}-1`;
    await cloud.client.refund({ outTradeNo: no, outRefundNo, refundFen: 1999, totalFen: 1999 });
    const arrival = await cloud.waitFor((a) => a.path === '/http/refundNotify' && cloud.client.readRefundNotification(a).refund.out_refund_no === outRefundNo);
    const { notification, refund } = cloud.client.readRefundNotification(arrival);
    expect(notification.event_type).toBe('REFUND.ABNORMAL');
    expect(refund.refund_status).toBe('ABNORMAL');
    expect((await cloud.client.queryRefund(outRefundNo)).status).toBe('ABNORMAL');
    expect((await cloud.client.queryByOutTradeNo(no)).trade_state).toBe('SUCCESS');
  });

  test('a notification the merchant rejects is resent on the (scaled) schedule until acknowledged', async () => {
    const no = orderNo();
    const { prepayId } = await prepay(cloud.client, no);
    cloud.script.push(500, 503);
    const paid = await cloud.helper('POST', '/pay', { prepayId });
    expect(paid.body.notification).toMatchObject({ state: 'pending', firstAttempt: { status: 500 } });
    const id: string = paid.body.notification.id;
    await new Promise<void>((resolve) => {
      const poll = async () => {
        const { body } = await cloud.helper('GET', `/outbox?ref=${no}`);
        if (body.notifications[0].state === 'delivered') resolve();
        else setTimeout(poll, 20);
      };
      void poll();
    });
    const { body } = await cloud.helper('GET', `/outbox?ref=${no}`);
    expect(body.notifications[0].attempts.map((a: { status: number }) => a.status)).toEqual([500, 503, 204]);
    const copies = cloud.arrivals.filter((a) => a.rawBody.includes(id));
    expect(copies).toHaveLength(3);
    for (const c of copies) expect(cloud.client.readTransactionNotification(c).transaction.out_trade_no).toBe(no);
  });

  test('a lost notification (deliver:false) is not sent, the query still shows the payment, and redeliver sends it 15×', async () => {
    const no = orderNo();
    const { prepayId } = await prepay(cloud.client, no);
    const paid = await cloud.helper('POST', '/pay', { prepayId, deliver: false });
    const id: string = paid.body.notification.id;
    expect(paid.body.notification.state).toBe('withheld');
    expect(cloud.arrivals.some((a) => a.rawBody.includes(id))).toBe(false);
    expect((await cloud.client.queryByOutTradeNo(no)).trade_state).toBe('SUCCESS');

    for (let i = 0; i < 15; i++) {
      const r = await cloud.helper('POST', '/redeliver', { id });
      expect(r.body.attempt.status).toBe(204);
    }
    const copies = cloud.arrivals.filter((a) => a.rawBody.includes(id));
    expect(copies).toHaveLength(15);
    expect(new Set(copies.map((c) => c.rawBody)).size).toBe(1); // same notification, same body
    expect(new Set(copies.map((c) => c.headers['wechatpay-nonce'])).size).toBe(15); // freshly signed each time
    for (const c of copies) expect(cloud.client.readTransactionNotification(c).notification.id).toBe(id);
    const { body } = await cloud.helper('GET', `/outbox?ref=${no}`);
    expect(body.notifications[0]).toMatchObject({ id, state: 'delivered' });
    expect(body.notifications[0].attempts).toHaveLength(15);
    expect(await cloud.helper('POST', '/redeliver', { id: 'nope' })).toMatchObject({ status: 404 });
  });

  test('requests signed with the wrong merchant key are refused; answers are checked against the platform key', async () => {
    const config = parsePaymentConfigFromEnv(cloud.env);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const wrongKey = createWechatPayClient({ ...config, merchantPrivateKey: stranger.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() });
    await expectCode(prepay(wrongKey, orderNo()), 'WECHATPAY_HTTP_401', 'SIGN_ERROR');
    const wrongPlatform = createWechatPayClient({ ...config, platformPublicKeys: { [config.merchantSerial]: stranger.publicKey.export({ type: 'spki', format: 'pem' }).toString() } });
    await expectCode(prepay(wrongPlatform, orderNo()), 'WECHATPAY_SERIAL_UNKNOWN');
    const bad = await cloud.helper('POST', '/pay', { deliver: 'yes' });
    expect(bad).toMatchObject({ status: 400, body: { code: 'PARAM_ERROR' } });
  });
});

test('keys and state persist across a restart on the same data dir', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'daojia-wxpay-'));
  const first = await startCloud(dataDir);
  const no = orderNo();
  await first.helper('POST', '/pay', { prepayId: (await prepay(first.client, no)).prepayId, deliver: false });
  const env = first.env;
  await first.close();
  const second = await startCloud(dataDir);
  try {
    expect(second.env.WECHATPAY_PLATFORM_PUBLIC_KEY).toBe(env.WECHATPAY_PLATFORM_PUBLIC_KEY);
    expect(second.env.WECHATPAY_APIV3_KEY).toBe(env.WECHATPAY_APIV3_KEY);
    expect((await second.client.queryByOutTradeNo(no)).trade_state).toBe('SUCCESS');
  } finally {
    await second.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
