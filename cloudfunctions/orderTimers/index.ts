import dayjs from 'dayjs';
import type { Order } from '@daojia/domain';
import { db, _, readAll } from '@daojia/function-kit';
import { getOrder, moveOrder, releaseReservations } from '../_shared/orders';
import { recordPayment, settleRefund, startRefund, refundNo } from '../_shared/payments';
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

/** Unpaid past payBefore: ask the gateway first (a payment may be in flight), then close and cancel. */
async function expireUnpaid() {
  const due = await readAll<Order>(db.collection('orders').where({ status: 'pending_payment', payBefore: _.lt(new Date().toISOString()) }));
  return each(due, async (order) => {
    if (order.prepayId) {
      const txn = await wechatPay().queryByOutTradeNo(order._id).catch(() => undefined);
      if (txn?.trade_state === 'SUCCESS') return recordPayment(txn);
      if (txn && txn.trade_state === 'NOTPAY') await wechatPay().closeOrder(order._id);
    }
    const moved = await moveOrder(order._id, 'expire', system, { reason: `${orderConfig().payTimeoutMin} 分钟内未支付，自动取消` });
    await releaseReservations(moved);
  });
}

/** Paid but not accepted in time: reject for the merchant and refund in full. */
async function autoReject() {
  const before = dayjs().subtract(orderConfig().acceptTimeoutMin, 'minute').toISOString();
  const due = await readAll<Order>(db.collection('orders').where({ status: 'paid', paidAt: _.lt(before) }));
  return each(due, async (order) => {
    const rejected = await moveOrder(order._id, 'autoReject', system, { reason: '商家超时未接单', set: { rejectReason: '商家超时未接单' } });
    await releaseReservations(rejected);
    const refunding = await moveOrder(order._id, 'startRefund', system, { reason: '商家超时未接单，全额退款' });
    await startRefund(refunding, refunding.totalFen, '商家超时未接单');
  });
}

/** The seed's asynchronous reconciliation: orders whose payment or refund outcome we have not heard of yet. */
async function reconcile() {
  // A payment normally notifies within seconds; only orders quiet for longer are asked about.
  const since = dayjs().subtract(orderConfig().reconcileAfterSec, 'second').toISOString();
  const paying = await readAll<Order>(db.collection('orders').where({ status: 'pending_payment', prepayAt: _.lt(since) }));
  const paid = await each(paying, async (order) => {
    const txn = await wechatPay().queryByOutTradeNo(order._id);
    if (txn.trade_state === 'SUCCESS') await recordPayment(txn);
  });
  const refunding = await readAll<Order>(db.collection('orders').where({ status: 'refunding' }));
  const refunded = await each(refunding, async (order) => {
    const outRefundNo = refundNo(order._id);
    const r = await wechatPay().queryRefund(outRefundNo).catch(async (e) => {
      // The refund request itself never reached the gateway: send it again (same out_refund_no, so it is safe).
      if ((e as { details?: { wechatCode?: string } }).details?.wechatCode !== 'RESOURCE_NOT_EXISTS') throw e;
      await startRefund(order, order.refundRequestedFen ?? order.totalFen, order.refundReason ?? '退款');
      return undefined;
    });
    if (r && r.status !== 'PROCESSING') await settleRefund(outRefundNo, r.status);
  });
  return paid + refunded;
}

async function autoComplete() {
  const before = dayjs().subtract(orderConfig().autoCompleteHours, 'hour').toISOString();
  const due = await readAll<Order>(db.collection('orders').where({ status: _.in(['delivered', 'picked_up', 'checked_in']), updatedAt: _.lt(before) }));
  return each(due, (order) => moveOrder(order._id, 'complete', system, { reason: '超时自动完成' }));
}

const JOBS: Record<string, () => Promise<number>> = { expireUnpaid, autoReject, reconcile, autoComplete };

/** Timer entry point: the trigger name picks the job. Every job is idempotent and safe to overlap. */
export async function main(event: { TriggerName?: string }) {
  const job = JOBS[event?.TriggerName ?? ''];
  if (!job) throw new Error(`unknown timer ${event?.TriggerName}`);
  return { job: event.TriggerName, handled: await job() };
}

