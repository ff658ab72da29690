import type { Order, RefundLine } from '@daojia/domain';
import * as repo from './repository';

/**
 * What payments tells the order without moving it. The prepay is written only while the order is unpaid (a payment
 * by anyone but `payerOpenid` is then refused); false when the order was paid or closed meanwhile.
 */
export function attachPrepay(orderId: string, prepay: { prepayId: string; payerOpenid: string }): Promise<boolean> {
  return repo.updateIfStatus(orderId, 'pending_payment', { prepayId: prepay.prepayId, prepayAt: new Date().toISOString(), payerOpenid: prepay.payerOpenid });
}

/** A late payment for an order that had already closed was refunded: it stays cancelled, the apps show the money went back. */
export async function noteRefundWhileCancelled(order: Pick<Order, '_id'>, refundedFen: number, lines?: RefundLine[]): Promise<void> {
  await repo.updateIfStatus(order._id, 'cancelled', { refundedFen, ...(lines ? { refundedLines: lines } : {}) });
}
