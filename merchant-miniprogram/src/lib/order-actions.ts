/** Which tab an order is listed under and which buttons a merchant gets for it. */
export type OrderTab = 'new' | 'active' | 'done';
export type MerchantAction = 'accept' | 'reject' | 'markReady' | 'handOver';

const TAB_OF_STATUS: Record<string, OrderTab> = {
  paid: 'new',
  accepted: 'active', ready: 'active', delivering: 'active', ready_for_pickup: 'active', confirmed: 'active',
  checked_in: 'active', refund_requested: 'active', refunding: 'active',
  delivered: 'done', picked_up: 'done', completed: 'done', cancelled: 'done', rejected: 'done', refunded: 'done',
};

/** Unpaid orders are not the merchant's business yet, so they have no tab. */
export function tabOf(status: string): OrderTab | null {
  return TAB_OF_STATUS[status] ?? null;
}

export function actionsFor(order: { status: string; mode: string }): MerchantAction[] {
  switch (order.status) {
    case 'paid':
      return ['accept', 'reject'];
    case 'accepted':
      return order.mode === 'booking' ? [] : ['markReady'];
    case 'ready':
    case 'ready_for_pickup':
      return ['handOver'];
    default:
      return [];
  }
}

export const ACTION_LABELS: Record<MerchantAction, string> = { accept: '接单', reject: '拒单', markReady: '出餐完成', handOver: '交付' };

/** Element id prefixes (`accept-<orderId>` …) the e2e tests select buttons by. */
export const ACTION_IDS: Record<MerchantAction, string> = { accept: 'accept', reject: 'reject', markReady: 'ready', handOver: 'handover' };
