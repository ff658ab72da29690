import dayjs from 'dayjs';
import { _ } from '../runtime';
import type { Order } from '@daojia/domain';
import { eachOnItsOwn } from '../each';
import { moveOrder, type Who } from './move';
import { orderConfig } from './config';
import * as repo from './repository';

/** The timers' queries: the orders each job works through (named, so no other module builds order queries). */
export const sweeps = {
  unpaidPastDue: () => repo.all({ status: 'pending_payment', payBefore: _.lt(new Date().toISOString()) }),
  /** A create that died: still `reserving` after the reserve grace (which outlasts any running create). */
  deadCreates: () => repo.all({ status: 'reserving', createdAt: _.lte(dayjs().subtract(orderConfig().reserveGraceS, 'second').toISOString()) }),
  cancelledNotReleased: () => repo.all({ status: 'cancelled', reservationsReleased: _.neq(true) }),
  paidNotAcceptedSince: (beforeIso: string) => repo.all({ status: 'paid', paidAt: _.lt(beforeIso) }),
  awaitingPayment: () => repo.all({ status: 'pending_payment', prepayId: _.exists(true) }),
  rejected: () => repo.all({ status: 'rejected' }),
  refunding: () => repo.all({ status: 'refunding' }),
} satisfies Record<string, (...args: never[]) => Promise<Order[]>>;

const timer: Who = { role: 'system', id: 'timer' };

/** Served (delivered, picked up, checked in) and left alone for autoCompleteHours: completed. */
export async function autoComplete(): Promise<number> {
  const before = dayjs().subtract(orderConfig().autoCompleteHours, 'hour').toISOString();
  const due = await repo.all({ status: _.in(['delivered', 'picked_up', 'checked_in']), updatedAt: _.lt(before) });
  return eachOnItsOwn('autoComplete', due, (order) => moveOrder(order._id, 'complete', timer, { reason: '超时自动完成' }));
}

/** Cancels the orders of creates that died, so such a create could not complete any more (their holds go back after). */
export async function abandonDeadCreates(): Promise<number> {
  return eachOnItsOwn('expireUnpaid', await sweeps.deadCreates(), (order) => moveOrder(order._id, 'abandon', timer, { reason: '下单未完成，已退回占用的库存' }));
}
