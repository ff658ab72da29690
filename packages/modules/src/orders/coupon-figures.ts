import { _ } from '../runtime';
import * as repo from './repository';

/**
 * What coupons did for a store, order by order: each order's paid total and its coupon discount (the breakdown's
 * coupon line, which pricing caps at the goods left to discount). The merchant's coupon figures sum these.
 */
export async function couponOrderFigures(storeId: string, orderIds: string[]): Promise<Record<string, { paidFen: number; couponFen: number }>> {
  const ids = [...new Set(orderIds)];
  if (!ids.length) return {};
  const orders = await repo.all({ _id: _.in(ids), storeId });
  return Object.fromEntries(orders.map((o) => [o._id, { paidFen: o.totalFen, couponFen: o.breakdown.discounts.filter((d) => d.kind === 'coupon').reduce((s, d) => s + d.amountFen, 0) }]));
}
