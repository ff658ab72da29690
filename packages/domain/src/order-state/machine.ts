import { DomainError } from '../errors';
import type { OrderMode } from '../schemas/common';
import { ORDER_STATUS_LABELS, TERMINAL_STATUSES, type OrderStatus } from './statuses';

export type Actor = 'consumer' | 'merchant' | 'system' | 'admin';
/** Who moved an order, as timelines name them. */
export const ACTOR_LABELS: Record<Actor, string> = { consumer: '顾客', merchant: '商家', system: '系统', admin: '平台' };

export const ORDER_EVENTS = [
  'reserve',
  'abandon',
  'pay',
  'cancel',
  'expire',
  'accept',
  'reject',
  'autoReject',
  'markReady',
  'handOver',
  'deliver',
  'pickUp',
  'confirm',
  'checkIn',
  'complete',
  'requestRefund',
  'approveRefund',
  'declineRefund',
  'startRefund',
  'refundSucceeded',
  'closeRefund',
] as const;
export type OrderEvent = (typeof ORDER_EVENTS)[number];

interface Transition {
  event: OrderEvent;
  from: OrderStatus[];
  to: OrderStatus | 'before_refund';
  actors: Actor[];
  modes?: OrderMode[];
  label: string;
}

const FULFILMENT: OrderStatus[] = ['paid', 'accepted', 'ready', 'delivering', 'delivered', 'ready_for_pickup', 'picked_up', 'confirmed', 'checked_in'];

/**
 * The one table of order moves, for all three fulfilment modes. Every function checks moves against it and the apps
 * derive their buttons from it. A declined refund returns the order to where it was (`before_refund`); a partial
 * refund still ends in `refunded` (the order stops; `refundedFen` says how much went back).
 */
export const TRANSITIONS: Transition[] = [
  { event: 'reserve', from: ['reserving'], to: 'pending_payment', actors: ['consumer'], label: '下单' },
  { event: 'abandon', from: ['reserving'], to: 'cancelled', actors: ['system'], label: '下单未完成' },
  { event: 'pay', from: ['pending_payment'], to: 'paid', actors: ['system'], label: '支付成功' },
  { event: 'cancel', from: ['pending_payment'], to: 'cancelled', actors: ['consumer', 'admin'], label: '取消订单' },
  { event: 'expire', from: ['pending_payment'], to: 'cancelled', actors: ['system'], label: '超时未支付' },
  { event: 'accept', from: ['paid'], to: 'accepted', actors: ['merchant'], modes: ['delivery', 'pickup'], label: '接单' },
  { event: 'confirm', from: ['paid'], to: 'confirmed', actors: ['merchant'], modes: ['booking'], label: '确认预约' },
  { event: 'reject', from: ['paid'], to: 'rejected', actors: ['merchant'], label: '拒单' },
  { event: 'autoReject', from: ['paid'], to: 'rejected', actors: ['system'], label: '商家超时未接单' },
  { event: 'markReady', from: ['accepted'], to: 'ready', actors: ['merchant'], modes: ['delivery'], label: '出餐完成' },
  { event: 'markReady', from: ['accepted'], to: 'ready_for_pickup', actors: ['merchant'], modes: ['pickup'], label: '备货完成' },
  { event: 'handOver', from: ['ready'], to: 'delivering', actors: ['merchant', 'system'], modes: ['delivery'], label: '交付配送' },
  { event: 'deliver', from: ['delivering'], to: 'delivered', actors: ['merchant', 'system'], modes: ['delivery'], label: '已送达' },
  { event: 'pickUp', from: ['ready_for_pickup'], to: 'picked_up', actors: ['merchant'], modes: ['pickup'], label: '核销取货' },
  { event: 'checkIn', from: ['confirmed'], to: 'checked_in', actors: ['merchant'], modes: ['booking'], label: '核销到店' },
  { event: 'complete', from: ['delivered', 'picked_up', 'checked_in'], to: 'completed', actors: ['consumer', 'system', 'merchant'], label: '完成' },
  { event: 'requestRefund', from: FULFILMENT, to: 'refund_requested', actors: ['consumer'], label: '申请退款' },
  { event: 'approveRefund', from: ['refund_requested'], to: 'refunding', actors: ['merchant', 'admin', 'system'], label: '同意退款' },
  { event: 'declineRefund', from: ['refund_requested'], to: 'before_refund', actors: ['merchant', 'admin'], label: '拒绝退款' },
  { event: 'startRefund', from: ['rejected'], to: 'refunding', actors: ['system'], label: '发起退款' },
  { event: 'refundSucceeded', from: ['refunding'], to: 'refunded', actors: ['system'], label: '退款成功' },
  { event: 'closeRefund', from: ['refunding'], to: 'refund_closed', actors: ['admin'], label: '关闭退款' },
];

/**
 * What reaching a status writes on the order besides the status: the time it got there (`at`) and/or the status it
 * came from (`from`). Keyed by the status reached, not by the move, so a declined refund returning an order to paid
 * or accepted stamps it again, as every move into that status does (the accept timeout counts from the latest paidAt).
 */
export type OrderStampField = 'paidAt' | 'acceptedAt' | 'completedAt';
export const STATUS_STAMPS: Partial<Record<OrderStatus, { at?: OrderStampField; from?: 'statusBeforeRefund' }>> = {
  paid: { at: 'paidAt' },
  accepted: { at: 'acceptedAt' },
  confirmed: { at: 'acceptedAt' },
  completed: { at: 'completedAt' },
  refund_requested: { from: 'statusBeforeRefund' },
};

/** The fields a move from `from` to `to` at `at` stamps, by STATUS_STAMPS. */
export function stampsFor(from: OrderStatus, to: OrderStatus, at: string): Partial<Record<OrderStampField, string>> & { statusBeforeRefund?: OrderStatus } {
  const s = STATUS_STAMPS[to];
  return { ...(s?.at ? { [s.at]: at } : {}), ...(s?.from ? { [s.from]: from } : {}) };
}

export interface OrderLike {
  status: OrderStatus;
  mode: OrderMode;
  statusBeforeRefund?: OrderStatus;
}

function find(order: OrderLike, event: OrderEvent, actor: Actor): Transition | undefined {
  return TRANSITIONS.find((t) => t.event === event && t.from.includes(order.status) && t.actors.includes(actor) && (!t.modes || t.modes.includes(order.mode)));
}

/** The state an event moves the order to, or ILLEGAL_TRANSITION naming the current state in Chinese. */
export function transition(order: OrderLike, event: OrderEvent, actor: Actor): { to: OrderStatus; label: string } {
  const t = find(order, event, actor);
  if (!t) {
    throw new DomainError('ILLEGAL_TRANSITION', `订单当前状态为「${ORDER_STATUS_LABELS[order.status]}」，无法执行该操作`, { from: order.status, event, actor });
  }
  if (t.to === 'before_refund') {
    if (!order.statusBeforeRefund) throw new DomainError('ILLEGAL_TRANSITION', '找不到退款前的订单状态', { event });
    return { to: order.statusBeforeRefund, label: t.label };
  }
  return { to: t.to, label: t.label };
}

/** What this actor may do next: the apps show exactly these buttons. */
export function nextEvents(order: OrderLike, actor: Actor): { event: OrderEvent; label: string }[] {
  return TRANSITIONS.filter((t) => t.from.includes(order.status) && t.actors.includes(actor) && (!t.modes || t.modes.includes(order.mode))).map((t) => ({ event: t.event, label: t.label }));
}

export const isTerminal = (s: OrderStatus) => TERMINAL_STATUSES.includes(s);
