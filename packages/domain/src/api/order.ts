import { z } from 'zod';
import { orderMode } from '../schemas/common';
import { orderStatus } from '../order-state/statuses';
import { MAX_QUANTITY } from '../pricing';

const cartItem = z.object({
  productId: z.string().min(1).max(64),
  quantity: z.number().int().min(1, '数量至少为 1').max(MAX_QUANTITY, `数量最多为 ${MAX_QUANTITY}`),
  specs: z.record(z.string(), z.string()).optional(),
}).strict();

/** Prices are never accepted from a client: `.strict()` turns a smuggled price field into INVALID_INPUT. */
export const quoteInput = z.object({
  storeId: z.string().min(1).max(64),
  mode: orderMode,
  items: z.array(cartItem).min(1, '购物车是空的').max(50),
  couponId: z.string().max(64).optional(),
  addressId: z.string().max(64).optional(),
}).strict();

export const slotInput = z.object({ start: z.string().datetime({ offset: true }) }).strict();

export const createOrderInput = quoteInput.extend({
  idempotencyKey: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/),
  slot: slotInput.optional(),
  remark: z.string().max(100).default(''),
}).strict();

export const orderIdInput = z.object({ orderId: z.string().min(1).max(64) }).strict();
export const listOrdersInput = z.object({ status: orderStatus.optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(50).default(20) }).strict();
export const cancelOrderInput = orderIdInput.extend({ reason: z.string().max(100).optional() }).strict();
/** `amountFen` asks for part of the money back (e.g. one dish of several); without it the whole order is refunded. */
export const refundRequestInput = orderIdInput.extend({ reason: z.string().min(1, '请填写退款原因').max(100), amountFen: z.number().int().min(1).optional() }).strict();

export const prepayInput = orderIdInput;

export const merchantListInput = z.object({ tab: z.enum(['new', 'active', 'done', 'refund']).optional(), offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(100).default(50) }).strict();
export const rejectInput = orderIdInput.extend({ reason: z.string().min(1, '请填写拒单原因').max(100) }).strict();
export const verifyCodeInput = z.object({ code: z.string().regex(/^\d{6}$/, '核销码为 6 位数字') }).strict();
