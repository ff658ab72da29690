import { z } from 'zod';

/** Dada's order_status / statusCode values. */
export const DADA_STATUS = {
  WAITING: 1, // 待接单
  TO_PICK_UP: 2, // 待取货
  DELIVERING: 3, // 配送中
  FINISHED: 4, // 已完成
  CANCELLED: 5, // 已取消
  EXPIRED: 7, // 已过期
  ASSIGNED: 8, // 指派单
  RETURNING: 9, // 妥投异常之物品返回中
  RETURNED: 10, // 妥投异常之物品返回完成
  RIDER_AT_STORE: 100, // 骑士到店
  CREATE_FAILED: 1000, // 创建达达运单失败
} as const;

export const DADA_STATUS_MSG: Record<number, string> = {
  1: '待接单',
  2: '待取货',
  3: '配送中',
  4: '已完成',
  5: '已取消',
  7: '已过期',
  8: '指派单',
  9: '妥投异常之物品返回中',
  10: '妥投异常之物品返回完成',
  100: '骑士到店',
  1000: '创建达达运单失败',
};

/** What every request carries; `body` is the business JSON as a string. */
export const dadaEnvelopeSchema = z.object({
  app_key: z.string(),
  body: z.string(),
  format: z.literal('json'),
  v: z.literal('1.0'),
  source_id: z.string(),
  timestamp: z.union([z.string(), z.number()]).transform(String),
  signature: z.string(),
});
export type DadaEnvelope = z.infer<typeof dadaEnvelopeSchema>;

export const dadaResponseSchema = z.object({
  status: z.enum(['success', 'fail']),
  code: z.number().int(),
  msg: z.string(),
  result: z.unknown().optional(),
});

/** Dada's money is yuan with decimals; ours is integer fen. */
const yuan = z.number().nonnegative();

export const addOrderResultSchema = z.object({ distance: z.number().nonnegative(), fee: yuan, deliverFee: yuan, couponFee: yuan.optional(), tips: yuan.optional(), insuranceFee: yuan.optional() });
export const queryDeliverFeeResultSchema = addOrderResultSchema.extend({ deliveryNo: z.string().min(1), expiredTime: z.number().int().optional() });
export const formalCancelResultSchema = z.object({ deduct_fee: yuan });

export const statusQueryResultSchema = z.object({
  orderId: z.string(),
  statusCode: z.number().int(),
  statusMsg: z.string(),
  transporterName: z.string().optional(),
  transporterPhone: z.string().optional(),
  transporterLng: z.string().optional(),
  transporterLat: z.string().optional(),
  deliveryFee: yuan.optional(),
  actualFee: yuan.optional(),
  deductFee: yuan.optional(),
  distance: z.number().optional(),
  createTime: z.string().optional(),
  acceptTime: z.string().optional(),
  fetchTime: z.string().optional(),
  finishTime: z.string().optional(),
  cancelTime: z.string().optional(),
});
export type DadaStatusQueryResult = z.infer<typeof statusQueryResultSchema>;

/** The JSON Dada posts to an order's callback URL on every status change. */
export const dadaCallbackSchema = z.object({
  client_id: z.string(),
  order_id: z.string().min(1),
  order_status: z.number().int(),
  repeat_reason_type: z.number().int().optional(),
  cancel_reason: z.string().default(''),
  cancel_from: z.number().int().default(0),
  /** Seconds (milliseconds for status 1000): order events by it and ignore one older than what was applied. */
  update_time: z.number().int(),
  signature: z.string(),
  dm_id: z.number().int().optional(),
  dm_name: z.string().optional(),
  dm_mobile: z.string().optional(),
  finish_code: z.string().optional(),
});
export type DadaCallback = z.infer<typeof dadaCallbackSchema>;
