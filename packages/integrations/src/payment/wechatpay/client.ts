import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { parseWechatPayConfig, type WechatPayConfig, type WechatPayConfigInput } from './config';
import {
  decryptResourceText,
  loadPrivateKey,
  loadPublicKey,
  nonceStr,
  readWechatpayHeaders,
  rsaSign,
  signRequest,
  unixSeconds,
  verifySignedMessage,
  joinLines,
  type EncryptedResource,
} from './crypto';
import { WechatPayError } from './errors';
import {
  apiErrorSchema,
  notificationSchema,
  outRefundNoSchema,
  outTradeNoSchema,
  refundNoticeSchema,
  refundSchema,
  transactionSchema,
  type Notification,
  type Refund,
  type RefundNotice,
  type Transaction,
} from './schemas';
import { toWechatTime } from './time';

export const jsapiPrepayInputSchema = z.object({
  description: z.string().min(1).max(127),
  outTradeNo: outTradeNoSchema,
  amountFen: z.number().int().positive(),
  payerOpenid: z.string().min(1).max(128),
  /** Falls back to the configured WECHATPAY_NOTIFY_URL. */
  notifyUrl: z.url().optional(),
  timeExpire: z.union([z.date(), z.iso.datetime({ offset: true })]).optional(),
  attach: z.string().max(128).optional(),
});
export type JsapiPrepayInput = z.input<typeof jsapiPrepayInputSchema>;

export const refundInputSchema = z
  .object({
    outTradeNo: outTradeNoSchema,
    /** Derive it from the order (e.g. `R<orderNo>-<n>`) so a retried request cannot refund twice. */
    outRefundNo: outRefundNoSchema,
    reason: z.string().max(80).optional(),
    refundFen: z.number().int().positive(),
    totalFen: z.number().int().positive(),
    /** Falls back to the configured WECHATPAY_REFUND_NOTIFY_URL. */
    notifyUrl: z.url().optional(),
  })
  .refine((v) => v.refundFen <= v.totalFen, { message: '退款金额不能大于订单金额', path: ['refundFen'] });
export type RefundInput = z.input<typeof refundInputSchema>;

export interface RequestPaymentParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

export interface NotificationInput {
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The body exactly as received; the signature covers these bytes, not a re-serialised object. */
  rawBody: string;
  now?: Date;
}

export interface WechatPayClientOptions {
  fetch?: typeof fetch;
  now?: () => Date;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new WechatPayError('WECHATPAY_INVALID_INPUT', `微信支付请求参数无效（${detail}）`);
  }
  return r.data;
}

function parseShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new WechatPayError('WECHATPAY_RESPONSE_INVALID', `微信支付返回的${what}格式不符合预期`);
  return r.data;
}

/** A WeChat Pay API v3 merchant client (JSAPI / mini-program payments and refunds). */
export function createWechatPayClient(configInput: WechatPayConfig | WechatPayConfigInput, options: WechatPayClientOptions = {}) {
  const config = parseWechatPayConfig(configInput);
  const doFetch = options.fetch ?? fetch;
  const clock = options.now ?? (() => new Date());
  const privateKey: KeyObject = loadPrivateKey(config.merchantPrivateKey);
  const publicKeys: ReadonlyMap<string, KeyObject> = new Map(Object.entries(config.platformPublicKeys).map(([serial, pem]) => [serial, loadPublicKey(pem)]));

  async function request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; text: string }> {
    const url = new URL(config.apiBase + path);
    const text = body === undefined ? '' : JSON.stringify(body);
    const authorization = signRequest({
      method,
      pathAndQuery: url.pathname + url.search,
      body: text,
      mchid: config.mchid,
      serialNo: config.merchantSerial,
      privateKey,
      now: clock(),
    });
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: { Authorization: authorization, Accept: 'application/json', 'User-Agent': 'daojia-wechatpay/1', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : text,
      });
    } catch (e) {
      throw new WechatPayError('WECHATPAY_NETWORK', `无法连接微信支付，请稍后重试（${(e as Error).message}）`);
    }
    const responseText = await res.text();
    if (res.status < 200 || res.status >= 300) {
      let parsed: { code?: string; message?: string } = {};
      try {
        parsed = apiErrorSchema.parse(JSON.parse(responseText));
      } catch {
        /* a gateway error page carries no JSON */
      }
      throw new WechatPayError(`WECHATPAY_HTTP_${res.status}`, `微信支付返回错误 ${res.status}${parsed.code ? ` ${parsed.code}` : ''}：${parsed.message ?? '请稍后重试'}`, {
        status: res.status,
        wechatCode: parsed.code,
        wechatMessage: parsed.message,
      });
    }
    // Answers that are not signed by WeChat Pay (a hijacked DNS, a proxy) must not be trusted, 204s included.
    verifySignedMessage({ headers: readWechatpayHeaders(res.headers), body: responseText, publicKeys, now: clock() });
    return { status: res.status, text: responseText };
  }

  const json = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      throw new WechatPayError('WECHATPAY_RESPONSE_INVALID', '微信支付返回了无法解析的内容');
    }
  };

  /** Places a JSAPI / mini-program order; returns the prepay_id (valid 2 hours) for requestPaymentParams. */
  async function createJsapiPrepay(input: JsapiPrepayInput): Promise<{ prepayId: string }> {
    const v = parseInput(jsapiPrepayInputSchema, input);
    const notifyUrl = v.notifyUrl ?? config.notifyUrl;
    if (!notifyUrl) throw new WechatPayError('WECHATPAY_CONFIG_INVALID', '未配置微信支付回调地址（WECHATPAY_NOTIFY_URL）');
    const { text } = await request('POST', '/v3/pay/transactions/jsapi', {
      appid: config.appid,
      mchid: config.mchid,
      description: v.description,
      out_trade_no: v.outTradeNo,
      ...(v.timeExpire === undefined ? {} : { time_expire: toWechatTime(v.timeExpire) }),
      ...(v.attach === undefined ? {} : { attach: v.attach }),
      notify_url: notifyUrl,
      amount: { total: v.amountFen, currency: 'CNY' },
      payer: { openid: v.payerOpenid },
    });
    const { prepay_id } = parseShape(z.object({ prepay_id: z.string().min(1) }), json(text), '预支付单');
    return { prepayId: prepay_id };
  }

  /** The object the mini-program passes to wx.requestPayment. */
  function requestPaymentParams(prepayId: string, now: Date = clock()): RequestPaymentParams {
    const timeStamp = String(unixSeconds(now));
    const nonce = nonceStr();
    const pkg = `prepay_id=${prepayId}`;
    return { appId: config.appid, timeStamp, nonceStr: nonce, package: pkg, signType: 'RSA', paySign: rsaSign(joinLines(config.appid, timeStamp, nonce, pkg), privateKey) };
  }

  async function queryByOutTradeNo(outTradeNo: string): Promise<Transaction> {
    const no = parseInput(outTradeNoSchema, outTradeNo);
    const { text } = await request('GET', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(no)}?mchid=${encodeURIComponent(config.mchid)}`);
    return parseShape(transactionSchema, json(text), '订单');
  }

  /** Closes an unpaid order (WeChat answers 204); closing a paid one fails with wechatCode ORDERPAID. */
  async function closeOrder(outTradeNo: string): Promise<void> {
    const no = parseInput(outTradeNoSchema, outTradeNo);
    await request('POST', `/v3/pay/transactions/out-trade-no/${encodeURIComponent(no)}/close`, { mchid: config.mchid });
  }

  async function refund(input: RefundInput): Promise<Refund> {
    const v = parseInput(refundInputSchema, input);
    const notifyUrl = v.notifyUrl ?? config.refundNotifyUrl;
    const { text } = await request('POST', '/v3/refund/domestic/refunds', {
      out_trade_no: v.outTradeNo,
      out_refund_no: v.outRefundNo,
      ...(v.reason ? { reason: v.reason } : {}),
      ...(notifyUrl ? { notify_url: notifyUrl } : {}),
      amount: { refund: v.refundFen, total: v.totalFen, currency: 'CNY' },
    });
    return parseShape(refundSchema, json(text), '退款单');
  }

  async function queryRefund(outRefundNo: string): Promise<Refund> {
    const no = parseInput(outRefundNoSchema, outRefundNo);
    const { text } = await request('GET', `/v3/refund/domestic/refunds/${encodeURIComponent(no)}`);
    return parseShape(refundSchema, json(text), '退款单');
  }

  /** Checks a notification's signature, serial and timestamp, then parses its (still encrypted) envelope. */
  function verifyNotification(input: NotificationInput): Notification {
    verifySignedMessage({ headers: readWechatpayHeaders(input.headers), body: input.rawBody, publicKeys, now: input.now ?? clock() });
    let body: unknown;
    try {
      body = JSON.parse(input.rawBody);
    } catch {
      body = undefined;
    }
    const r = notificationSchema.safeParse(body);
    if (!r.success) throw new WechatPayError('WECHATPAY_NOTIFICATION_INVALID', '微信支付通知内容格式无效');
    return r.data;
  }

  /** Decrypts a notification resource with the APIv3 key and parses the JSON inside. */
  function decryptResource(resource: EncryptedResource): unknown {
    const text = decryptResourceText(resource, config.apiV3Key);
    try {
      return JSON.parse(text);
    } catch {
      throw new WechatPayError('WECHATPAY_DECRYPT_FAILED', '微信支付通知解密后不是有效的 JSON');
    }
  }

  function openNotification<S extends z.ZodType>(input: NotificationInput, prefix: string, schema: S, what: string) {
    const notification = verifyNotification(input);
    if (!notification.event_type.startsWith(prefix)) {
      throw new WechatPayError('WECHATPAY_NOTIFICATION_INVALID', `收到的不是${what}通知（${notification.event_type}）`);
    }
    const r = schema.safeParse(decryptResource(notification.resource));
    if (!r.success) throw new WechatPayError('WECHATPAY_NOTIFICATION_INVALID', `${what}通知内容格式无效`);
    return { notification, resource: r.data as z.infer<S> };
  }

  /**
   * Verify + decrypt + parse a TRANSACTION.* notification, and refuse one addressed to another merchant or app.
   * The caller still compares amount.total with its order before recording the payment.
   */
  function readTransactionNotification(input: NotificationInput): { notification: Notification; transaction: Transaction } {
    const { notification, resource } = openNotification(input, 'TRANSACTION.', transactionSchema, '支付');
    if (resource.mchid !== config.mchid || resource.appid !== config.appid) {
      throw new WechatPayError('WECHATPAY_MERCHANT_MISMATCH', '支付通知的商户号或 AppID 与本商户不一致，已拒绝');
    }
    return { notification, transaction: resource };
  }

  function readRefundNotification(input: NotificationInput): { notification: Notification; refund: RefundNotice } {
    const { notification, resource } = openNotification(input, 'REFUND.', refundNoticeSchema, '退款');
    if (resource.mchid !== config.mchid) throw new WechatPayError('WECHATPAY_MERCHANT_MISMATCH', '退款通知的商户号与本商户不一致，已拒绝');
    return { notification, refund: resource };
  }

  return {
    config,
    createJsapiPrepay,
    requestPaymentParams,
    queryByOutTradeNo,
    closeOrder,
    refund,
    queryRefund,
    verifyNotification,
    decryptResource,
    readTransactionNotification,
    readRefundNotification,
  };
}

export type WechatPayClient = ReturnType<typeof createWechatPayClient>;

/**
 * The reply an HTTP-triggered notify function returns: 204 acknowledges; anything else makes WeChat Pay resend
 * on its schedule, so only ask for a resend when processing can succeed later.
 */
export function notificationReply(ok: true): { statusCode: 204; headers: Record<string, string>; body: string };
export function notificationReply(ok: false, message: string): { statusCode: 500; headers: Record<string, string>; body: string };
export function notificationReply(ok: boolean, message = '') {
  return ok ? { statusCode: 204, headers: {}, body: '' } : { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'FAIL', message }) };
}
