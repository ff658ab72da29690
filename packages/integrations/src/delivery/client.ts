import { z } from 'zod';
import { parseDadaConfig, type DadaConfig, type DadaConfigInput } from './config';
import { DadaError } from './errors';
import {
  addOrderResultSchema,
  dadaCallbackSchema,
  dadaResponseSchema,
  formalCancelResultSchema,
  queryDeliverFeeResultSchema,
  statusQueryResultSchema,
  type DadaCallback,
  type DadaStatusQueryResult,
} from './schemas';
import { dadaCallbackSignature, dadaSignature, dadaSignaturesEqual } from './sign';

export const deliveryOrderInputSchema = z.object({
  /** Our order id (Dada's origin_id); status queries and callbacks use it. */
  originId: z.string().min(1).max(64),
  /** Dada's city code, e.g. "021" for Shanghai. */
  cityCode: z.string().min(1),
  shopNo: z.string().min(1).optional(),
  cargoPriceFen: z.number().int().positive(),
  cargoWeightKg: z.number().positive(),
  /** Whether the rider pays the store on pickup (垫付). */
  prepay: z.boolean().default(false),
  receiver: z.object({
    name: z.string().min(1),
    address: z.string().min(1),
    phone: z.string().regex(/^1\d{10}$/, '收货人手机号应为 11 位'),
    /** GCJ-02, as Dada expects. */
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  }),
  info: z.string().max(512).optional(),
  callbackUrl: z.url().optional(),
});
export type DeliveryOrderInput = z.input<typeof deliveryOrderInputSchema>;

export const formalCancelInputSchema = z
  .object({
    originId: z.string().min(1),
    /** Dada's cancel reason id (1 没有配送员接单, 4 顾客取消订单, 36 我不需要配送了, 10000 其他 …). */
    reasonId: z.number().int().positive(),
    /** Required with reason 10000. */
    reason: z.string().max(256).optional(),
  })
  .refine((v) => v.reasonId !== 10000 || !!v.reason, { message: '取消原因为"其他"时需要填写说明', path: ['reason'] });
export type FormalCancelInput = z.input<typeof formalCancelInputSchema>;

export interface DeliveryQuote {
  distanceM: number;
  feeFen: number;
  deliverFeeFen: number;
}

export interface DeliveryStatus {
  originId: string;
  statusCode: number;
  statusMsg: string;
  rider?: { name: string; phone: string; lng?: string; lat?: string };
  actualFeeFen?: number;
  deductFeeFen?: number;
  raw: DadaStatusQueryResult;
}

export interface DadaClientOptions {
  fetch?: typeof fetch;
  now?: () => Date;
}

const toFen = (yuan: number) => Math.round(yuan * 100);
const toYuan = (fen: number) => Number((fen / 100).toFixed(2));

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new DadaError('DADA_INVALID_INPUT', `达达配送参数无效（${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}）`);
  return r.data;
}

function parseShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw new DadaError('DADA_RESPONSE_INVALID', `达达返回的${what}格式不符合预期`);
  return r.data;
}

/** A Dada open-platform client: quote, place, cancel and query deliveries, and read status callbacks. */
export function createDadaClient(configInput: DadaConfig | DadaConfigInput, options: DadaClientOptions = {}) {
  const config = parseDadaConfig(configInput);
  const doFetch = options.fetch ?? fetch;
  const clock = options.now ?? (() => new Date());

  async function call(path: string, body: unknown): Promise<unknown> {
    const params: Record<string, string> = {
      app_key: config.appKey,
      body: JSON.stringify(body),
      format: 'json',
      v: '1.0',
      source_id: config.sourceId,
      timestamp: String(Math.floor(clock().getTime() / 1000)),
    };
    let res: Response;
    try {
      res = await doFetch(`${config.apiBase}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ ...params, signature: dadaSignature(params, config.appSecret) }),
      });
    } catch (e) {
      throw new DadaError('DADA_NETWORK', `无法连接达达开放平台，请稍后重试（${(e as Error).message}）`);
    }
    let json: unknown;
    try {
      json = JSON.parse(await res.text());
    } catch {
      throw new DadaError('DADA_RESPONSE_INVALID', `达达返回了无法解析的内容（HTTP ${res.status}）`, { status: res.status });
    }
    const reply = parseShape(dadaResponseSchema, json, '应答');
    if (reply.code !== 0 || reply.status !== 'success') {
      throw new DadaError('DADA_API_ERROR', `达达配送请求失败（${reply.code}：${reply.msg}）`, { dadaCode: reply.code, dadaMessage: reply.msg, status: res.status });
    }
    return reply.result;
  }

  function orderBody(input: DeliveryOrderInput) {
    const v = parseInput(deliveryOrderInputSchema, input);
    const shopNo = v.shopNo ?? config.shopNo;
    const callback = v.callbackUrl ?? config.callbackUrl;
    if (!shopNo) throw new DadaError('DADA_CONFIG_INVALID', '未配置达达门店编号（DADA_SHOP_NO）');
    if (!callback) throw new DadaError('DADA_CONFIG_INVALID', '未配置达达回调地址（DADA_CALLBACK_URL）');
    return {
      shop_no: shopNo,
      origin_id: v.originId,
      city_code: v.cityCode,
      cargo_price: toYuan(v.cargoPriceFen),
      is_prepay: v.prepay ? 1 : 0,
      receiver_name: v.receiver.name,
      receiver_address: v.receiver.address,
      receiver_phone: v.receiver.phone,
      receiver_lat: v.receiver.lat,
      receiver_lng: v.receiver.lng,
      callback,
      cargo_weight: v.cargoWeightKg,
      ...(v.info === undefined ? {} : { info: v.info }),
    };
  }

  const quote = (r: z.infer<typeof addOrderResultSchema>): DeliveryQuote => ({ distanceM: Math.round(r.distance), feeFen: toFen(r.fee), deliverFeeFen: toFen(r.deliverFee) });

  /** Places the delivery; Dada starts looking for a rider at once. */
  async function addOrder(input: DeliveryOrderInput): Promise<DeliveryQuote> {
    return quote(parseShape(addOrderResultSchema, await call('/api/order/addOrder', orderBody(input)), '下单结果'));
  }

  /** Prices a delivery without placing it; `deliveryNo` stays valid until `expiredTime` (addAfterQuery places it). */
  async function queryDeliverFee(input: DeliveryOrderInput): Promise<DeliveryQuote & { deliveryNo: string }> {
    const r = parseShape(queryDeliverFeeResultSchema, await call('/api/order/queryDeliverFee', orderBody(input)), '运费查询结果');
    return { ...quote(r), deliveryNo: r.deliveryNo };
  }

  /** Cancels before pickup; after a rider accepted, Dada may deduct a fee (returned in fen). */
  async function formalCancel(input: FormalCancelInput): Promise<{ deductFeeFen: number }> {
    const v = parseInput(formalCancelInputSchema, input);
    const r = parseShape(
      formalCancelResultSchema,
      await call('/api/order/formalCancel', {
        order_id: v.originId,
        cancel_reason_id: v.reasonId,
        ...(v.reason === undefined ? {} : { cancel_reason: v.reason }),
      }),
      '取消结果',
    );
    return { deductFeeFen: toFen(r.deduct_fee) };
  }

  async function queryStatus(originId: string): Promise<DeliveryStatus> {
    const id = parseInput(z.string().min(1), originId);
    const r = parseShape(statusQueryResultSchema, await call('/api/order/status/query', { order_id: id }), '订单状态');
    return {
      originId: r.orderId,
      statusCode: r.statusCode,
      statusMsg: r.statusMsg,
      ...(r.transporterName ? { rider: { name: r.transporterName, phone: r.transporterPhone ?? '', lng: r.transporterLng, lat: r.transporterLat } } : {}),
      ...(r.actualFee === undefined ? {} : { actualFeeFen: toFen(r.actualFee) }),
      ...(r.deductFee === undefined ? {} : { deductFeeFen: toFen(r.deductFee) }),
      raw: r,
    };
  }

  /**
   * For the HTTP-triggered callback function: checks the callback's shape and signature, then asks Dada for the
   * order's status, because the signature uses no secret and anyone could post one. Apply `status`, not
   * `callback.order_status`; use `callback.update_time` to drop events older than the one last applied.
   */
  async function readCallback({ rawBody }: { rawBody: string }): Promise<{ callback: DadaCallback; status: DeliveryStatus }> {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw new DadaError('DADA_CALLBACK_INVALID', '达达回调内容不是有效的 JSON');
    }
    const r = dadaCallbackSchema.safeParse(json);
    if (!r.success) throw new DadaError('DADA_CALLBACK_INVALID', `达达回调字段不完整（${r.error.issues.map((i) => i.path.join('.')).join(', ')}）`);
    if (!dadaSignaturesEqual(dadaCallbackSignature(r.data), r.data.signature)) throw new DadaError('DADA_CALLBACK_SIGNATURE_INVALID', '达达回调签名校验失败');
    return { callback: r.data, status: await queryStatus(r.data.order_id) };
  }

  return { addOrder, queryDeliverFee, formalCancel, queryStatus, readCallback };
}

export type DadaClient = ReturnType<typeof createDadaClient>;

/** HTTP reply for the callback function: Dada treats anything but 200 as not delivered. */
export const deliveryCallbackReply = (ok: boolean, message = '') =>
  ok
    ? { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'ok' }) }
    : { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'fail', msg: message }) };
