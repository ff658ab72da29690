/**
 * Payments: payments (`payments`), refused payments kept for staff (`payment_alerts`) and refunds (`refunds`), with
 * the WeChat Pay client. Orders are moved only through the orders module's services.
 */
export { COLLECTIONS } from './repository';
export { wechatPay } from './client';
export { prepay, recordPayment, cancelUnpaid, PaymentMismatch, type PaidTransaction } from './payments';
export {
  refundNo,
  findRefund,
  processingRefunds,
  startRefund,
  driveRefund,
  settleRefund,
  retryRefund,
  closeRefund,
  refundRejected,
  RefundMismatch,
  type RefundOutcome,
  type StaffAction,
} from './refunds';
export { cancelByConsumer, rejectOrder, approveRefund } from './flows';
export { expireUnpaid, autoReject, reconcile } from './jobs';
export { listRefundIssues } from './issues';
export { PAYMENTS_ERROR_CODES } from '@daojia/domain';
