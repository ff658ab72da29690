import dayjs from 'dayjs';
import { abandonDeadCreates, moveOrder, orderConfig, releaseReservations, sweeps, type Who } from '../orders';
import { eachOnItsOwn } from '../each';
import { cancelUnpaid, recordPayment } from './payments';
import { driveRefund, findRefund, processingRefunds, refundNo, refundRejected, startRefund } from './refunds';
import { wechatPay } from './client';

const timer: Who = { role: 'system', id: 'timer' };

/**
 * Unpaid past payBefore: close at the gateway (recording the payment instead if it was paid), then cancel. If the
 * gateway cannot be reached the order waits for the next run: cancelling while it might still take money loses it.
 * An order still `reserving` after the reserve grace belongs to a create that died (the grace outlasts any running
 * one): it is cancelled first, so that create could not complete it any more, then what it took goes back.
 * Cancelled orders whose stock a crashed run never gave back are finished here too.
 */
export async function expireUnpaid(): Promise<number> {
  const expired = await eachOnItsOwn('expireUnpaid', await sweeps.unpaidPastDue(), (order) => cancelUnpaid(order, 'expire', timer, `${orderConfig().payTimeoutMin} 分钟内未支付，自动取消`));
  const abandoned = await abandonDeadCreates();
  return expired + abandoned + (await eachOnItsOwn('expireUnpaid', await sweeps.cancelledNotReleased(), releaseReservations));
}

/** Paid but not accepted in time: reject for the merchant and refund in full. */
export async function autoReject(): Promise<number> {
  const before = dayjs().subtract(orderConfig().acceptTimeoutMin, 'minute').toISOString();
  return eachOnItsOwn('autoReject', await sweeps.paidNotAcceptedSince(before), async (order) => {
    await moveOrder(order._id, 'autoReject', timer, { reason: '商家超时未接单', set: { rejectReason: '商家超时未接单' } });
    await refundRejected(order._id, { event: '商家超时未接单，全额退款', refund: '商家超时未接单' });
  });
}

/**
 * The seed's asynchronous reconciliation: every order whose payment or refund outcome we have not heard of yet is
 * asked about (the cron interval bounds the load), and every rejected order whose refund was never started gets it.
 */
export async function reconcile(): Promise<number> {
  const paid = await eachOnItsOwn('reconcile', await sweeps.awaitingPayment(), async (order) => {
    const txn = await wechatPay().queryByOutTradeNo(order._id);
    if (txn.trade_state === 'SUCCESS') await recordPayment(txn);
  });
  const rejected = await eachOnItsOwn('reconcile', await sweeps.rejected(), (order) =>
    refundRejected(order._id, { event: '拒单后补发全额退款', refund: `商家拒单：${order.rejectReason ?? ''}`.slice(0, 80) }),
  );
  // A call that died between moving the order to refunding and writing its refund: the refund is started here.
  const unstarted = await eachOnItsOwn('reconcile', await sweeps.refunding(), async (order) => {
    if (!(await findRefund(refundNo(order._id)))) await startRefund(order, order.refundRequestedFen ?? order.totalFen, order.refundReason ?? '退款');
  });
  // The refund job: every refund still processing is asked about, sent again or ended (refunds.ts driveRefund).
  return paid + rejected + unstarted + (await eachOnItsOwn('reconcile', await processingRefunds(), driveRefund));
}
