import type { Order } from '@daojia/domain';
import { _ } from '../runtime';
import * as repo from './repository';

export type OrderFacts = Pick<Order, '_id' | 'orderNo' | 'mode' | 'status' | 'paidAt'>;

/** What a store's finance rows name of each order (number, mode, status, when paid), by id; another store's are left out. */
export async function storeOrderFacts(storeId: string, orderIds: string[]): Promise<Record<string, OrderFacts>> {
  const ids = [...new Set(orderIds)];
  const out: Record<string, OrderFacts> = {};
  // `in` lists of a few hundred ids per read, so a month's orders are a handful of reads.
  for (let i = 0; i < ids.length; i += 500) {
    for (const o of await repo.all({ _id: _.in(ids.slice(i, i + 500)), storeId }))
      out[o._id] = { _id: o._id, orderNo: o.orderNo, mode: o.mode, status: o.status, ...(o.paidAt ? { paidAt: o.paidAt } : {}) };
  }
  return out;
}
