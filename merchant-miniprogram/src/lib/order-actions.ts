import { nextEvents, type ActionName, type OrderLike } from '@daojia/domain';

/** The merchantOrder actions behind the buttons; pickUp / checkIn happen through the code check-in page (verifyCode); seenNewOrders is the new-order badge's. */
export type MerchantCall = Exclude<ActionName<'merchantOrder'>, 'list' | 'detail' | 'verifyCode' | 'seenNewOrders'>;
/** The calls that take a reason as well as the order. */
export type ReasonCall = Extract<MerchantCall, 'reject' | 'declineRefund'>;

/** Calls that need a reason the customer will see, asked for in a panel before the call. */
export const NEEDS_REASON: ReadonlySet<MerchantCall> = new Set<ReasonCall>(['reject', 'declineRefund']);

// accept and confirm (booking) are the same function; the server picks the move by mode.
const CALL_OF_EVENT: Record<string, MerchantCall> = {
  accept: 'accept',
  confirm: 'accept',
  reject: 'reject',
  markReady: 'markReady',
  handOver: 'handOver',
  deliver: 'markDelivered',
  approveRefund: 'approveRefund',
  declineRefund: 'declineRefund',
};

/** Element id prefixes (`accept-<orderId>` …) the e2e tests select buttons by. */
export const BUTTON_IDS: Record<MerchantCall, string> = {
  accept: 'accept',
  reject: 'reject',
  markReady: 'ready',
  handOver: 'handover',
  markDelivered: 'delivered',
  approveRefund: 'refund-approve',
  declineRefund: 'refund-decline',
};

/**
 * The buttons a merchant gets for an order: the state machine's next merchant moves that have a function and that
 * this staff member's role may call (`allowed`, from merchantOrder.list; a clerk gets no refund decisions).
 */
export function merchantButtons(order: OrderLike, allowed: readonly string[]): { call: MerchantCall; label: string; id: string }[] {
  return nextEvents(order, 'merchant')
    .filter((e) => CALL_OF_EVENT[e.event] && allowed.includes(CALL_OF_EVENT[e.event]))
    .map((e) => ({ call: CALL_OF_EVENT[e.event], label: e.label, id: BUTTON_IDS[CALL_OF_EVENT[e.event]] }));
}
