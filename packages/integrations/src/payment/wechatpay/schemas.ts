import { z } from 'zod';

/** Merchant order numbers: 6–32 of [A-Za-z0-9_-|*], unique per mchid. */
export const outTradeNoSchema = z.string().regex(/^[A-Za-z0-9_\-|*]{6,32}$/, '商户订单号须为 6–32 位字母、数字或 _-|*');
/** Merchant refund numbers: up to 64 of [A-Za-z0-9_-|*@]. */
export const outRefundNoSchema = z.string().regex(/^[A-Za-z0-9_\-|*@]{1,64}$/, '商户退款单号须为 1–64 位字母、数字或 _-|*@');

export const tradeStateSchema = z.enum(['SUCCESS', 'REFUND', 'NOTPAY', 'CLOSED', 'REVOKED', 'USERPAYING', 'PAYERROR']);

/** A transaction as returned by the query API and inside TRANSACTION.* notifications. */
export const transactionSchema = z.object({
  appid: z.string(),
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  trade_type: z.string().optional(),
  trade_state: tradeStateSchema,
  trade_state_desc: z.string().optional(),
  bank_type: z.string().optional(),
  attach: z.string().optional(),
  success_time: z.string().optional(),
  payer: z.object({ openid: z.string() }).optional(),
  amount: z.object({
    total: z.number().int(),
    payer_total: z.number().int().optional(),
    currency: z.string().optional(),
    payer_currency: z.string().optional(),
  }),
});
export type Transaction = z.infer<typeof transactionSchema>;

export const refundStatusSchema = z.enum(['SUCCESS', 'CLOSED', 'PROCESSING', 'ABNORMAL']);

const refundAmountSchema = z.object({
  total: z.number().int(),
  refund: z.number().int(),
  payer_total: z.number().int().optional(),
  payer_refund: z.number().int().optional(),
  currency: z.string().optional(),
});

/** A refund as returned by the create/query APIs (which call the field `status`). */
export const refundSchema = z.object({
  refund_id: z.string(),
  out_refund_no: z.string(),
  transaction_id: z.string().optional(),
  out_trade_no: z.string(),
  channel: z.string().optional(),
  user_received_account: z.string().optional(),
  success_time: z.string().optional(),
  create_time: z.string().optional(),
  status: refundStatusSchema,
  funds_account: z.string().optional(),
  amount: refundAmountSchema,
});
export type Refund = z.infer<typeof refundSchema>;

/** The decrypted resource of a REFUND.* notification (which calls the field `refund_status`). */
export const refundNoticeSchema = z.object({
  mchid: z.string(),
  out_trade_no: z.string(),
  transaction_id: z.string().optional(),
  out_refund_no: z.string(),
  refund_id: z.string(),
  refund_status: refundStatusSchema,
  success_time: z.string().optional(),
  user_received_account: z.string().optional(),
  amount: refundAmountSchema,
});
export type RefundNotice = z.infer<typeof refundNoticeSchema>;

export const encryptedResourceSchema = z.object({
  original_type: z.string().optional(),
  algorithm: z.string(),
  ciphertext: z.string().min(1),
  associated_data: z.string().optional(),
  nonce: z.string().min(1),
});

/** The (still encrypted) notification envelope WeChat Pay POSTs to notify_url. */
export const notificationSchema = z.object({
  id: z.string(),
  create_time: z.string(),
  event_type: z.string(),
  resource_type: z.string(),
  summary: z.string().optional(),
  resource: encryptedResourceSchema,
});
export type Notification = z.infer<typeof notificationSchema>;

/** WeChat Pay's error body on 4xx/5xx. */
export const apiErrorSchema = z.object({ code: z.string(), message: z.string().optional() });
