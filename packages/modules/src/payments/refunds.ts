import { DomainError, linesOfRefund, type Order, type Refund } from '@daojia/domain';
import { _, log, nowIso } from '../runtime';
import { getOrder, moveOrder, noteOnTimeline, noteRefundWhileCancelled, orderConfig, releaseReservations, type Who } from '../orders';
import { returnCoupon } from '../marketing';
import { wechatPay } from './client';
import * as repo from './repository';

/** One refund per order (a partial refund also ends the order), so the out_refund_no is derived from it. */
export const refundNo = (orderId: string) => `RF${orderId}`.slice(0, 64);

/**
 * The number a staff retry sends under: the gateway keeps an ABNORMAL or CLOSED refund under its number for good,
 * so a new request needs a new one. Derived from the refund it replaces, so two staff retrying at once write the
 * same record and the gateway sees one refund.
 */
const retryNo = (previous: string) => {
  const m = /^(.*)-(\d+)$/.exec(previous);
  return m ? `${m[1]}-${Number(m[2]) + 1}` : `${previous}-2`;
};

/** What the gateway says about a refund, from a notification or a query. */
export interface RefundOutcome {
  outRefundNo: string;
  outTradeNo: string;
  status: string;
  refundFen: number;
}

export class RefundMismatch extends Error {}

const system: Who = { role: 'system', id: 'wechatpay' };

export const findRefund = (refundId: string) => repo.findRefund(refundId);
/** What the refund job works through: every refund still waiting for the gateway's answer. */
export const processingRefunds = () => repo.processingRefunds();

/** WeChat Pay codes that mean "try again later"; any other answer refuses this request for good. */
const TRANSIENT = new Set(['SYSTEM_ERROR', 'FREQUENCY_LIMITED', 'NOT_ENOUGH']);
const gatewayError = (e: unknown) => (e as { details?: { status?: number; wechatCode?: string } })?.details ?? {};
const isRefusal = (e: unknown) => {
  const d = gatewayError(e);
  return !!d.status && d.status < 500 && !!d.wechatCode && !TRANSIENT.has(d.wechatCode);
};

/**
 * A failed request about a processing refund, counted on its record. Only the refund job gives up (`by`): when the
 * gateway refused the refund request itself, or after refundMaxAttempts failures of any kind; the refund then
 * becomes abnormal and shows in the staff list. A refused query (e.g. a signing problem) says nothing of the refund.
 */
async function countFailure(refund: Refund, e: unknown, by: 'caller' | 'jobSend' | 'jobQuery') {
  const attempts = (refund.attempts ?? 0) + 1;
  const lastError = `${gatewayError(e).wechatCode ?? (e as { code?: string }).code ?? 'ERROR'}: ${(e as Error).message}`.slice(0, 200);
  const giveUp = by !== 'caller' && ((by === 'jobSend' && isRefusal(e)) || attempts >= orderConfig().refundMaxAttempts);
  await repo.updateRefund(refund._id, { status: 'processing' }, { attempts, lastError, ...(giveUp ? { status: 'abnormal' } : {}) });
  log.error(`refund ${refund._id} attempt ${attempts} failed${giveUp ? ', marked abnormal' : ''}: ${lastError}`, { refundId: refund._id, orderId: refund.orderId, attempts, giveUp });
}

/**
 * Sends a processing refund to the gateway, exactly as its record says, under its own out_refund_no (which the
 * gateway treats as the same refund however often it is sent). A failed send never throws: it is counted, and the
 * refund job sends it again.
 */
async function sendRefund(refund: Refund, order: Pick<Order, '_id' | 'totalFen'>, by: 'caller' | 'jobSend') {
  let result;
  try {
    result = await wechatPay().refund({ outTradeNo: order._id, outRefundNo: refund._id, reason: refund.reason, refundFen: refund.amountFen, totalFen: order.totalFen });
  } catch (e) {
    return countFailure(refund, e, by);
  }
  if (result.status !== 'PROCESSING') await settleRefund({ outRefundNo: refund._id, outTradeNo: result.out_trade_no, status: result.status, refundFen: result.amount.refund });
}

/**
 * Asks the gateway to refund. The first caller writes the refund record; every retry (a crash, an overlapping
 * timer) resends exactly what that record says. A refund that has ended (or that staff replaced) is never resent
 * here. Returns true for the caller that wrote the record.
 */
export async function startRefund(order: Order, amountFen: number, reason: string): Promise<boolean> {
  // The lines it gives back (the request's, or every line for the whole order), so no line is refunded twice.
  const lines = linesOfRefund(order, amountFen);
  const record: Refund = {
    _id: refundNo(order._id),
    orderId: order._id,
    storeId: order.storeId,
    region: order.region,
    amountFen,
    ...(lines ? { lines } : {}),
    reason,
    status: 'processing',
    attempts: 0,
    createdAt: nowIso(),
  };
  const created = await repo.addRefund(record);
  const refund = created ? record : (await repo.findRefund(record._id))!;
  if (refund.status === 'processing') await sendRefund(refund, order, 'caller');
  return created;
}

/**
 * The refund job's step for one processing refund (run by reconcile): asked about at the gateway; one the gateway
 * never received is sent again, and after a refusal or too many failed requests it ends abnormal. So every refund
 * ends: succeeded, closed or abnormal (which staff retry or close).
 */
export async function driveRefund(refund: Refund) {
  let known;
  try {
    known = await wechatPay().queryRefund(refund._id);
  } catch (e) {
    // Never received: send it. Any other failure counts, so a refund the gateway keeps failing on ends too.
    if (gatewayError(e).wechatCode !== 'RESOURCE_NOT_EXISTS') return countFailure(refund, e, 'jobQuery');
    return sendRefund(refund, await getOrder(refund.orderId), 'jobSend');
  }
  if (known.status !== 'PROCESSING') await settleRefund({ outRefundNo: refund._id, outTradeNo: known.out_trade_no, status: known.status, refundFen: known.amount.refund });
}

/**
 * A refund's final word, applied once. It must describe the refund we asked for (same order, same amount), or it
 * is refused before anything changes. Every step is idempotent, so a crash half-way is finished by the next
 * notification or by reconciliation.
 */
export async function settleRefund(outcome: RefundOutcome) {
  const refund = await repo.findRefund(outcome.outRefundNo);
  if (!refund) throw new RefundMismatch(`unknown refund ${outcome.outRefundNo}`);
  if (refund.orderId !== outcome.outTradeNo) throw new RefundMismatch(`refund ${outcome.outRefundNo} belongs to ${refund.orderId}, not ${outcome.outTradeNo}`);
  if (refund.amountFen !== outcome.refundFen) throw new RefundMismatch(`refund amount ${outcome.refundFen} differs from the ${refund.amountFen} asked for`);
  if (outcome.status !== 'SUCCESS') {
    // The order stays refunding: staff see the refund in admin.listRefundIssues and retry or close it.
    await repo.updateRefund(refund._id, { status: 'processing' }, { status: outcome.status === 'CLOSED' ? 'closed' : 'abnormal' });
    return;
  }
  await repo.updateRefund(refund._id, { status: _.neq('succeeded') }, { status: 'succeeded', settledAt: nowIso() });
  const order = await getOrder(refund.orderId);
  // Before the order shows refunded, so whoever sees it refunded sees the coupon back too.
  if (refund.amountFen === order.totalFen) await returnCoupon(order, ['locked', 'used']);
  if (order.status === 'refunding') {
    try {
      // One refund per order (refundNo), so its lines are all the order's refunded lines: set, not added, as a resent
      // notification may apply this again.
      await moveOrder(order._id, 'refundSucceeded', system, { set: { refundedFen: refund.amountFen, ...(refund.lines ? { refundedLines: refund.lines } : {}) } });
    } catch (e) {
      if ((await getOrder(order._id)).status !== 'refunded') throw e;
    }
  } else if (order.status === 'cancelled') {
    // A late payment for an order that had already closed: it stays cancelled, the apps show the money went back.
    await noteRefundWhileCancelled(order, refund.amountFen, refund.lines);
  }
}

/** What a staff action did, for its audit log entry. */
export interface StaffAction {
  before: Refund;
  orderBefore: Order;
  refund: Refund;
  order: Order;
}

/** A refund staff may act on (retry or close): ended without the money going back, not closed by staff yet. */
async function openIssue(refundId: string, scope: Record<string, unknown>): Promise<Refund> {
  const refund = await repo.findRefundIn(scope, refundId);
  if (!refund) throw new DomainError('REFUND_NOT_FOUND', '退款单不存在，或不在你管理的区域');
  if ((refund.status !== 'abnormal' && refund.status !== 'closed') || refund.closedAt) {
    throw new DomainError('REFUND_NOT_OPEN', '该退款单不是待处理的异常退款，无需重试或关闭', { status: refund.status });
  }
  return refund;
}

/**
 * Staff send an ended refund again, under a new number (see retryNo). The new record is written before the old one
 * is marked superseded, so a crash between leaves a processing refund the refund job sends; retrying again after
 * such a crash finishes the same retry instead of starting a second.
 */
export async function retryRefund(refundId: string, scope: Record<string, unknown>): Promise<StaffAction> {
  const before = await openIssue(refundId, scope);
  const order = await getOrder(before.orderId);
  const next: Refund = { ...before, _id: retryNo(before._id), status: 'processing', attempts: 0, createdAt: nowIso() };
  delete next.lastError;
  delete next.settledAt;
  await repo.addRefund(next);
  await repo.updateRefund(before._id, { status: before.status }, { status: 'superseded', retriedAs: next._id });
  const current = (await repo.findRefund(next._id))!;
  if (current.status === 'processing') await sendRefund(current, order, 'caller');
  return { before, orderBefore: order, refund: (await repo.findRefund(next._id))!, order: await getOrder(order._id) };
}

/**
 * Staff end a refund the gateway could not carry out (settled another way, or not owed): the refund is closed with
 * the reason, and a refunding order moves to refund_closed (final) with the reason on its timeline. A cancelled
 * order (a late payment) stays cancelled; its timeline gets the entry.
 */
export async function closeRefund(refundId: string, scope: Record<string, unknown>, by: Who, reason: string): Promise<StaffAction> {
  const before = await openIssue(refundId, scope);
  if (!(await repo.updateRefund(before._id, { status: before.status, closedAt: _.exists(false) }, { status: 'closed', closeReason: reason, closedAt: nowIso() }))) {
    throw new DomainError('REFUND_NOT_OPEN', '该退款单刚刚被处理，请刷新后查看');
  }
  const orderBefore = await getOrder(before.orderId);
  let order = orderBefore;
  if (order.status === 'refunding') order = await moveOrder(order._id, 'closeRefund', by, { reason });
  else await noteOnTimeline(order, 'closeRefund', by, reason);
  return { before, orderBefore, refund: (await repo.findRefund(before._id))!, order };
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
