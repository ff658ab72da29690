import { z } from 'zod';
import { fen, id, orderMode } from './common';
import { orderStatus } from '../order-state/statuses';

export const priceLine = z.object({ productId: id, name: z.string(), specLabel: z.string().optional(), unitPriceFen: fen, quantity: z.number().int().min(1), subtotalFen: fen });
export const discountLine = z.object({ kind: z.enum(['full_reduction', 'coupon', 'new_user']), label: z.string(), amountFen: fen });
export const breakdown = z.object({
  lines: z.array(priceLine),
  itemsFen: fen,
  packagingFen: fen,
  deliveryFen: fen,
  discounts: z.array(discountLine),
  totalFen: fen,
});
export type Breakdown = z.infer<typeof breakdown>;
export type PriceLine = z.infer<typeof priceLine>;

export const orderAddress = z.object({ contact: z.string(), phone: z.string(), text: z.string(), location: z.object({ lng: z.number(), lat: z.number() }) });
export const orderSlot = z.object({ slotId: id, start: z.string(), end: z.string() });

export const order = z.object({
  _id: id,
  _openid: z.string(),
  orderNo: z.string(),
  storeId: id,
  storeName: z.string(),
  region: z.string(),
  mode: orderMode,
  status: orderStatus,
  statusBeforeRefund: orderStatus.optional(),
  items: z.array(priceLine),
  breakdown,
  totalFen: fen,
  userCouponId: z.string().optional(),
  pickupCode: z.string().optional(),
  address: orderAddress.optional(),
  slot: orderSlot.optional(),
  remark: z.string(),
  idempotencyKey: z.string(),
  rejectReason: z.string().optional(),
  refundReason: z.string().optional(),
  refundRequestedFen: fen.optional(),
  refundedFen: fen.optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  payBefore: z.string(),
  prepayId: z.string().optional(),
  prepayAt: z.string().optional(),
  paidAt: z.string().optional(),
  acceptedAt: z.string().optional(),
  completedAt: z.string().optional(),
});
export type Order = z.infer<typeof order>;

export const orderEventRecord = z.object({
  _id: id,
  orderId: id,
  _openid: z.string(),
  storeId: id,
  from: orderStatus.nullable(),
  to: orderStatus,
  event: z.string(),
  by: z.object({ role: z.enum(['consumer', 'merchant', 'system', 'admin']), id: z.string() }),
  reason: z.string(),
  at: z.string(),
});
export type OrderEventRecord = z.infer<typeof orderEventRecord>;

export const payment = z.object({
  _id: z.string(), // = out_trade_no, so a resent notification can never record a second payment
  orderId: id,
  provider: z.enum(['wechatpay']),
  amountFen: fen,
  transactionId: z.string(),
  payerOpenid: z.string().optional(),
  paidAt: z.string(),
  recordedAt: z.string(),
});
export type Payment = z.infer<typeof payment>;

export const refund = z.object({
  _id: z.string(), // = out_refund_no, deterministic from the order, so retries are safe
  orderId: id,
  amountFen: fen,
  reason: z.string(),
  status: z.enum(['processing', 'succeeded', 'abnormal', 'closed']),
  createdAt: z.string(),
  settledAt: z.string().optional(),
});
export type Refund = z.infer<typeof refund>;
