import dayjs from 'dayjs';
import type { Order } from '@daojia/domain';
import { db, _, readAll } from '@daojia/function-kit';
import { moveOrder, releaseReservations } from '../_shared/orders';
import { cancelUnpaid, recordPayment } from '../_shared/payments';
import { refundNo, refundRejected, settleRefund, startRefund } from '../_shared/refunds';
import { wechatPay } from '../_shared/payment-client';
import { orderConfig } from '../_shared/config';

const system = { role: 'system' as const, id: 'timer' };

/** Each order is handled on its own: one failure is logged and retried next run, the rest go on. */
async function each(orders: Order[], work: (o: Order) => Promise<unknown>) {
  let done = 0;
  for (const o of orders) {
    try { await work(o); done++; } catch (e) { console.error(`[orderTimers] ${o._id}: ${(e as Error).message}`); }
  }
  return done;
}

const find = (where: Record<string, unknown>) => readAll<Order>(db.collection('orders').where(where));

/**
 * Unpaid past payBefore: close at the gateway (recording the payment instead if it was paid), then cancel. If the
 * gateway cannot be reached the order waits for the next run: cancelling while it might still take money loses it.
 * Cancelled orders whose stock a crashed run never gave back are finished here too.
 */
async function expireUnpaid() {
  const due = await find({ status: 'pending_payment', payBefore: _.lt(new Date().toISOString()) });
  const expired = await each(due, (order) => cancelUnpaid(order, 'expire', system, `${orderConfig().payTimeoutMin} 分钟内未支付，自动取消`));
  return expired + await each(await find({ status: 'cancelled', reservationsReleased: _.neq(true) }), releaseReservations);
}

/** Paid but not accepted in time: reject for the merchant and refund in full. */
async function autoReject() {
  const before = dayjs().subtract(orderConfig().acceptTimeoutMin, 'minute').toISOString();
  const due = await find({ status: 'paid', paidAt: _.lt(before) });
  return each(due, async (order) => {
    await moveOrder(order._id, 'autoReject', system, { reason: '商家超时未接单', set: { rejectReason: '商家超时未接单' } });
    await refundRejected(order._id, { event: '商家超时未接单，全额退款', refund: '商家超时未接单' });
  });
}

/**
 * The seed's asynchronous reconciliation: every order whose payment or refund outcome we have not heard of yet is
 * asked about (the cron interval bounds the load), and every rejected order whose refund was never started gets it.
 */
async function reconcile() {
  const paying = await find({ status: 'pending_payment', prepayId: _.exists(true) });
  const paid = await each(paying, async (order) => {
    const txn = await wechatPay().queryByOutTradeNo(order._id);
    if (txn.trade_state === 'SUCCESS') await recordPayment(txn);
  });
  const rejected = await each(await find({ status: 'rejected' }), (order) =>
    refundRejected(order._id, { event: '拒单后补发全额退款', refund: `商家拒单：${order.rejectReason ?? ''}`.slice(0, 80) }));
  const refunding = await find({ status: 'refunding' });
  const refunded = await each(refunding, async (order) => {
    const outRefundNo = refundNo(order._id);
    const r = await wechatPay().queryRefund(outRefundNo).catch(async (e) => {
      // The refund request itself never reached the gateway: send it again (same out_refund_no, so it is safe).
      if ((e as { details?: { wechatCode?: string } }).details?.wechatCode !== 'RESOURCE_NOT_EXISTS') throw e;
      await startRefund(order, order.refundRequestedFen ?? order.totalFen, order.refundReason ?? '退款');
      return undefined;
    });
    if (r && r.status !== 'PROCESSING') await settleRefund({ outRefundNo, outTradeNo: r.out_trade_no, status: r.status, refundFen: r.amount.refund });
  });
  return paid + rejected + refunded;
}

async function autoComplete() {
  const before = dayjs().subtract(orderConfig().autoCompleteHours, 'hour').toISOString();
  const due = await find({ status: _.in(['delivered', 'picked_up', 'checked_in']), updatedAt: _.lt(before) });
  return each(due, (order) => moveOrder(order._id, 'complete', system, { reason: '超时自动完成' }));
}

const JOBS: Record<string, () => Promise<number>> = { expireUnpaid, autoReject, reconcile, autoComplete };

/** Timer entry point: the trigger name picks the job. Every job is idempotent and safe to overlap. */
export async function main(event: { TriggerName?: string }) {
  const job = JOBS[event?.TriggerName ?? ''];
  if (!job) throw new Error(`unknown timer ${event?.TriggerName}`);
  return { job: event.TriggerName, handled: await job() };
}
