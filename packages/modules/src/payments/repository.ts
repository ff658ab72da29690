import { payment, paymentAlert, refund, type Payment, type PaymentAlert, type Refund } from '@daojia/domain';
import { db, _, readAll } from '../runtime';
import { addOnce, parser } from '../repository-kit';

/** The collections this module owns: no other module writes them (test/ownership.test.ts). */
export const COLLECTIONS = ['payments', 'payment_alerts', 'refunds'] as const;

const payments = () => db.collection('payments');
const alerts = () => db.collection('payment_alerts');
const refunds = () => db.collection('refunds');
const parseRefund = parser('refunds', refund);
const parseAlert = parser('payment_alerts', paymentAlert);

/** Its id is the out_trade_no, so a resent notification or a racing reconciliation cannot add a second. */
export const addPayment = (p: Payment) => addOnce(() => payments().add(payment.parse(p)));
/** One alert per transaction, however often WeChat Pay resends it or reconciliation finds it. */
export const addAlert = (a: PaymentAlert) => addOnce(() => alerts().add(paymentAlert.parse(a)));

/** False when a refund under this number exists already (the first writer's record is the one that counts). */
export const addRefund = (r: Refund) => addOnce(() => refunds().add(refund.parse(r)));

export async function findRefund(refundId: string): Promise<Refund | undefined> {
  const doc = (await refunds().doc(refundId).get()).data[0];
  return doc === undefined ? undefined : parseRefund(doc);
}

export async function findRefundIn(scope: Record<string, unknown>, refundId: string): Promise<Refund | undefined> {
  const doc = (
    await refunds()
      .where({ ...scope, _id: refundId })
      .limit(1)
      .get()
  ).data[0];
  return doc === undefined ? undefined : parseRefund(doc);
}

/** Compare-and-set on the refund's status (and whatever else `where` adds): true when this caller changed it. */
export async function updateRefund(refundId: string, where: Record<string, unknown>, set: Record<string, unknown>): Promise<boolean> {
  const { updated } = await refunds()
    .where({ ...where, _id: refundId })
    .update(set);
  return updated === 1;
}

export async function processingRefunds(): Promise<Refund[]> {
  return (await readAll<unknown>(refunds().where({ status: 'processing' }))).map(parseRefund);
}

/** Refunds the gateway could not carry out and no one has closed: what staff must look at. */
const OPEN_ISSUE = { status: _.in(['abnormal', 'closed']), closedAt: _.exists(false) };

export async function openIssues(scope: Record<string, unknown>, limit: number): Promise<Refund[]> {
  return (
    await refunds()
      .where({ ...scope, ...OPEN_ISSUE })
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .get()
  ).data.map(parseRefund);
}

export async function latestAlerts(scope: Record<string, unknown>, limit: number): Promise<PaymentAlert[]> {
  return (await alerts().where(scope).orderBy('at', 'desc').limit(limit).get()).data.map(parseAlert);
}
