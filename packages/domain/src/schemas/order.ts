import { z } from 'zod';
import { fen, id, orderMode } from './common';
import { orderStatus } from '../order-state/statuses';

export const discountKind = z.enum(['full_reduction', 'coupon', 'new_user']);
export type DiscountKind = z.infer<typeof discountKind>;
/** A line's share of one order-level discount (apportioned by pricing; see pricing/lines.ts). */
export const lineDiscount = z.object({ kind: discountKind, amountFen: fen });
/**
 * `discounts` and `payableFen` (subtotal minus the line's discount shares) are set by pricing since discounts were
 * apportioned to lines; orders stored before have neither, and `pricedLines` (pricing/lines.ts) works them out.
 */
export const priceLine = z.object({
  productId: id,
  name: z.string(),
  /** The SKU ordered (大份) when the product has SKUs: its id, and its label as it was when ordered. */
  skuId: z.string().optional(),
  skuLabel: z.string().optional(),
  specLabel: z.string().optional(),
  unitPriceFen: fen,
  quantity: z.number().int().min(1),
  subtotalFen: fen,
  discounts: z.array(lineDiscount).optional(),
  payableFen: fen.optional(),
});
export const discountLine = z.object({ kind: discountKind, label: z.string(), amountFen: fen });
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
export type DiscountLine = z.infer<typeof discountLine>;

/** Units of one order line (`line`: its index in `items`) a refund gives back, and the money that is for them. */
export const refundLine = z.object({ line: z.number().int().min(0), quantity: z.number().int().min(1), amountFen: fen });
export type RefundLine = z.infer<typeof refundLine>;

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
  /** The lines the open refund request covers (absent on orders requested before lines were recorded: the whole order). */
  refundRequestedLines: z.array(refundLine).optional(),
  refundedFen: fen.optional(),
  /** The lines refunds gave back, so no line's units are refunded twice (see refund.ts). */
  refundedLines: z.array(refundLine).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  payBefore: z.string(),
  /** Random key of what order.create took (products' and the slot's `holds`); not the order number, products are public. */
  holdId: z.string().optional(),
  /** The openid prepay asked WeChat Pay to charge: a payment by anyone else is refused. */
  payerOpenid: z.string().optional(),
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
  /** The order lines this refund gives back; `amountFen` minus their amounts is the order-level fees it returns. */
  lines: z.array(refundLine).optional(),
  reason: z.string(),
  /** `superseded`: staff retried it under a new out_refund_no (`retriedAs`). */
  status: z.enum(['processing', 'succeeded', 'abnormal', 'closed', 'superseded']),
  storeId: id.optional(),
  region: z.string().optional(),
  /** Failed requests to the gateway, and the last failure: the refund job gives up (abnormal) after a few. */
  attempts: z.number().int().min(0).optional(),
  lastError: z.string().optional(),
  retriedAs: z.string().optional(),
  /** Staff closed it (the money went back another way, or not at all): why, when. */
  closeReason: z.string().optional(),
  closedAt: z.string().optional(),
  createdAt: z.string(),
  settledAt: z.string().optional(),
});
export type Refund = z.infer<typeof refund>;

/** A payment notification or query that was refused and needs a person: e.g. paid by someone who is not the buyer. */
export const paymentAlert = z.object({
  _id: z.string(),
  kind: z.enum(['payer_mismatch']),
  orderId: z.string(),
  storeId: id,
  region: z.string(),
  transactionId: z.string(),
  amountFen: fen,
  expectedPayer: z.string(),
  payer: z.string(),
  at: z.string(),
});
export type PaymentAlert = z.infer<typeof paymentAlert>;
