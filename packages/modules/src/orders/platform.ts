import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DomainError, TIME_ZONE, type OrderStatus } from '@daojia/domain';
import { _ } from '../runtime';
import { orderEvents } from './move';
import * as repo from './repository';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Statuses an order has once it was paid and while the money stays with the platform (GMV). */
const PAID_STATUSES: OrderStatus[] = ['paid', 'accepted', 'ready', 'delivering', 'delivered', 'ready_for_pickup', 'picked_up', 'confirmed', 'checked_in', 'completed'];

/** Orders as platform staff list them; `scope` is the caller's region filter. An order still reserving is not one yet. */
export function listOrdersForStaff(scope: Record<string, unknown>, q: { status?: OrderStatus; offset: number; limit: number }) {
  return repo.staffPage({ ...scope, status: q.status ?? _.neq('reserving') }, q.offset, q.limit);
}

/** One order with its timeline; outside the caller's scope it does not exist for them (like the lists). */
export async function orderDetailForStaff(orderId: string, scope: Record<string, unknown>) {
  const order = await repo.findStaffOne({ ...scope, _id: orderId });
  if (!order) throw new DomainError('ORDER_NOT_FOUND', '订单不存在，或不在你管理的区域');
  return { order, events: await orderEvents(orderId) };
}

/** GMV, orders and active buyers per day in Shanghai time over the last `days` days, from paid orders in scope. */
export async function paidSeries(scope: Record<string, unknown>, days: number) {
  const since = dayjs()
    .tz(TIME_ZONE)
    .startOf('day')
    .subtract(days - 1, 'day');
  const rows = await repo.paidByDay(scope, PAID_STATUSES, since.toISOString());
  const byDay = new Map(rows.map((r) => [r._id, r]));
  const series = Array.from({ length: days }, (_x, i) => {
    const day = since.add(i, 'day').format('YYYY-MM-DD');
    const r = byDay.get(day);
    return { day, gmvFen: r?.gmvFen ?? 0, orders: r?.orders ?? 0, activeUsers: r?.buyers.length ?? 0 };
  });
  const buyers = new Set(rows.flatMap((r) => r.buyers));
  return { series, totals: { gmvFen: series.reduce((a, d) => a + d.gmvFen, 0), orders: series.reduce((a, d) => a + d.orders, 0), activeUsers: buyers.size } };
}
