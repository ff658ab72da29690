import { z } from 'zod';

export const ORDER_STATUSES = [
  'reserving',
  'pending_payment',
  'paid',
  'accepted',
  'ready',
  'delivering',
  'delivered',
  'ready_for_pickup',
  'picked_up',
  'confirmed',
  'checked_in',
  'completed',
  'cancelled',
  'rejected',
  'refund_requested',
  'refunding',
  'refunded',
  'refund_closed',
] as const;
export const orderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatus>;

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  // Still taking its stock, slot and coupon inside order.create: no list, merchant or payment sees it. It becomes
  // pending_payment, or the expiry job gives back what it took and cancels it.
  reserving: '提交中',
  pending_payment: '待支付',
  paid: '待商家接单',
  accepted: '商家已接单',
  ready: '待配送',
  delivering: '配送中',
  delivered: '已送达',
  ready_for_pickup: '待取餐',
  picked_up: '已取货',
  confirmed: '预约已确认',
  checked_in: '已到店',
  completed: '已完成',
  cancelled: '已取消',
  rejected: '商家已拒单',
  refund_requested: '退款申请中',
  refunding: '退款中',
  refunded: '已退款',
  refund_closed: '退款已关闭',
};

/**
 * States nothing leaves. `rejected` is not one: the money still has to go back (rejected → refunding).
 * `refund_closed`: the gateway could not refund and platform staff closed the refund with a reason (settled offline).
 */
export const TERMINAL_STATUSES: readonly OrderStatus[] = ['completed', 'cancelled', 'refunded', 'refund_closed'];
