import { z } from 'zod';
import { orderMode } from '../schemas/common';
import { breakdown, order, orderEventRecord } from '../schemas/order';
import { orderStatus } from '../order-state/statuses';
import { MAX_QUANTITY } from '../pricing';
import type { ErrorCode } from './error-codes';

const cartItem = z
  .object({
    productId: z.string().min(1).max(64),
    /** Which SKU (大份 / 小份): required for a product with SKUs, refused for one without. */
    skuId: z.string().min(1).max(32).optional(),
    quantity: z.number().int().min(1, '数量至少为 1').max(MAX_QUANTITY, `数量最多为 ${MAX_QUANTITY}`),
    specs: z.record(z.string(), z.string()).optional(),
  })
  .strict();

/** Prices are never accepted from a client: `.strict()` turns a smuggled price field into INVALID_INPUT. */
export const quoteInput = z
  .object({
    storeId: z.string().min(1).max(64),
    mode: orderMode,
    items: z.array(cartItem).min(1, '购物车是空的').max(50),
    couponId: z.string().max(64).optional(),
    addressId: z.string().max(64).optional(),
  })
  .strict();

export const slotInput = z.object({ start: z.string().datetime({ offset: true }) }).strict();

export const createOrderInput = quoteInput
  .extend({
    idempotencyKey: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
    slot: slotInput.optional(),
    remark: z.string().max(100).default(''),
  })
  .strict();

export const orderIdInput = z.object({ orderId: z.string().min(1).max(64) }).strict();
export const listOrdersInput = z.object({ status: orderStatus.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(50).default(20) }).strict();
export const cancelOrderInput = orderIdInput.extend({ reason: z.string().max(100).optional() }).strict();
/** Units of one order line to refund: `line` is the line's index in the order's `items`. */
export const refundItemInput = z
  .object({
    line: z.number().int().min(0).max(49),
    quantity: z.number().int().min(1, '退款数量至少为 1').max(MAX_QUANTITY, `退款数量最多为 ${MAX_QUANTITY}`),
  })
  .strict();
/**
 * `items` asks for part of the order back (e.g. one dish of several); without it the whole order is refunded. The
 * amount is computed from the lines' payable amounts (domain `planRefund`), never taken from the client: a smuggled
 * `amountFen` is refused (`.strict()`).
 */
export const refundRequestInput = orderIdInput.extend({ reason: z.string().min(1, '请填写退款原因').max(100), items: z.array(refundItemInput).max(50).optional() }).strict();

export const prepayInput = orderIdInput;

export const merchantListInput = z
  .object({ tab: z.enum(['new', 'active', 'done', 'refund']).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(50) })
  .strict();
export const rejectInput = orderIdInput.extend({ reason: z.string().min(1, '请填写拒单原因').max(100) }).strict();
/** `orderId` (optional) is the order the merchant opened: the code must then be that order's. */
export const verifyCodeInput = z.object({ code: z.string().regex(/^\d{6}$/, '核销码为 6 位数字'), orderId: z.string().min(1).max(64).optional() }).strict();

// Replies. Orders and events are the stored documents (`schemas/order.ts`); views say what a role may not see.
export const quoteOutput = z.object({ breakdown });
export const orderOutput = z.object({ order });
export const listOrdersOutput = z.object({ orders: z.array(order) });
export const orderDetailOutput = z.object({ order, events: z.array(orderEventRecord) });

/** What `wx.requestPayment` takes, signed by the server. */
export const requestPaymentParams = z.object({
  appId: z.string(),
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string().startsWith('prepay_id='),
  signType: z.literal('RSA'),
  paySign: z.string(),
});
export const prepayOutput = z.object({ payment: requestPaymentParams });

/**
 * An order as store and platform staff see it: the pickup/check-in code proves the customer is at the counter, so
 * staff never get it (nor the app's idempotency key).
 */
export const staffOrderView = order.omit({ pickupCode: true, idempotencyKey: true });
export const merchantOrderOutput = z.object({ order: staffOrderView });
/** `allowed`: the merchantOrder actions this staff member's role may call, so the app offers only those. */
export const merchantListOutput = z.object({ orders: z.array(staffOrderView), storeId: z.string(), allowed: z.array(z.string()) });
export const merchantOrderDetailOutput = z.object({ order: staffOrderView, events: z.array(orderEventRecord) });
/** The caller opened the 新订单 tab: their new-order alerts for the store turn read (`seen`: how many did). */
export const newOrdersSeenInput = z.object({}).strict();
export const newOrdersSeenOutput = z.object({ seen: z.number().int().min(0) });

// Error codes, for the action tables. Pricing refuses a cart for any of these; moving an order can fail in three ways.
export const QUOTE_ERRORS = [
  'STORE_NOT_FOUND',
  'STORE_CLOSED',
  'MODE_NOT_SUPPORTED',
  'EMPTY_CART',
  'INVALID_QUANTITY',
  'PRODUCT_NOT_FOUND',
  'STORE_MISMATCH',
  'PRODUCT_OFF_SHELF',
  'DUPLICATE_ITEM',
  'INVALID_SPEC',
  'SKU_REQUIRED',
  'SKU_NOT_FOUND',
  'INVALID_PRICE',
  'OUT_OF_STOCK',
  'BELOW_MIN_ORDER',
  'ADDRESS_REQUIRED',
  'ADDRESS_NOT_FOUND',
  'OUT_OF_DELIVERY_RANGE',
  'COUPON_NOT_FOUND',
  'COUPON_UNAVAILABLE',
  'COUPON_NOT_APPLICABLE',
  'COUPON_EXPIRED',
  'COUPON_THRESHOLD_NOT_MET',
] as const satisfies readonly ErrorCode[];
export const CREATE_ERRORS = [...QUOTE_ERRORS, 'SLOT_REQUIRED', 'INVALID_SLOT', 'SLOT_FULL', 'ORDER_BUSY'] as const satisfies readonly ErrorCode[];
export const MOVE_ERRORS = ['ORDER_NOT_FOUND', 'ILLEGAL_TRANSITION', 'ORDER_BUSY'] as const satisfies readonly ErrorCode[];
