import { createPrivateKey, createPublicKey, randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import {
  decryptResourceText,
  MAX_CLOCK_SKEW_SECONDS,
  outRefundNoSchema,
  outTradeNoSchema,
  parseAuthorization,
  requestMessage,
  rsaVerify,
  signResponse,
  toWechatTime,
  unixSeconds,
  type EncryptedResource,
} from '@daojia/integrations';
import { sendJson, type Request } from '../http/router';
import type { SandboxContext } from './index';
import { loadOrCreateSandboxKeys } from './wechatpay-keys';
import { createOutbox } from './wechatpay-outbox';
import { openWechatPayStore, type SandboxRefund, type SandboxTransaction } from './wechatpay-store';

export const WECHATPAY_SANDBOX_PREFIX = '/sandbox/wechatpay';

export interface WechatPaySandboxOptions {
  /** Scale of WeChat's resend schedule (default 1/60: first resend after 250 ms, the whole day in 24 min). */
  retryScale?: number;
  /** How long a refund stays PROCESSING before it succeeds (default 500 ms). */
  refundDelayMs?: number;
  /** Where notifications are sent from (tests may intercept). */
  fetch?: typeof fetch;
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const jsapiBodySchema = z.object({
  appid: z.string().min(1),
  mchid: z.string().min(1),
  description: z.string().min(1).max(127),
  out_trade_no: outTradeNoSchema,
  time_expire: z.iso.datetime({ offset: true }).optional(),
  attach: z.string().max(128).optional(),
  notify_url: z.url(),
  amount: z.object({ total: z.number().int().positive(), currency: z.literal('CNY').optional() }),
  payer: z.object({ openid: z.string().min(1) }),
});

const closeBodySchema = z.object({ mchid: z.string().min(1) });

const refundBodySchema = z.object({
  out_trade_no: outTradeNoSchema,
  out_refund_no: outRefundNoSchema,
  reason: z.string().max(80).optional(),
  notify_url: z.url().optional(),
  amount: z.object({ refund: z.number().int().positive(), total: z.number().int().positive(), currency: z.literal('CNY') }),
});

const payBodySchema = z
  .object({
    prepayId: z.string().min(1).optional(),
    outTradeNo: z.string().min(1).optional(),
    /** false = pay but "lose" the notification, so the merchant's reconciliation has to find the payment. */
    deliver: z.boolean().default(true),
  })
  .refine((v) => v.prepayId || v.outTradeNo, '需要 prepayId 或 outTradeNo');

const redeliverBodySchema = z.object({ id: z.string().min(1) });

const refundOutcomeBodySchema = z.object({ status: z.enum(['SUCCESS', 'ABNORMAL', 'CLOSED']) });

const REFUND_SUMMARY = { SUCCESS: '退款成功', ABNORMAL: '退款异常', CLOSED: '退款关闭' } as const;

const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

const TRADE_STATE_DESC: Record<SandboxTransaction['trade_state'], string> = { NOTPAY: '订单未支付', SUCCESS: '支付成功', CLOSED: '订单已关闭', REFUND: '转入退款' };

function transactionView(t: SandboxTransaction) {
  const paid = t.trade_state === 'SUCCESS' || t.trade_state === 'REFUND';
  return {
    appid: t.appid,
    mchid: t.mchid,
    out_trade_no: t.out_trade_no,
    ...(paid ? { transaction_id: t.transaction_id, bank_type: 'OTHERS', success_time: t.success_time } : {}),
    trade_type: 'JSAPI',
    trade_state: t.trade_state,
    trade_state_desc: TRADE_STATE_DESC[t.trade_state],
    attach: t.attach ?? '',
    payer: { openid: t.openid },
    amount: { total: t.total, ...(paid ? { payer_total: t.total } : {}), currency: 'CNY', payer_currency: 'CNY' },
  };
}

function refundView(r: SandboxRefund) {
  return {
    refund_id: r.refund_id,
    out_refund_no: r.out_refund_no,
    transaction_id: r.transaction_id,
    out_trade_no: r.out_trade_no,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    ...(r.success_time ? { success_time: r.success_time } : {}),
    create_time: r.create_time,
    status: r.status,
    funds_account: 'AVAILABLE',
    amount: { total: r.total, refund: r.refund, from: [], payer_total: r.total, payer_refund: r.refund, settlement_refund: r.refund, settlement_total: r.total, discount_refund: 0, currency: 'CNY' },
  };
}

/**
 * A stand-in for WeChat Pay API v3 under /sandbox/wechatpay: the real paths, request signatures checked, answers
 * and notifications signed with its own platform key, so the production adapter runs unchanged against it.
 */
export async function mountWechatPaySandbox(ctx: SandboxContext, options: WechatPaySandboxOptions = {}) {
  const dir = path.join(ctx.dataDir, 'sandbox');
  const keys = await loadOrCreateSandboxKeys(dir);
  const store = openWechatPayStore(dir);
  const merchantPublicKey = createPublicKey(keys.merchantPublicKey);
  const platformPrivateKey = createPrivateKey(keys.platformPrivateKey);
  const refundDelayMs = options.refundDelayMs ?? 500;
  const outbox = createOutbox({
    store,
    platformKeyId: keys.platformKeyId,
    platformPrivateKey,
    apiV3Key: keys.apiV3Key,
    retryScale: options.retryScale ?? 1 / 60,
    fetch: options.fetch ?? fetch,
    log: ctx.log,
  });
  const refundTimers = new Set<NodeJS.Timeout>();
  /** Outcomes queued by POST /refund-outcome, taken by the next refunds to complete (default SUCCESS). */
  const refundOutcomes: Array<keyof typeof REFUND_SUMMARY> = [];
  let closed = false;
  const P = WECHATPAY_SANDBOX_PREFIX;

  /** Every answer of the API is signed by the platform key, errors included, as WeChat Pay does. */
  function reply(res: ServerResponse, status: number, body?: unknown) {
    const text = body === undefined ? '' : JSON.stringify(body);
    const headers = signResponse({ body: text, serial: keys.platformKeyId, privateKey: platformPrivateKey, now: new Date() });
    res.writeHead(status, { ...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}), 'content-length': Buffer.byteLength(text), ...headers, 'Request-ID': digits(20) });
    res.end(text);
  }

  function authenticate(req: Request) {
    const auth = parseAuthorization(typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined);
    if (!auth) throw new ApiError(401, 'SIGN_ERROR', 'Authorization 头缺失或格式错误');
    if (auth.mchid !== keys.mchid) throw new ApiError(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (auth.serial_no !== keys.merchantSerial) throw new ApiError(401, 'SIGN_ERROR', '商户证书序列号不正确');
    if (Math.abs(unixSeconds(new Date()) - Number(auth.timestamp)) > MAX_CLOCK_SKEW_SECONDS) throw new ApiError(401, 'SIGN_ERROR', '请求时间戳与服务器时间相差过大');
    const message = requestMessage(req.method, req.raw.url ?? req.path, auth.timestamp, auth.nonce_str, req.body.toString('utf8'));
    if (!rsaVerify(message, auth.signature, merchantPublicKey)) throw new ApiError(401, 'SIGN_ERROR', '签名错误，请检查商户私钥与签名串');
  }

  function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
    let raw: unknown;
    try {
      raw = JSON.parse(req.body.toString('utf8') || 'null');
    } catch {
      throw new ApiError(400, 'PARAM_ERROR', '请求体不是有效的 JSON');
    }
    const r = schema.safeParse(raw);
    if (!r.success) throw new ApiError(400, 'PARAM_ERROR', `参数错误：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return r.data;
  }

  /** A signed v3 API route: checks the merchant's signature, maps ApiError to WeChat's {code, message}. */
  function api(method: string, route: string, handler: (req: Request) => { status: number; body?: unknown }) {
    ctx.router.add(method, P + route, (req, res) => {
      try {
        authenticate(req);
        const out = handler(req);
        reply(res, out.status, out.body);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        reply(res, e.status, { code: e.code, message: e.message });
      }
    });
  }

  /** A plain JSON route for tests and the dashboard (not part of WeChat's API, so unsigned). */
  function helper(method: string, route: string, handler: (req: Request) => Promise<unknown> | unknown) {
    ctx.router.add(method, P + route, async (req, res) => {
      try {
        sendJson(res, 200, await handler(req));
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        sendJson(res, e.status, { code: e.code, message: e.message });
      }
    });
  }

  const mustHaveMchid = (req: Request) => {
    if (req.query.get('mchid') !== keys.mchid) throw new ApiError(400, 'PARAM_ERROR', 'mchid 参数缺失或与商户号不一致');
  };

  api('POST', '/v3/pay/transactions/jsapi', (req) => {
    const b = parseBody(req, jsapiBodySchema);
    if (b.mchid !== keys.mchid) throw new ApiError(400, 'MCH_NOT_EXISTS', '商户号不存在');
    if (b.appid !== keys.appid) throw new ApiError(400, 'APPID_MCHID_NOT_MATCH', 'appid 和 mch_id 不匹配');
    return store.transact(() => {
      const existing = store.transaction(b.out_trade_no);
      if (existing) {
        if (existing.trade_state === 'SUCCESS' || existing.trade_state === 'REFUND') throw new ApiError(403, 'ORDERPAID', '该订单已支付');
        if (existing.trade_state === 'CLOSED') throw new ApiError(400, 'ORDER_CLOSED', '该订单已关闭');
        const same =
          existing.description === b.description &&
          existing.total === b.amount.total &&
          existing.openid === b.payer.openid &&
          existing.notify_url === b.notify_url &&
          (existing.attach ?? '') === (b.attach ?? '');
        if (!same) throw new ApiError(403, 'OUT_TRADE_NO_USED', '商户订单号重复，且请求参数与原订单不一致');
        return { status: 200, body: { prepay_id: existing.prepay_id } };
      }
      const t: SandboxTransaction = {
        appid: b.appid,
        mchid: b.mchid,
        description: b.description,
        out_trade_no: b.out_trade_no,
        prepay_id: `wx${toWechatTime(new Date()).replace(/\D/g, '').slice(0, 14)}${digits(20)}`,
        notify_url: b.notify_url,
        attach: b.attach,
        time_expire: b.time_expire,
        total: b.amount.total,
        openid: b.payer.openid,
        trade_state: 'NOTPAY',
        created_at: new Date().toISOString(),
      };
      store.putTransaction(t);
      return { status: 200, body: { prepay_id: t.prepay_id } };
    });
  });

  api('GET', '/v3/pay/transactions/out-trade-no/:no', (req) => {
    mustHaveMchid(req);
    const t = store.transaction(req.params.no);
    if (!t) throw new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return { status: 200, body: transactionView(t) };
  });

  api('POST', '/v3/pay/transactions/out-trade-no/:no/close', (req) => {
    const b = parseBody(req, closeBodySchema);
    if (b.mchid !== keys.mchid) throw new ApiError(400, 'MCH_NOT_EXISTS', '商户号不存在');
    return store.transact(() => {
      const t = store.transaction(req.params.no);
      if (!t) throw new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在');
      if (t.trade_state === 'SUCCESS' || t.trade_state === 'REFUND') throw new ApiError(400, 'ORDERPAID', '订单已支付，不能关闭');
      store.putTransaction({ ...t, trade_state: 'CLOSED' });
      return { status: 204 };
    });
  });

  api('POST', '/v3/refund/domestic/refunds', (req) => {
    const b = parseBody(req, refundBodySchema);
    const created = store.transact(() => {
      const existing = store.refund(b.out_refund_no);
      if (existing) {
        const same = existing.out_trade_no === b.out_trade_no && existing.refund === b.amount.refund && existing.total === b.amount.total;
        if (!same) throw new ApiError(400, 'INVALID_REQUEST', '商户退款单号重复，且请求参数与原退款单不一致');
        return { refund: existing, isNew: false };
      }
      const t = store.transaction(b.out_trade_no);
      if (!t) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
      if (t.trade_state !== 'SUCCESS' && t.trade_state !== 'REFUND') throw new ApiError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
      if (b.amount.total !== t.total) throw new ApiError(400, 'PARAM_ERROR', '订单金额与原订单不一致');
      const refunded = store
        .refundsOf(t.out_trade_no)
        .filter((r) => r.status !== 'CLOSED' && r.status !== 'ABNORMAL')
        .reduce((s, r) => s + r.refund, 0);
      if (refunded + b.amount.refund > t.total) throw new ApiError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
      const refund: SandboxRefund = {
        refund_id: `50${digits(27)}`,
        out_refund_no: b.out_refund_no,
        out_trade_no: t.out_trade_no,
        transaction_id: t.transaction_id ?? '',
        reason: b.reason,
        notify_url: b.notify_url,
        refund: b.amount.refund,
        total: t.total,
        status: 'PROCESSING',
        create_time: toWechatTime(new Date()),
      };
      store.putRefund(refund);
      return { refund, isNew: true };
    });
    if (created.isNew) scheduleRefund(created.refund.out_refund_no);
    return { status: 200, body: refundView(created.refund) };
  });

  api('GET', '/v3/refund/domestic/refunds/:no', (req) => {
    const r = store.refund(req.params.no);
    if (!r) throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return { status: 200, body: refundView(r) };
  });

  function scheduleRefund(outRefundNo: string) {
    const t = setTimeout(() => {
      refundTimers.delete(t);
      void completeRefund(outRefundNo);
    }, refundDelayMs);
    t.unref();
    refundTimers.add(t);
  }

  async function completeRefund(outRefundNo: string) {
    if (closed) return;
    const entry = store.transact(() => {
      const r = store.refund(outRefundNo);
      if (!r || r.status !== 'PROCESSING') return undefined;
      const status = refundOutcomes.shift() ?? 'SUCCESS';
      const done: SandboxRefund = { ...r, status, ...(status === 'SUCCESS' ? { success_time: toWechatTime(new Date()) } : {}) };
      store.putRefund(done);
      const t = store.transaction(r.out_trade_no);
      if (t && status === 'SUCCESS') store.putTransaction({ ...t, trade_state: 'REFUND' });
      if (!done.notify_url) return undefined;
      return outbox.record({
        kind: 'refund',
        ref: done.out_refund_no,
        url: done.notify_url,
        eventType: `REFUND.${status}`,
        summary: REFUND_SUMMARY[status],
        send: true,
        resource: {
          mchid: keys.mchid,
          out_trade_no: done.out_trade_no,
          transaction_id: done.transaction_id,
          out_refund_no: done.out_refund_no,
          refund_id: done.refund_id,
          refund_status: status,
          ...(done.success_time ? { success_time: done.success_time } : {}),
          user_received_account: '支付用户零钱',
          amount: { total: done.total, refund: done.refund, payer_total: done.total, payer_refund: done.refund },
        },
      });
    });
    if (entry) await outbox.deliver(entry.id, false);
  }

  helper('POST', '/pay', async (req) => {
    const b = parseBody(req, payBodySchema);
    const { transaction, entry } = store.transact(() => {
      const t = b.prepayId ? store.transactionByPrepayId(b.prepayId) : store.transaction(b.outTradeNo ?? '');
      if (!t) throw new ApiError(404, 'ORDER_NOT_EXIST', '找不到该预支付订单');
      if (t.trade_state === 'SUCCESS' || t.trade_state === 'REFUND') throw new ApiError(409, 'ORDERPAID', '该订单已支付');
      if (t.trade_state === 'CLOSED') throw new ApiError(400, 'ORDER_CLOSED', '该订单已关闭，无法支付');
      if (t.time_expire && Date.parse(t.time_expire) < Date.now()) throw new ApiError(400, 'ORDER_EXPIRED', '该订单已超过支付截止时间');
      const paid: SandboxTransaction = { ...t, trade_state: 'SUCCESS', transaction_id: `42${digits(26)}`, success_time: toWechatTime(new Date()) };
      store.putTransaction(paid);
      const recorded = outbox.record({
        kind: 'transaction',
        ref: paid.out_trade_no,
        url: paid.notify_url,
        eventType: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resource: transactionView(paid),
        send: b.deliver,
      });
      return { transaction: paid, entry: recorded };
    });
    const firstAttempt = b.deliver ? await outbox.deliver(entry.id, false) : undefined;
    return { transaction: transactionView(transaction), notification: { id: entry.id, state: store.notification(entry.id)?.state, firstAttempt } };
  });

  helper('GET', '/outbox', (req) => {
    const ref = req.query.get('ref') ?? undefined;
    // The dashboard shows what the merchant will read after decrypting, not only the ciphertext it receives.
    return {
      notifications: store.outbox(ref).map(({ body, ...rest }) => {
        const envelope = JSON.parse(body) as { resource: EncryptedResource };
        return { ...rest, body: envelope, resource: JSON.parse(decryptResourceText(envelope.resource, keys.apiV3Key)) as unknown };
      }),
    };
  });

  helper('POST', '/redeliver', async (req) => {
    const { id } = parseBody(req, redeliverBodySchema);
    if (!store.notification(id)) throw new ApiError(404, 'NOTIFICATION_NOT_FOUND', '找不到该通知记录');
    const attempt = await outbox.deliver(id, true);
    return { id, state: store.notification(id)?.state, attempt };
  });

  helper('POST', '/refund-outcome', (req) => {
    const { status } = parseBody(req, refundOutcomeBodySchema);
    refundOutcomes.push(status);
    return { queued: [...refundOutcomes] };
  });

  outbox.resumePending();
  for (const r of store.refundsWithStatus('PROCESSING')) scheduleRefund(r.out_refund_no);

  const base = `${ctx.cloudUrl}${P}`;
  return {
    keys,
    env: {
      WECHATPAY_MCHID: keys.mchid,
      WECHATPAY_APPID: keys.appid,
      WECHATPAY_API_BASE: base,
      WECHATPAY_MERCHANT_PRIVATE_KEY: keys.merchantPrivateKey,
      WECHATPAY_MERCHANT_SERIAL: keys.merchantSerial,
      WECHATPAY_PLATFORM_PUBLIC_KEY: keys.platformPublicKey,
      WECHATPAY_PLATFORM_KEY_ID: keys.platformKeyId,
      WECHATPAY_APIV3_KEY: keys.apiV3Key,
      WECHATPAY_NOTIFY_URL: `${ctx.cloudUrl}/http/payNotify`,
      WECHATPAY_REFUND_NOTIFY_URL: `${ctx.cloudUrl}/http/refundNotify`,
    } as Record<string, string>,
    close() {
      closed = true;
      outbox.close();
      for (const t of refundTimers) clearTimeout(t);
      refundTimers.clear();
      store.close();
    },
  };
}
