import { DomainError, stampsFor, transition, type Actor, type Order, type OrderEvent } from '@daojia/domain';
import { nowIso } from '../runtime';
import { giveBackStock, giveBackStockWithoutHold } from '../catalog';
import { giveBackSlotPlace, giveBackSlotPlaceWithoutHold } from '../stores';
import { returnCoupon } from '../marketing';
import * as repo from './repository';

/** Who moves an order: the actor the state machine checks, and their id (user key, or a system name). */
export interface Who {
  role: Actor;
  id: string;
}

export async function getOrder(orderId: string): Promise<Order> {
  const order = await repo.findOrder(orderId);
  if (!order) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
  return order;
}

/**
 * Moves an order by the state machine with compare-and-set on its status, so two concurrent moves (a resent
 * notification, a double tap) cannot both happen; the loser re-reads and is refused by the machine.
 */
export async function moveOrder(orderId: string, event: OrderEvent, by: Who, opts: { reason?: string; set?: Record<string, unknown> } = {}): Promise<Order> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const order = await getOrder(orderId);
    const { to } = transition(order, event, by.role);
    const at = nowIso();
    // The per-status fields (paidAt, acceptedAt, completedAt, statusBeforeRefund) come from the domain's table.
    const set: Record<string, unknown> = { status: to, updatedAt: at, ...opts.set, ...stampsFor(order.status, to, at) };
    if (await repo.updateIfStatus(orderId, order.status, set)) {
      // What follows a move after the fact (holds consumed on acceptance, messages, the ledger, statistics) is the
      // subscribers' (modules/src/events), run from this event: the move never waits for them.
      await repo.appendEvent(order, order.status, to, event, by, opts.reason);
      return { ...order, ...set } as Order;
    }
  }
  throw new DomainError('ORDER_BUSY', '订单状态刚刚发生变化，请刷新后重试');
}

/** Gives back whatever of an order's holds is still out: stock (catalog) and its booking place (stores). */
export async function giveBackHolds(order: Pick<Order, 'items' | 'slot' | 'holdId'>) {
  const holdId = order.holdId!;
  await giveBackStock(order.items, holdId);
  if (order.slot) await giveBackSlotPlace(order.slot.slotId, holdId);
}

/**
 * Gives back what an order held: stock, its booking place and its coupon. Safe to run twice and after a crash at
 * any point (holds and the coupon's orderId say what is still out); `reservationsReleased` then tells the expiry
 * job it is done. Orders placed before holds existed have no holdId: for them the flag is the gate, set first, so
 * a crash can only lose a give-back, never double it.
 */
export async function releaseReservations(order: Order) {
  if (order.holdId) {
    await giveBackHolds(order);
    await returnCoupon(order, ['locked']);
    await repo.flagReservationsReleased(order._id);
    return;
  }
  if (!(await repo.flagReservationsReleased(order._id))) return;
  await giveBackStockWithoutHold(order.items);
  if (order.slot) await giveBackSlotPlaceWithoutHold(order.slot.slotId);
  await returnCoupon(order, ['locked']);
}

/** A timeline entry for something that happened to the order without moving it (a late payment's refund, a closed refund). */
export const noteOnTimeline = (order: Pick<Order, '_id' | '_openid' | 'storeId' | 'status'>, event: string, by: Who, reason: string) =>
  repo.appendEvent(order, order.status, order.status, event, by, reason);

/** An order's timeline, oldest first. */
export const orderEvents = (orderId: string) => repo.eventsOf(orderId);
