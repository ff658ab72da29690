import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
// The independent reference: wechatpay-axios-plugin's own RSA, AES-GCM and message formatting.
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import { createWechatPayClient, encryptResource, parsePaymentConfigFromEnv, signResponse, notificationReply, type WechatPayConfigInput, type WechatPayError } from '../../src';

const pem = (k: KeyObject) => k.export({ type: k.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }).toString();
const keyPair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });

const merchant = keyPair();
const platform = keyPair();
const intruder = keyPair();
const certPem = readFileSync(path.join(__dirname, '../fixtures/test-platform-cert.pem'), 'utf8');
const certKeyPem = readFileSync(path.join(__dirname, '../fixtures/test-platform-cert.key.pem'), 'utf8');
const CERT_SERIAL = '51C926723EA47486FAB667C502868A14192AC9BB';
const PUB_KEY_ID = 'PUB_KEY_ID_0114232134912410000000000001';
const APIV3_KEY = randomBytes(16).toString('hex'); // 32 ASCII bytes
const NOW = new Date('2026-03-01T04:00:00Z');
const nowTs = String(Math.floor(NOW.getTime() / 1000));

const config: WechatPayConfigInput = {
  mchid: '1900000109',
  appid: 'wx1234567890abcdef',
  merchantPrivateKey: pem(merchant.privateKey),
  merchantSerial: '3775B6A45ACD588826D15E583A95F5DD00000001',
  apiV3Key: APIV3_KEY,
  platformPublicKeys: { [PUB_KEY_ID]: pem(platform.publicKey), [CERT_SERIAL]: certPem },
  apiBase: 'https://api.example.test',
  notifyUrl: 'https://example.test/http/payNotify',
  refundNotifyUrl: 'https://example.test/http/refundNotify',
};

interface Seen {
  method: string;
  uri: string;
  body: string;
  authorization: string;
}

/** A fake WeChat Pay built only from the reference library: checks our signature, signs its answer. */
function fakeWechatPay(reply: (seen: Seen) => { status: number; body: string; sign?: 'platform' | 'intruder' | 'none'; serial?: string; ts?: string }) {
  const seen: Seen[] = [];
  const fetchImpl = (async (input: URL | string, init?: RequestInit) => {
    const url = new URL(String(input));
    const authorization = String((init?.headers as Record<string, string>).Authorization);
    const s: Seen = { method: init?.method ?? 'GET', uri: url.pathname + url.search, body: String(init?.body ?? ''), authorization };
    seen.push(s);
    const fields = Object.fromEntries([...authorization.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const ok =
      authorization.startsWith('WECHATPAY2-SHA256-RSA2048 ') &&
      fields.mchid === config.mchid &&
      fields.serial_no === config.merchantSerial &&
      Rsa.verify(Formatter.request(s.method, s.uri, fields.timestamp, fields.nonce_str, s.body), fields.signature, merchant.publicKey);
    const r = ok ? reply(s) : { status: 401, body: JSON.stringify({ code: 'SIGN_ERROR', message: 'bad signature' }), sign: 'none' as const };
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if ((r.sign ?? 'platform') !== 'none') {
      const ts = r.ts ?? nowTs;
      const nonce = Formatter.nonce();
      headers['Wechatpay-Timestamp'] = ts;
      headers['Wechatpay-Nonce'] = nonce;
      headers['Wechatpay-Serial'] = r.serial ?? PUB_KEY_ID;
      headers['Wechatpay-Signature'] = Rsa.sign(Formatter.response(ts, nonce, r.body), r.sign === 'intruder' ? intruder.privateKey : platform.privateKey);
    }
    return new Response(r.status === 204 ? null : r.body, { status: r.status, headers });
  }) as typeof fetch;
  return { seen, fetchImpl };
}

const expectCode = async (p: Promise<unknown> | (() => unknown), code: string) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect((e as WechatPayError).code).toBe(code);
    return e as WechatPayError;
  }
  throw new Error(`expected ${code}, nothing was thrown`);
};

describe('WeChat Pay v3 requests, checked by an independent implementation', () => {
  test('JSAPI prepay: Authorization verifies with the reference library and the body carries the order', async () => {
    const fake = fakeWechatPay(() => ({ status: 200, body: JSON.stringify({ prepay_id: 'wx201410272009395522657a690389285100' }) }));
    const client = createWechatPayClient(config, { fetch: fake.fetchImpl, now: () => NOW });
    const { prepayId } = await client.createJsapiPrepay({
      description: '到家-鲜花一束',
      outTradeNo: 'DJ20260301000001',
      amountFen: 1999,
      payerOpenid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      timeExpire: new Date('2026-03-01T04:15:00Z'),
      attach: 'store=1',
    });
    expect(prepayId).toBe('wx201410272009395522657a690389285100');
    expect(fake.seen[0].method).toBe('POST');
    expect(fake.seen[0].uri).toBe('/v3/pay/transactions/jsapi');
    expect(JSON.parse(fake.seen[0].body)).toEqual({
      appid: config.appid,
      mchid: config.mchid,
      description: '到家-鲜花一束',
      out_trade_no: 'DJ20260301000001',
      time_expire: '2026-03-01T12:15:00+08:00',
      attach: 'store=1',
      notify_url: config.notifyUrl,
      amount: { total: 1999, currency: 'CNY' },
      payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    });
  });

  test('GET query signs an empty body (message ends \\n\\n) including the query string', async () => {
    const txn = {
      appid: config.appid,
      mchid: config.mchid,
      out_trade_no: 'DJ20260301000001',
      transaction_id: '4200000000202603010000000001',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      success_time: '2026-03-01T12:01:00+08:00',
      payer: { openid: 'o1' },
      amount: { total: 1999, payer_total: 1999, currency: 'CNY', payer_currency: 'CNY' },
    };
    const fake = fakeWechatPay(() => ({ status: 200, body: JSON.stringify(txn) }));
    const client = createWechatPayClient(config, { fetch: fake.fetchImpl, now: () => NOW });
    const got = await client.queryByOutTradeNo('DJ20260301000001');
    expect(fake.seen[0]).toMatchObject({ method: 'GET', uri: `/v3/pay/transactions/out-trade-no/DJ20260301000001?mchid=${config.mchid}`, body: '' });
    expect(got.trade_state).toBe('SUCCESS');
    expect(got.amount.total).toBe(1999);
    expect(got.payer?.openid).toBe('o1');
  });

  test('close answers 204 (signed empty body); refund posts the amounts and parses the status', async () => {
    const fake = fakeWechatPay((s) =>
      s.uri.endsWith('/close')
        ? { status: 204, body: '' }
        : {
            status: 200,
            body: JSON.stringify({
              refund_id: '50000000382019052709732678859',
              out_refund_no: 'R-DJ1-1',
              out_trade_no: 'DJ20260301000001',
              status: 'PROCESSING',
              amount: { total: 1999, refund: 500, currency: 'CNY' },
            }),
          },
    );
    const client = createWechatPayClient(config, { fetch: fake.fetchImpl, now: () => NOW });
    await client.closeOrder('DJ20260301000002');
    expect(JSON.parse(fake.seen[0].body)).toEqual({ mchid: config.mchid });
    const r = await client.refund({ outTradeNo: 'DJ20260301000001', outRefundNo: 'R-DJ1-1', reason: '商品缺货', refundFen: 500, totalFen: 1999 });
    expect(r.status).toBe('PROCESSING');
    expect(JSON.parse(fake.seen[1].body)).toEqual({
      out_trade_no: 'DJ20260301000001',
      out_refund_no: 'R-DJ1-1',
      reason: '商品缺货',
      notify_url: config.refundNotifyUrl,
      amount: { refund: 500, total: 1999, currency: 'CNY' },
    });
  });

  test('a response signed with a platform certificate serial is accepted too (migration period)', async () => {
    const certKey = certKeyPem;
    const fetchImpl = (async () => {
      const body = JSON.stringify({ prepay_id: 'wx_cert_mode' });
      const nonce = Formatter.nonce();
      return new Response(body, {
        status: 200,
        headers: {
          'Wechatpay-Timestamp': nowTs,
          'Wechatpay-Nonce': nonce,
          'Wechatpay-Serial': CERT_SERIAL,
          'Wechatpay-Signature': Rsa.sign(Formatter.response(nowTs, nonce, body), certKey),
        },
      });
    }) as typeof fetch;
    const client = createWechatPayClient(config, { fetch: fetchImpl, now: () => NOW });
    await expect(client.createJsapiPrepay({ description: 'x', outTradeNo: 'DJ000001', amountFen: 1, payerOpenid: 'o' })).resolves.toEqual({ prepayId: 'wx_cert_mode' });
  });

  test('responses that are forged, unsigned, from an unknown serial or stale are refused; errors keep WeChat codes', async () => {
    const body = JSON.stringify({ prepay_id: 'wx_forged' });
    const input = { description: 'x', outTradeNo: 'DJ000001', amountFen: 1, payerOpenid: 'o' };
    const make = (r: Parameters<typeof fakeWechatPay>[0]) => createWechatPayClient(config, { fetch: fakeWechatPay(r).fetchImpl, now: () => NOW });
    await expectCode(make(() => ({ status: 200, body, sign: 'intruder' })).createJsapiPrepay(input), 'WECHATPAY_SIGNATURE_INVALID');
    await expectCode(make(() => ({ status: 200, body, sign: 'none' })).createJsapiPrepay(input), 'WECHATPAY_HEADERS_MISSING');
    await expectCode(make(() => ({ status: 200, body, serial: 'PUB_KEY_ID_UNKNOWN' })).createJsapiPrepay(input), 'WECHATPAY_SERIAL_UNKNOWN');
    await expectCode(make(() => ({ status: 200, body, ts: String(Number(nowTs) - 301) })).createJsapiPrepay(input), 'WECHATPAY_TIMESTAMP_SKEW');
    const e = await expectCode(make(() => ({ status: 403, body: JSON.stringify({ code: 'ORDERPAID', message: '订单已支付' }) })).createJsapiPrepay(input), 'WECHATPAY_HTTP_403');
    expect(e.details).toMatchObject({ status: 403, wechatCode: 'ORDERPAID' });
  });

  test('invalid input is refused before any request is made', async () => {
    const fake = fakeWechatPay(() => ({ status: 200, body: '{}' }));
    const client = createWechatPayClient(config, { fetch: fake.fetchImpl, now: () => NOW });
    await expectCode(client.createJsapiPrepay({ description: 'x', outTradeNo: 'DJ000001', amountFen: 0, payerOpenid: 'o' }), 'WECHATPAY_INVALID_INPUT');
    await expectCode(client.createJsapiPrepay({ description: 'x', outTradeNo: 'bad no!', amountFen: 1, payerOpenid: 'o' }), 'WECHATPAY_INVALID_INPUT');
    await expectCode(client.refund({ outTradeNo: 'DJ000001', outRefundNo: 'R1', refundFen: 2, totalFen: 1 }), 'WECHATPAY_INVALID_INPUT');
    expect(fake.seen).toHaveLength(0);
  });

  test('requestPaymentParams: paySign verifies with the reference library over appId\\ntimeStamp\\nnonceStr\\npackage\\n', () => {
    const client = createWechatPayClient(config, { now: () => NOW });
    const p = client.requestPaymentParams('wx201410272009395522657a690389285100');
    expect(p).toMatchObject({ appId: config.appid, timeStamp: nowTs, package: 'prepay_id=wx201410272009395522657a690389285100', signType: 'RSA' });
    expect(Rsa.verify(Formatter.joinedByLineFeed(p.appId, p.timeStamp, p.nonceStr, p.package), p.paySign, merchant.publicKey)).toBe(true);
    expect(Rsa.verify(Formatter.joinedByLineFeed(p.appId, p.timeStamp, p.nonceStr, 'prepay_id=other'), p.paySign, merchant.publicKey)).toBe(false);
  });
});

describe('WeChat Pay v3 notifications', () => {
  const client = createWechatPayClient(config, { now: () => NOW });
  const transaction = {
    appid: config.appid,
    mchid: config.mchid,
    out_trade_no: 'DJ20260301000001',
    transaction_id: '4200000000202603010000000001',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'OTHERS',
    attach: '',
    success_time: '2026-03-01T12:01:00+08:00',
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: 1999, payer_total: 1999, currency: 'CNY', payer_currency: 'CNY' },
  };

  /** A notification built entirely with the reference library, as WeChat Pay would send it. */
  function referenceNotification(opts: { plaintext?: string; key?: string; ts?: string; serial?: string; signer?: KeyObject | string; aad?: string; eventType?: string } = {}) {
    const nonce = Formatter.nonce(12);
    const aad = opts.aad ?? 'transaction';
    const rawBody = JSON.stringify({
      id: 'EV-2018022511223320873',
      create_time: '2026-03-01T12:01:05+08:00',
      resource_type: 'encrypt-resource',
      event_type: opts.eventType ?? 'TRANSACTION.SUCCESS',
      summary: '支付成功',
      resource: {
        original_type: 'transaction',
        algorithm: 'AEAD_AES_256_GCM',
        associated_data: aad,
        nonce,
        ciphertext: Aes.AesGcm.encrypt(opts.plaintext ?? JSON.stringify(transaction), opts.key ?? APIV3_KEY, nonce, aad),
      },
    });
    const ts = opts.ts ?? nowTs;
    const headerNonce = Formatter.nonce();
    const headers = {
      'wechatpay-timestamp': ts,
      'wechatpay-nonce': headerNonce,
      'wechatpay-serial': opts.serial ?? PUB_KEY_ID,
      'wechatpay-signature': Rsa.sign(Formatter.response(ts, headerNonce, rawBody), opts.signer ?? platform.privateKey),
    };
    return { rawBody, headers };
  }

  test('a reference-built notification verifies, decrypts and parses', () => {
    const { transaction: t, notification } = client.readTransactionNotification(referenceNotification());
    expect(notification.event_type).toBe('TRANSACTION.SUCCESS');
    expect(t).toEqual(transaction);
  });

  test('our encryptResource decrypts with the reference AES-GCM, and our signResponse verifies with its RSA', () => {
    const res = encryptResource('{"hello":"世界"}', APIV3_KEY, 'refund');
    expect(Aes.AesGcm.decrypt(res.ciphertext, APIV3_KEY, res.nonce, 'refund')).toBe('{"hello":"世界"}');
    expect(client.decryptResource(res)).toEqual({ hello: '世界' });
    const h = signResponse({ body: 'abc', serial: PUB_KEY_ID, privateKey: platform.privateKey, now: NOW });
    expect(h['Wechatpay-Timestamp']).toBe(nowTs);
    expect(Rsa.verify(Formatter.response(h['Wechatpay-Timestamp'], h['Wechatpay-Nonce'], 'abc'), h['Wechatpay-Signature'], platform.publicKey)).toBe(true);
  });

  test('forged signature, unknown serial, stale timestamp and SIGNTEST probes are rejected', async () => {
    await expectCode(() => client.verifyNotification(referenceNotification({ signer: intruder.privateKey })), 'WECHATPAY_SIGNATURE_INVALID');
    await expectCode(() => client.verifyNotification(referenceNotification({ serial: 'PUB_KEY_ID_0000000000000000000000000000' })), 'WECHATPAY_SERIAL_UNKNOWN');
    await expectCode(() => client.verifyNotification(referenceNotification({ ts: String(Number(nowTs) - 301) })), 'WECHATPAY_TIMESTAMP_SKEW');
    await expectCode(() => client.verifyNotification(referenceNotification({ ts: String(Number(nowTs) + 301) })), 'WECHATPAY_TIMESTAMP_SKEW');
    expect(client.verifyNotification(referenceNotification({ ts: String(Number(nowTs) - 300) })).id).toBe('EV-2018022511223320873');
    const probe = referenceNotification();
    probe.headers['wechatpay-signature'] = `WECHATPAY/SIGNTEST/${probe.headers['wechatpay-signature']}`;
    await expectCode(() => client.verifyNotification(probe), 'WECHATPAY_SIGNATURE_INVALID');
    const edited = referenceNotification();
    await expectCode(() => client.verifyNotification({ ...edited, rawBody: edited.rawBody.replace('支付成功', '支付成功 ') }), 'WECHATPAY_SIGNATURE_INVALID');
    await expectCode(() => client.verifyNotification({ ...edited, headers: { 'wechatpay-serial': PUB_KEY_ID } }), 'WECHATPAY_HEADERS_MISSING');
  });

  test('tampered ciphertext, tampered GCM tag, wrong AAD or wrong key fail to decrypt', async () => {
    const { resource } = client.verifyNotification(referenceNotification());
    const flip = (b64: string, index: number) => {
      const b = Buffer.from(b64, 'base64');
      b[index] ^= 1;
      return b.toString('base64');
    };
    await expectCode(() => client.decryptResource({ ...resource, ciphertext: flip(resource.ciphertext, 0) }), 'WECHATPAY_DECRYPT_FAILED');
    const lastByte = Buffer.from(resource.ciphertext, 'base64').length - 1;
    await expectCode(() => client.decryptResource({ ...resource, ciphertext: flip(resource.ciphertext, lastByte) }), 'WECHATPAY_DECRYPT_FAILED');
    await expectCode(() => client.decryptResource({ ...resource, associated_data: 'refund' }), 'WECHATPAY_DECRYPT_FAILED');
    await expectCode(() => client.decryptResource({ ...resource, ciphertext: Buffer.from(resource.ciphertext, 'base64').subarray(0, 16).toString('base64') }), 'WECHATPAY_DECRYPT_FAILED');
    const otherKey = createWechatPayClient({ ...config, apiV3Key: 'x'.repeat(32) }, { now: () => NOW });
    await expectCode(() => otherKey.decryptResource(resource), 'WECHATPAY_DECRYPT_FAILED');
  });

  test('a notification for another merchant, or of the wrong kind, is refused', async () => {
    await expectCode(() => client.readTransactionNotification(referenceNotification({ plaintext: JSON.stringify({ ...transaction, mchid: '1900000999' }) })), 'WECHATPAY_MERCHANT_MISMATCH');
    await expectCode(() => client.readRefundNotification(referenceNotification()), 'WECHATPAY_NOTIFICATION_INVALID');
    const refund = {
      mchid: config.mchid,
      out_trade_no: 'DJ1',
      transaction_id: '42',
      out_refund_no: 'R-DJ1-1',
      refund_id: '50',
      refund_status: 'SUCCESS',
      success_time: '2026-03-01T12:01:00+08:00',
      user_received_account: '支付用户零钱',
      amount: { total: 1999, refund: 500, payer_total: 1999, payer_refund: 500 },
    };
    const { refund: r } = client.readRefundNotification(referenceNotification({ plaintext: JSON.stringify(refund), aad: 'refund', eventType: 'REFUND.SUCCESS' }));
    expect(r).toEqual(refund);
  });

  test('notificationReply acknowledges with 204 and asks for a resend with {code:FAIL}', () => {
    expect(notificationReply(true).statusCode).toBe(204);
    const fail = notificationReply(false, '订单处理中');
    expect(fail.statusCode).toBe(500);
    expect(JSON.parse(fail.body)).toEqual({ code: 'FAIL', message: '订单处理中' });
  });
});

describe('parsePaymentConfigFromEnv', () => {
  const env = {
    WECHATPAY_MCHID: config.mchid,
    WECHATPAY_APPID: config.appid,
    WECHATPAY_MERCHANT_PRIVATE_KEY: pem(merchant.privateKey).replace(/\n/g, '\\n'), // one-line form, as in .env files
    WECHATPAY_MERCHANT_SERIAL: config.merchantSerial,
    WECHATPAY_PLATFORM_PUBLIC_KEY: pem(platform.publicKey),
    WECHATPAY_PLATFORM_KEY_ID: PUB_KEY_ID,
    WECHATPAY_APIV3_KEY: APIV3_KEY,
    WECHATPAY_NOTIFY_URL: 'http://127.0.0.1:9000/http/payNotify',
    WECHATPAY_REFUND_NOTIFY_URL: 'http://127.0.0.1:9000/http/refundNotify',
  };

  test('reads every variable and defaults the API base to WeChat Pay', () => {
    const c = parsePaymentConfigFromEnv(env);
    expect(c.apiBase).toBe('https://api.mch.weixin.qq.com');
    expect(Object.keys(c.platformPublicKeys)).toEqual([PUB_KEY_ID]);
    expect(c.merchantPrivateKey).toContain('\n');
    expect(c.notifyUrl).toBe(env.WECHATPAY_NOTIFY_URL);
    expect(parsePaymentConfigFromEnv({ ...env, WECHATPAY_API_BASE: 'http://127.0.0.1:9000/sandbox/wechatpay/' }).apiBase).toBe('http://127.0.0.1:9000/sandbox/wechatpay');
  });

  test('missing or malformed values fail with WECHATPAY_CONFIG_INVALID', async () => {
    await expectCode(() => parsePaymentConfigFromEnv({ ...env, WECHATPAY_MCHID: undefined }), 'WECHATPAY_CONFIG_INVALID');
    await expectCode(() => parsePaymentConfigFromEnv({ ...env, WECHATPAY_APIV3_KEY: 'short' }), 'WECHATPAY_CONFIG_INVALID');
    await expectCode(() => parsePaymentConfigFromEnv({ ...env, WECHATPAY_PLATFORM_PUBLIC_KEY: 'not a key' }), 'WECHATPAY_CONFIG_INVALID');
    await expectCode(() => parsePaymentConfigFromEnv({ ...env, WECHATPAY_PLATFORM_KEY_ID: undefined }), 'WECHATPAY_CONFIG_INVALID');
  });
});
