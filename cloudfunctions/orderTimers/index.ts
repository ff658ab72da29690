import dayjs from 'dayjs';
import type { Order } from '@daojia/domain';
import { db, _, readAll, defineTimer } from '@daojia/function-kit';
import { moveOrder, releaseReservations } from '../_shared/orders';
import { cancelUnpaid, recordPayment } from '../_shared/payments';
import { driveRefund, findRefund, processingRefunds, refundNo, refundRejected, startRefund } from '../_shared/refunds';
import { wechatPay } from '../_shared/payment-client';
import { orderConfig } from '../_shared/config';

const system = { role: 'system' as const, id: 'timer' };

/** Each order (or refund) is handled on its own: one failure is logged and retried next run, the rest go on. */
async function each<T extends { _id: string }>(orders: T[], work: (o: T) => Promise<unknown>) {
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
 * An order still `reserving` after the reserve grace belongs to a create that died (the grace outlasts any running
 * one): it is cancelled first, so that create could not complete it any more, then what it took goes back.
 * Cancelled orders whose stock a crashed run never gave back are finished here too.
 */
async function expireUnpaid() {
  const due = await find({ status: 'pending_payment', payBefore: _.lt(new Date().toISOString()) });
  const expired = await each(due, (order) => cancelUnpaid(order, 'expire', system, `${orderConfig().payTimeoutMin} 分钟内未支付，自动取消`));
  const dead = await find({ status: 'reserving', createdAt: _.lte(dayjs().subtract(orderConfig().reserveGraceS, 'second').toISOString()) });
  const abandoned = await each(dead, (order) => moveOrder(order._id, 'abandon', system, { reason: '下单未完成，已退回占用的库存' }));
  return expired + abandoned + await each(await find({ status: 'cancelled', reservationsReleased: _.neq(true) }), releaseReservations);
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
  // A call that died between moving the order to refunding and writing its refund: the refund is started here.
  const unstarted = await each(await find({ status: 'refunding' }), async (order) => {
    if (!(await findRefund(refundNo(order._id)))) await startRefund(order, order.refundRequestedFen ?? order.totalFen, order.refundReason ?? '退款');
  });
  // The refund job: every refund still processing is asked about, sent again or ended (refunds.ts driveRefund).
  return paid + rejected + unstarted + await each(await processingRefunds(), driveRefund);
}

async function autoComplete() {
  const before = dayjs().subtract(orderConfig().autoCompleteHours, 'hour').toISOString();
  const due = await find({ status: _.in(['delivered', 'picked_up', 'checked_in']), updatedAt: _.lt(before) });
  return each(due, (order) => moveOrder(order._id, 'complete', system, { reason: '超时自动完成' }));
}

const JOBS: Record<string, () => Promise<number>> = { expireUnpaid, autoReject, reconcile, autoComplete };

/** Timer entry point: the trigger name picks the job; any other caller is refused. Every job is idempotent and safe to overlap. */
export const main = defineTimer('orderTimers', JOBS);
