import type { Order } from '@daojia/domain';
import { db, _, nowIso } from '@daojia/function-kit';
import { getOrder, moveOrder, appendEvent } from './orders';
import { wechatPay } from './payment-client';

interface PaidTransaction { out_trade_no: string; transaction_id?: string; trade_state: string; amount: { total: number }; success_time?: string; payer?: { openid: string } }

export class PaymentMismatch extends Error {}

const isDuplicate = (e: unknown) => (e as { code?: string })?.code === 'DATABASE_DUPLICATE_WRITE';

/**
 * Records a successful payment exactly once (the payment's id is the out_trade_no, so a resent notification or a
 * reconciliation that races it cannot add a second), then moves the order to paid. Every step is idempotent, so
 * a crash between them is finished by the next notification or by reconciliation.
 */
export async function recordPayment(txn: PaidTransaction): Promise<Order> {
  const order = await getOrder(txn.out_trade_no);
  if (txn.trade_state !== 'SUCCESS') throw new PaymentMismatch(`trade_state ${txn.trade_state}`);
  if (txn.amount.total !== order.totalFen) throw new PaymentMismatch(`amount ${txn.amount.total} differs from order total ${order.totalFen}`);
  try {
    await db.collection('payments').add({
      _id: txn.out_trade_no, orderId: order._id, provider: 'wechatpay', amountFen: txn.amount.total, transactionId: txn.transaction_id ?? '',
      payerOpenid: txn.payer?.openid ?? '', paidAt: txn.success_time ? new Date(txn.success_time).toISOString() : nowIso(), recordedAt: nowIso(),
    });
  } catch (e) {
    if (!isDuplicate(e)) throw e;
  }
  if (order.status !== 'pending_payment') return order;
  if (order.userCouponId) await db.collection('user_coupons').where({ _id: order.userCouponId, status: 'locked' }).update({ status: 'used' });
  try {
    return await moveOrder(order._id, 'pay', { role: 'system', id: 'wechatpay' }, { reason: `微信支付 ${txn.transaction_id ?? ''}`.trim() });
  } catch (e) {
    const now = await getOrder(order._id);
    if (now.status === 'pending_payment') throw e;
    if (now.status === 'cancelled') await refundLatePayment(now);
    return now;
  }
}

/** Paid after the order had already expired: the money goes straight back. */
async function refundLatePayment(order: Order) {
  await startRefund(order, order.totalFen, '订单已超时取消，支付款自动退回');
  await appendEvent(order, order.status, order.status, 'latePaymentRefund', { role: 'system', id: 'wechatpay' }, '订单已超时取消，支付款自动退回');
}

export const refundNo = (orderId: string) => `RF${orderId}`.slice(0, 64);

/** Asks the gateway to refund; the out_refund_no is derived from the order so a retry is the same refund. */
export async function startRefund(order: Order, amountFen: number, reason: string) {
  const outRefundNo = refundNo(order._id);
  try {
    await db.collection('refunds').add({ _id: outRefundNo, orderId: order._id, amountFen, reason, status: 'processing', createdAt: nowIso() });
  } catch (e) {
    if (!isDuplicate(e)) throw e;
  }
  const result = await wechatPay().refund({ outTradeNo: order._id, outRefundNo, reason, refundFen: amountFen, totalFen: order.totalFen });
  if (result.status === 'SUCCESS') await settleRefund(outRefundNo, 'SUCCESS');
}

/** A refund's final word (from the notification or a query), applied once. */
export async function settleRefund(outRefundNo: string, status: string) {
  const { data } = await db.collection('refunds').doc(outRefundNo).get();
  if (!data.length) return;
  const refund = data[0] as { orderId: string; amountFen: number; status: string };
  if (status !== 'SUCCESS') {
    await db.collection('refunds').where({ _id: outRefundNo, status: 'processing' }).update({ status: status === 'CLOSED' ? 'closed' : 'abnormal' });
    return;
  }
  const { updated } = await db.collection('refunds').where({ _id: outRefundNo, status: _.neq('succeeded') }).update({ status: 'succeeded', settledAt: nowIso() });
  if (!updated) return;
  const order = await getOrder(refund.orderId);
  if (order.status === 'refunding') await moveOrder(order._id, 'refundSucceeded', { role: 'system', id: 'wechatpay' }, { set: { refundedFen: refund.amountFen } });
}
