import dayjs from 'dayjs';
import { DomainError, type Order, type OrderEvent } from '@daojia/domain';
import { nowIso } from '../runtime';
import { attachPrepay, getOrder, moveOrder, noteOnTimeline, releaseReservations, type Who } from '../orders';
import { useCoupon } from '../marketing';
import { startRefund } from './refunds';
import { wechatPay } from './client';
import * as repo from './repository';

/** A payment as the gateway reports it (notification or query). */
export interface PaidTransaction {
  out_trade_no: string;
  transaction_id?: string;
  trade_state: string;
  amount: { total: number };
  success_time?: string;
  payer?: { openid: string };
}

export class PaymentMismatch extends Error {}

const wechatpay: Who = { role: 'system', id: 'wechatpay' };
const LATE_PAYMENT = '订单已取消，迟到的支付款全额退回';

const wechatCode = (e: unknown) => (e as { details?: { wechatCode?: string } })?.details?.wechatCode;

/**
 * A WeChat Pay JSAPI order for an unpaid order of this user, and the signed parameters for wx.requestPayment. Asking
 * again returns the same prepay (WeChat Pay answers the same prepay_id for the same out_trade_no and parameters).
 */
export async function prepay(orderId: string, payer: { userKey: string; openId: string }) {
  const order = await getOrder(orderId);
  if (order._openid !== payer.userKey) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
  if (order.status !== 'pending_payment') throw new DomainError('ORDER_NOT_PAYABLE', '订单已支付或已关闭，无需再次支付');
  if (dayjs(order.payBefore).isBefore(dayjs())) throw new DomainError('ORDER_EXPIRED', '订单已超时，请重新下单');
  const pay = wechatPay();
  const payerOpenid = payer.openId || payer.userKey;
  const { prepayId } = await pay.createJsapiPrepay({
    description: `到家-${order.storeName}`.slice(0, 127),
    outTradeNo: order._id,
    amountFen: order.totalFen,
    payerOpenid,
    timeExpire: order.payBefore,
  });
  // A payment by anyone but payerOpenid is refused from now on.
  if (!(await attachPrepay(orderId, { prepayId, payerOpenid }))) {
    // Cancelled while the prepay was being made, so the cancel could not close it: close it here, never hand it out.
    await pay.closeOrder(order._id);
    throw new DomainError('ORDER_NOT_PAYABLE', '订单已支付或已关闭，无需再次支付');
  }
  return pay.requestPaymentParams(prepayId);
}

/**
 * Paid by someone other than the buyer prepay named: refused, and kept for staff (admin.listRefundIssues). One
 * record per transaction, however often WeChat Pay resends it or reconciliation finds it.
 */
async function alertPayerMismatch(order: Order, txn: PaidTransaction, expectedPayer: string) {
  await repo.addAlert({
    _id: `payer-${txn.out_trade_no}-${txn.transaction_id ?? ''}`.slice(0, 96),
    kind: 'payer_mismatch',
    orderId: order._id,
    storeId: order.storeId,
    region: order.region,
    transactionId: txn.transaction_id ?? '',
    amountFen: txn.amount.total,
    expectedPayer,
    payer: txn.payer?.openid ?? '',
    at: nowIso(),
  });
}

/**
 * Records a successful payment exactly once (the payment's id is the out_trade_no, so a resent notification or a
 * reconciliation that races it cannot add a second), then moves the order to paid. It must be the buyer's payment
 * (the openid prepay sent; the order's user for orders prepaid before that was stored). A payment for an order that
 * was already cancelled is recorded and refunded in full; a failed refund request does not fail the payment (the
 * refund job sends it again). Every step is idempotent, so a crash between them is finished by the next
 * notification or by reconciliation.
 */
export async function recordPayment(txn: PaidTransaction): Promise<Order> {
  let order = await getOrder(txn.out_trade_no);
  if (txn.trade_state !== 'SUCCESS') throw new PaymentMismatch(`trade_state ${txn.trade_state}`);
  if (txn.amount.total !== order.totalFen) throw new PaymentMismatch(`amount ${txn.amount.total} differs from order total ${order.totalFen}`);
  const expectedPayer = order.payerOpenid ?? order._openid;
  if (txn.payer?.openid !== expectedPayer) {
    await alertPayerMismatch(order, txn, expectedPayer);
    throw new PaymentMismatch(`payer ${txn.payer?.openid ?? '(none)'} is not the buyer`);
  }
  await repo.addPayment({
    _id: txn.out_trade_no,
    orderId: order._id,
    provider: 'wechatpay',
    amountFen: txn.amount.total,
    transactionId: txn.transaction_id ?? '',
    payerOpenid: txn.payer?.openid ?? '',
    paidAt: txn.success_time ? new Date(txn.success_time).toISOString() : nowIso(),
    recordedAt: nowIso(),
  });
  if (order.status === 'pending_payment') {
    // Consumed before the order shows paid, so whoever sees it paid sees the coupon used. Only this order's lock
    // counts: a coupon released by a cancel and locked by another order is not this payment's. If the order ends up
    // cancelled after all, the full refund below gives the coupon back.
    if (order.userCouponId) await useCoupon(order.userCouponId, order._id);
    try {
      order = await moveOrder(order._id, 'pay', wechatpay, { reason: `微信支付 ${txn.transaction_id ?? ''}`.trim() });
    } catch (e) {
      order = await getOrder(order._id);
      if (order.status === 'pending_payment') throw e;
    }
  }
  if (order.status === 'cancelled') await refundLatePayment(order);
  return order;
}

/** Paid after the order was cancelled: the money goes straight back, once (the refund record is the gate). */
async function refundLatePayment(order: Order) {
  if (await startRefund(order, order.totalFen, LATE_PAYMENT)) await noteOnTimeline(order, 'latePaymentRefund', wechatpay, LATE_PAYMENT);
}

/**
 * Closes the order at the gateway so it can no longer be paid. If it was paid after all, that payment is recorded
 * and the paid order returned; the caller must then not cancel. Any other failure throws, so nothing is cancelled
 * while the gateway might still take money.
 */
async function closeOrRecordPayment(order: Order): Promise<Order | undefined> {
  if (!order.prepayId) return undefined;
  try {
    await wechatPay().closeOrder(order._id);
    return undefined;
  } catch (e) {
    const code = wechatCode(e);
    if (code === 'ORDER_NOT_EXIST' || code === 'ORDER_CLOSED') return undefined;
    if (code !== 'ORDERPAID') throw e;
  }
  return recordPayment(await wechatPay().queryByOutTradeNo(order._id));
}

/**
 * Cancels an unpaid order (the consumer's cancel or the expiry timer): close at the gateway, cancel, give back
 * stock, slot and coupon. Returns the order as it ends up, `paid` if the gateway had taken the money.
 */
export async function cancelUnpaid(order: Order, event: Extract<OrderEvent, 'cancel' | 'expire'>, by: Who, reason: string): Promise<Order> {
  const paid = await closeOrRecordPayment(order);
  if (paid) return paid;
  let moved: Order;
  try {
    moved = await moveOrder(order._id, event, by, { reason });
  } catch (e) {
    // An overlapping run or a double tap cancelled it first: done, as long as it is cancelled.
    moved = await getOrder(order._id);
    if (moved.status !== 'cancelled') throw e;
  }
  await releaseReservations(moved);
  return moved;
}
