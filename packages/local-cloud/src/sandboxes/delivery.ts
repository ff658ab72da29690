import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { DADA_STATUS, DADA_STATUS_MSG, dadaCallbackSignature, dadaEnvelopeSchema, dadaSignature, dadaSignaturesEqual } from '@daojia/integrations';
import { sendJson, type Request } from '../http/router';
import type { SandboxContext } from './index';
import { loadOrCreateCredentials, openSandboxStore } from './store';

export const DELIVERY_SANDBOX_PREFIX = '/sandbox/delivery';

const credentialsSchema = z.object({ appKey: z.string(), appSecret: z.string(), sourceId: z.string(), shopNo: z.string() });

/** The sandbox's own error numbers (Dada's real ones are not reproduced; clients should branch on code !== 0 only). */
const FAIL = { SIGNATURE: 2001, APP_KEY: 2002, SOURCE_ID: 2003, PARAMS: 2004, ORDER_EXISTS: 2005, ORDER_NOT_FOUND: 2006, BAD_STATE: 2007, DELIVERY_NO: 2008 } as const;

class DadaFail extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const orderBodySchema = z
  .object({
    shop_no: z.string().min(1),
    origin_id: z.string().min(1).max(64),
    city_code: z.string().min(1),
    cargo_price: z.number().positive(),
    is_prepay: z.union([z.literal(0), z.literal(1)]),
    receiver_name: z.string().min(1),
    receiver_address: z.string().min(1),
    receiver_phone: z.string().min(1).optional(),
    receiver_tel: z.string().optional(),
    receiver_lat: z.number(),
    receiver_lng: z.number(),
    callback: z.url(),
    cargo_weight: z.number().positive(),
    info: z.string().optional(),
  })
  .refine((b) => b.receiver_phone || b.receiver_tel, '收货人手机号和座机号至少填一个');
const orderIdSchema = z.object({ order_id: z.string().min(1) });
const cancelSchema = z.object({ order_id: z.string().min(1), cancel_reason_id: z.number().int().positive(), cancel_reason: z.string().optional() });
const advanceSchema = z.object({ originId: z.string().min(1), to: z.enum(['accept', 'fetch', 'finish', 'cancel']) });

export interface SandboxDeliveryOrder {
  origin_id: string;
  client_id: string;
  shop_no: string;
  city_code: string;
  cargo_price: number;
  cargo_weight: number;
  callback: string;
  receiver: { name: string; address: string; phone: string; lat: number; lng: number };
  info?: string;
  status: number;
  statusMsg: string;
  fee: number;
  distance: number;
  deductFee: number;
  rider?: { id: number; name: string; phone: string };
  cancelReason: string;
  cancelFrom: number;
  createdAt: string;
  acceptTime?: string;
  fetchTime?: string;
  finishTime?: string;
  cancelTime?: string;
}

export interface DeliveryCallbackRecord {
  id: string;
  orderId: string;
  url: string;
  body: Record<string, unknown>;
  at: string;
  ok: boolean;
  httpStatus: number | null;
  reply: string;
  error?: string;
}

export interface DeliveryRequestRecord {
  at: string;
  path: string;
  body: unknown;
  code: number;
  msg: string;
}

/** Flat sandbox price: ¥6, plus ¥2 per kg above 5 kg (Dada prices by distance, weight and time; not emulated). */
const priceOf = (weightKg: number) => 6 + 2 * Math.max(0, Math.ceil(weightKg - 5));
/** Dada shows times as Beijing wall-clock "YYYY-MM-DD HH:mm:ss". */
const beijing = (d = new Date()) => new Date(d.getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);

/**
 * A stand-in for the Dada open platform under /sandbox/delivery: the real paths and request envelope, signatures
 * checked with its own app secret, the QA host's rider simulation (accept / fetch / finish / cancel), and status
 * callbacks posted to each order's callback URL, all recorded for the dashboard.
 */
export function mountDeliverySandbox(ctx: SandboxContext) {
  const dir = path.join(ctx.dataDir, 'sandbox');
  const creds = loadOrCreateCredentials(dir, 'delivery', credentialsSchema, () => ({
    appKey: `dada${randomBytes(8).toString('hex')}`,
    appSecret: randomBytes(16).toString('hex'),
    sourceId: String(randomInt(10000, 99999)),
    shopNo: 'daojia-sandbox-shop',
  }));
  const store = openSandboxStore(dir, 'delivery');
  const quotes = new Map<string, { body: z.infer<typeof orderBodySchema>; expires: number }>();
  const P = DELIVERY_SANDBOX_PREFIX;

  const order = (id: string) => store.get<SandboxDeliveryOrder>('order', id);
  const mustOrder = (id: string) => {
    const o = order(id);
    if (!o) throw new DadaFail(FAIL.ORDER_NOT_FOUND, `订单不存在：${id}`);
    return o;
  };

  function authenticate(req: Request): unknown {
    let raw: unknown;
    try {
      raw = JSON.parse(req.body.toString('utf8'));
    } catch {
      throw new DadaFail(FAIL.PARAMS, '请求体不是有效的 JSON');
    }
    const env = dadaEnvelopeSchema.safeParse(raw);
    if (!env.success) throw new DadaFail(FAIL.PARAMS, `公共参数错误：${env.error.issues.map((i) => i.path.join('.')).join(', ')}`);
    const e = env.data;
    if (e.app_key !== creds.appKey) throw new DadaFail(FAIL.APP_KEY, 'app_key 不存在');
    const { signature, ...signed } = e;
    if (!dadaSignaturesEqual(dadaSignature(signed, creds.appSecret), signature)) throw new DadaFail(FAIL.SIGNATURE, '签名错误');
    if (e.source_id !== creds.sourceId) throw new DadaFail(FAIL.SOURCE_ID, 'source_id 与商户不匹配');
    try {
      return e.body === '' ? {} : JSON.parse(e.body);
    } catch {
      throw new DadaFail(FAIL.PARAMS, 'body 不是有效的 JSON 字符串');
    }
  }

  function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
    const r = schema.safeParse(body);
    if (!r.success) throw new DadaFail(FAIL.PARAMS, `参数错误：${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return r.data;
  }

  function record(pathName: string, body: unknown, code: number, msg: string) {
    store.put('request', randomUUID(), { at: new Date().toISOString(), path: pathName, body, code, msg } satisfies DeliveryRequestRecord);
  }

  /** A Dada API route: envelope checked, business body handed over, answered as {status, code, msg, result}. */
  function api(route: string, handler: (body: unknown) => Promise<unknown> | unknown) {
    ctx.router.add('POST', P + route, async (req, res) => {
      let body: unknown;
      try {
        body = authenticate(req);
        const result = await handler(body);
        record(route, body, 0, '成功');
        sendJson(res, 200, { status: 'success', code: 0, msg: '成功', result: result ?? null });
      } catch (e) {
        if (!(e instanceof DadaFail)) throw e;
        record(route, body ?? req.body.toString('utf8').slice(0, 2000), e.code, e.message);
        sendJson(res, 200, { status: 'fail', code: e.code, msg: e.message });
      }
    });
  }

  function create(b: z.infer<typeof orderBodySchema>): SandboxDeliveryOrder {
    return store.transact(() => {
      const existing = order(b.origin_id);
      if (existing && existing.status !== DADA_STATUS.CANCELLED && existing.status !== DADA_STATUS.EXPIRED) {
        throw new DadaFail(FAIL.ORDER_EXISTS, '订单已存在，请勿重复下单');
      }
      const o: SandboxDeliveryOrder = {
        origin_id: b.origin_id,
        client_id: '',
        shop_no: b.shop_no,
        city_code: b.city_code,
        cargo_price: b.cargo_price,
        cargo_weight: b.cargo_weight,
        callback: b.callback,
        receiver: { name: b.receiver_name, address: b.receiver_address, phone: b.receiver_phone ?? b.receiver_tel ?? '', lat: b.receiver_lat, lng: b.receiver_lng },
        ...(b.info === undefined ? {} : { info: b.info }),
        status: DADA_STATUS.WAITING,
        statusMsg: DADA_STATUS_MSG[DADA_STATUS.WAITING],
        fee: priceOf(b.cargo_weight),
        distance: 0,
        deductFee: 0,
        cancelReason: '',
        cancelFrom: 0,
        createdAt: new Date().toISOString(),
      };
      store.put('order', o.origin_id, o);
      return o;
    });
  }

  const feeResult = (o: { fee: number; distance: number }) => ({ distance: o.distance, fee: o.fee, deliverFee: o.fee, couponFee: 0, tips: 0, insuranceFee: 0 });

  /** Posts the status callback Dada would send, and records the attempt and the reply. */
  async function notify(o: SandboxDeliveryOrder): Promise<DeliveryCallbackRecord> {
    const base = { client_id: o.client_id, order_id: o.origin_id, update_time: Math.floor(Date.now() / 1000) };
    const body: Record<string, unknown> = {
      ...base,
      order_status: o.status,
      repeat_reason_type: 0,
      cancel_reason: o.cancelReason,
      cancel_from: o.cancelFrom,
      signature: dadaCallbackSignature(base),
      ...(o.rider ? { dm_id: o.rider.id, dm_name: o.rider.name, dm_mobile: o.rider.phone } : {}),
    };
    const rec: DeliveryCallbackRecord = { id: randomUUID(), orderId: o.origin_id, url: o.callback, body, at: new Date().toISOString(), ok: false, httpStatus: null, reply: '' };
    try {
      const res = await fetch(o.callback, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
      rec.httpStatus = res.status;
      rec.reply = (await res.text()).slice(0, 1000);
      rec.ok = res.status === 200;
    } catch (e) {
      rec.error = (e as Error).message;
    }
    store.put('callback', rec.id, rec);
    ctx.log(`[sandbox:delivery] ${o.origin_id} ${o.statusMsg} → ${o.callback}: ${rec.httpStatus ?? rec.error}`);
    return rec;
  }

  /** The rider side: the QA host's simulation endpoints and the dashboard's buttons both come here. */
  function advance(originId: string, to: z.infer<typeof advanceSchema>['to']): SandboxDeliveryOrder {
    return store.transact(() => {
      const o = mustOrder(originId);
      const now = beijing();
      const next: SandboxDeliveryOrder = { ...o };
      const from = (...allowed: number[]) => {
        if (!allowed.includes(o.status)) throw new DadaFail(FAIL.BAD_STATE, `订单当前状态为${o.statusMsg}，不能${{ accept: '接单', fetch: '取货', finish: '完成', cancel: '取消' }[to]}`);
      };
      if (to === 'accept') {
        from(DADA_STATUS.WAITING);
        Object.assign(next, {
          status: DADA_STATUS.TO_PICK_UP,
          acceptTime: now,
          client_id: o.client_id || `${Date.now()}${randomInt(1000, 9999)}`,
          rider: { id: randomInt(100000, 999999), name: '达达测试骑手', phone: `139${String(randomInt(1e8)).padStart(8, '0')}` },
        });
      } else if (to === 'fetch') {
        from(DADA_STATUS.TO_PICK_UP, DADA_STATUS.RIDER_AT_STORE);
        Object.assign(next, { status: DADA_STATUS.DELIVERING, fetchTime: now });
      } else if (to === 'finish') {
        from(DADA_STATUS.DELIVERING);
        Object.assign(next, { status: DADA_STATUS.FINISHED, finishTime: now });
      } else {
        from(DADA_STATUS.WAITING, DADA_STATUS.TO_PICK_UP, DADA_STATUS.RIDER_AT_STORE, DADA_STATUS.DELIVERING);
        Object.assign(next, { status: DADA_STATUS.CANCELLED, cancelTime: now, cancelReason: '配送员取消（沙箱模拟）', cancelFrom: 1 });
      }
      next.statusMsg = DADA_STATUS_MSG[next.status];
      store.put('order', next.origin_id, next);
      return next;
    });
  }

  api('/api/order/queryDeliverFee', (body) => {
    const b = parse(orderBodySchema, body);
    const deliveryNo = `Dada${randomBytes(10).toString('hex')}`;
    const expiredTime = Math.floor(Date.now() / 1000) + 180;
    quotes.set(deliveryNo, { body: b, expires: expiredTime * 1000 });
    return { ...feeResult({ fee: priceOf(b.cargo_weight), distance: 0 }), deliveryNo, expiredTime };
  });

  api('/api/order/addAfterQuery', (body) => {
    const { deliveryNo } = parse(z.object({ deliveryNo: z.string().min(1) }), body);
    const q = quotes.get(deliveryNo);
    if (!q || q.expires < Date.now()) throw new DadaFail(FAIL.DELIVERY_NO, '平台订单号不存在或已过期，请重新查询运费');
    quotes.delete(deliveryNo);
    create(q.body);
    return null;
  });

  api('/api/order/addOrder', (body) => feeResult(create(parse(orderBodySchema, body))));

  api('/api/order/status/query', (body) => {
    const o = mustOrder(parse(orderIdSchema, body).order_id);
    return {
      orderId: o.origin_id,
      statusCode: o.status,
      statusMsg: o.statusMsg,
      transporterName: o.rider?.name ?? '',
      transporterPhone: o.rider?.phone ?? '',
      transporterLng: '',
      transporterLat: '',
      deliveryFee: o.fee,
      tips: 0,
      couponFee: 0,
      insuranceFee: 0,
      actualFee: o.status === DADA_STATUS.CANCELLED ? o.deductFee : o.fee,
      distance: o.distance,
      createTime: beijing(new Date(o.createdAt)),
      acceptTime: o.acceptTime ?? '',
      fetchTime: o.fetchTime ?? '',
      finishTime: o.finishTime ?? '',
      cancelTime: o.cancelTime ?? '',
      orderFinishCode: '',
      deductFee: o.deductFee,
    };
  });

  api('/api/order/formalCancel', async (body) => {
    const b = parse(cancelSchema, body);
    const cancelled = store.transact(() => {
      const o = mustOrder(b.order_id);
      if (![DADA_STATUS.WAITING, DADA_STATUS.TO_PICK_UP, DADA_STATUS.RIDER_AT_STORE].includes(o.status as 1 | 2 | 100)) {
        throw new DadaFail(FAIL.BAD_STATE, `订单当前状态为${o.statusMsg}，骑手取货后不能取消`);
      }
      // Dada charges the merchant once a rider has taken the order; the sandbox uses a flat ¥2.
      const next: SandboxDeliveryOrder = {
        ...o,
        status: DADA_STATUS.CANCELLED,
        statusMsg: DADA_STATUS_MSG[DADA_STATUS.CANCELLED],
        cancelTime: beijing(),
        cancelReason: b.cancel_reason ?? `取消原因 ${b.cancel_reason_id}`,
        cancelFrom: 2,
        deductFee: o.status === DADA_STATUS.WAITING ? 0 : 2,
      };
      store.put('order', next.origin_id, next);
      return next;
    });
    await notify(cancelled);
    return { deduct_fee: cancelled.deductFee };
  });

  // The QA host's simulation API (signed like the rest): it is how Dada lets a merchant test without a real rider.
  for (const to of ['accept', 'fetch', 'finish', 'cancel'] as const) {
    api(`/api/order/${to}`, async (body) => {
      await notify(advance(parse(orderIdSchema, body).order_id, to));
      return null;
    });
  }

  ctx.router.add('POST', `${P}/advance`, async (req, res) => {
    try {
      let raw: unknown;
      try {
        raw = JSON.parse(req.body.toString('utf8'));
      } catch {
        throw new DadaFail(FAIL.PARAMS, '请求体不是有效的 JSON');
      }
      const b = parse(advanceSchema, raw);
      const o = advance(b.originId, b.to);
      const callback = await notify(o);
      sendJson(res, 200, { order: o, callback });
    } catch (e) {
      if (!(e instanceof DadaFail)) throw e;
      sendJson(res, 400, { code: `DELIVERY_SANDBOX_${e.code}`, message: e.message });
    }
  });

  ctx.router.add('GET', `${P}/outbox`, (_req, res) => {
    sendJson(res, 200, {
      orders: store.list<SandboxDeliveryOrder>('order'),
      requests: store.list<DeliveryRequestRecord>('request'),
      callbacks: store.list<DeliveryCallbackRecord>('callback'),
    });
  });

  return {
    env: {
      DADA_APP_KEY: creds.appKey,
      DADA_APP_SECRET: creds.appSecret,
      DADA_SOURCE_ID: creds.sourceId,
      DADA_SHOP_NO: creds.shopNo,
      DADA_API_BASE: `${ctx.cloudUrl}${P}`,
      // The HTTP-triggered function that will handle delivery callbacks; no function by that name exists yet.
      DADA_CALLBACK_URL: `${ctx.cloudUrl}/http/deliveryNotify`,
    } as Record<string, string>,
    close: () => store.close(),
  };
}
