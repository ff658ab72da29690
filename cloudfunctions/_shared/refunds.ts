import type { Order } from '@daojia/domain';
import { db, _, nowIso } from '@daojia/function-kit';
import { getOrder, moveOrder, orders, releaseReservations, returnCoupon, isDuplicate, type Who } from './orders';
import { wechatPay } from './payment-client';

/** One refund per order (a partial refund also ends the order), so the out_refund_no is derived from it. */
export const refundNo = (orderId: string) => `RF${orderId}`.slice(0, 64);

interface RefundDoc { _id: string; orderId: string; amountFen: number; reason: string; status: 'processing' | 'succeeded' | 'closed' | 'abnormal' }

/** What the gateway says about a refund, from a notification or a query. */
export interface RefundOutcome { outRefundNo: string; outTradeNo: string; status: string; refundFen: number }

export class RefundMismatch extends Error {}

const system: Who = { role: 'system', id: 'wechatpay' };
const refunds = () => db.collection('refunds');

async function findRefund(outRefundNo: string): Promise<RefundDoc | undefined> {
  return (await refunds().doc(outRefundNo).get()).data[0] as RefundDoc | undefined;
}

/**
 * Asks the gateway to refund. The first caller writes the refund record; every retry (a crash, an overlapping
 * timer) resends exactly what that record says under the same out_refund_no, which the gateway treats as the same
 * refund. Returns true for the caller that wrote the record.
 */
export async function startRefund(order: Order, amountFen: number, reason: string): Promise<boolean> {
  const outRefundNo = refundNo(order._id);
  let created = true;
  try {
    await refunds().add({ _id: outRefundNo, orderId: order._id, amountFen, reason, status: 'processing', createdAt: nowIso() });
  } catch (e) {
    if (!isDuplicate(e)) throw e;
    created = false;
  }
  const refund = created ? { amountFen, reason } : (await findRefund(outRefundNo))!;
  const result = await wechatPay().refund({ outTradeNo: order._id, outRefundNo, reason: refund.reason, refundFen: refund.amountFen, totalFen: order.totalFen });
  if (result.status === 'SUCCESS') await settleRefund({ outRefundNo, outTradeNo: result.out_trade_no, status: result.status, refundFen: result.amount.refund });
  return created;
}

/**
 * A refund's final word, applied once. It must describe the refund we asked for (same order, same amount), or it
 * is refused before anything changes. Every step is idempotent, so a crash half-way is finished by the next
 * notification or by reconciliation.
 */
export async function settleRefund(outcome: RefundOutcome) {
  const refund = await findRefund(outcome.outRefundNo);
  if (!refund) throw new RefundMismatch(`unknown refund ${outcome.outRefundNo}`);
  if (refund.orderId !== outcome.outTradeNo) throw new RefundMismatch(`refund ${outcome.outRefundNo} belongs to ${refund.orderId}, not ${outcome.outTradeNo}`);
  if (refund.amountFen !== outcome.refundFen) throw new RefundMismatch(`refund amount ${outcome.refundFen} differs from the ${refund.amountFen} asked for`);
  if (outcome.status !== 'SUCCESS') {
    await refunds().where({ _id: refund._id, status: 'processing' }).update({ status: outcome.status === 'CLOSED' ? 'closed' : 'abnormal' });
    return;
  }
  await refunds().where({ _id: refund._id, status: _.neq('succeeded') }).update({ status: 'succeeded', settledAt: nowIso() });
  const order = await getOrder(refund.orderId);
  // Before the order shows refunded, so whoever sees it refunded sees the coupon back too.
  if (refund.amountFen === order.totalFen) await returnCoupon(order, ['locked', 'used']);
  if (order.status === 'refunding') {
    try {
      await moveOrder(order._id, 'refundSucceeded', system, { set: { refundedFen: refund.amountFen } });
    } catch (e) {
      if ((await getOrder(order._id)).status !== 'refunded') throw e;
    }
  } else if (order.status === 'cancelled') {
    // A late payment for an order that had already closed: it stays cancelled, the apps show the money went back.
    await orders().where({ _id: order._id, status: 'cancelled' }).update({ refundedFen: refund.amountFen });
  }
}

/**
 * rejected → refunding → full refund. Run by the rejecting call and again by the reconcile sweep if that call died
 * half-way; each step tolerates the other doing it at the same moment.
 */
export async function refundRejected(orderId: string, reasons: { event: string; refund: string }): Promise<Order> {
  let order = await getOrder(orderId);
  await releaseReservations(order);
  if (order.status === 'rejected') {
    try {
      order = await moveOrder(orderId, 'startRefund', { role: 'system', id: 'auto' }, { reason: reasons.event });
    } catch (e) {
      order = await getOrder(orderId);
      if (order.status === 'rejected') throw e;
    }
  }
  if (order.status === 'refunding') await startRefund(order, order.totalFen, reasons.refund);
  return getOrder(orderId);
}
