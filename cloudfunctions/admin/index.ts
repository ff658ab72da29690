import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { DomainError, listRefundIssuesInput, listRefundIssuesOutput, retryRefundInput, closeRefundInput, refundActionOutput, adminListOrdersInput, listStoresInput, overviewInput, whoamiInput, whoamiOutput, overviewOutput, listStoresOutput, adminListOrdersOutput, adminOrderDetailOutput, orderIdInput, type Order } from '@daojia/domain';
import { defineFunction, action, db, _, $, type Admin } from '@daojia/function-kit';
import { storeLngLat, type StoreDoc } from '../order/quote';
import { orderEvents } from '../_shared/orders';
import { closeRefund, retryRefund, OPEN_ISSUE } from '../_shared/refunds';
import { audit } from './audit';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Staff never get the customer's pickup/check-in code, nor the app's idempotency key (staffOrderView). */
const staffView = ({ pickupCode: _code, idempotencyKey: _key, ...rest }: Order) => rest;

const PAID_STATUSES = ['paid', 'accepted', 'ready', 'delivering', 'delivered', 'ready_for_pickup', 'picked_up', 'confirmed', 'checked_in', 'completed'];

/** A regional manager sees their region only, whatever they ask for; a super admin may narrow by region. */
function regionScope(admin: Admin, asked?: string): Record<string, unknown> {
  if (admin.role === 'region_manager') {
    if (asked && asked !== admin.region) throw new DomainError('FORBIDDEN', `只能查看${admin.region}的数据`);
    return { region: admin.region };
  }
  return asked ? { region: asked } : {};
}

export const main = defineFunction('admin', {
  whoami: action({ input: whoamiInput, output: whoamiOutput, errors: [], role: 'admin', handler: async (_input, { admin }) => ({ admin: admin! }) }),

  /** GMV, orders and active buyers per day in Shanghai time, from paid orders. */
  overview: action({
    input: overviewInput,
    output: overviewOutput,
    errors: [],
    role: 'admin',
    async handler({ days }, { admin }) {
      const scope = regionScope(admin!);
      const since = dayjs().tz('Asia/Shanghai').startOf('day').subtract(days - 1, 'day');
      const rows = (await db.collection('orders').aggregate()
        .match({ ...scope, status: _.in(PAID_STATUSES), paidAt: _.gte(since.toISOString()) })
        .addFields({ day: $.dateToString({ date: $.dateFromString({ dateString: '$paidAt' }), format: '%Y-%m-%d', timezone: 'Asia/Shanghai' }) })
        .group({ _id: '$day', gmvFen: $.sum('$totalFen'), orders: $.sum(1), buyers: $.addToSet('$_openid') })
        .end()).data as { _id: string; gmvFen: number; orders: number; buyers: string[] }[];
      const byDay = new Map(rows.map((r) => [r._id, r]));
      const series = Array.from({ length: days }, (_x, i) => {
        const day = since.add(i, 'day').format('YYYY-MM-DD');
        const r = byDay.get(day);
        return { day, gmvFen: r?.gmvFen ?? 0, orders: r?.orders ?? 0, activeUsers: r?.buyers.length ?? 0 };
      });
      const buyers = new Set(rows.flatMap((r) => r.buyers));
      const stores = (await db.collection('stores').where(scope).count()).total;
      return {
        totals: { gmvFen: series.reduce((a, d) => a + d.gmvFen, 0), orders: series.reduce((a, d) => a + d.orders, 0), activeUsers: buyers.size, stores },
        series,
        scope: admin!.role === 'region_manager' ? admin!.region ?? '' : '全部区域',
      };
    },
  }),

  listStores: action({
    input: listStoresInput,
    output: listStoresOutput,
    errors: [],
    role: 'admin',
    async handler({ keyword, category, region, offset, limit }, { admin }) {
      const where: Record<string, unknown> = { ...regionScope(admin!, region) };
      if (category) where.category = category;
      if (keyword) where.name = db.RegExp({ regexp: keyword.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: 'i' });
      const query = db.collection('stores').where(where);
      const total = (await query.count()).total;
      const { data } = await query.orderBy('_id', 'asc').skip(offset).limit(limit).field({ hours: false, deliveryTiers: false }).get();
      // Stored as a geo point; callers get the same { lng, lat } as everywhere else in the API.
      return { stores: (data as StoreDoc[]).map((s) => ({ ...s, location: storeLngLat(s.location) })), total };
    },
  }),

  listOrders: action({
    input: adminListOrdersInput,
    output: adminListOrdersOutput,
    errors: [],
    role: 'admin',
    async handler({ status, region, offset, limit }, { admin }) {
      // An order still reserving is not one yet (order/create.ts).
      const where: Record<string, unknown> = { ...regionScope(admin!, region), status: status ?? _.neq('reserving') };
      const query = db.collection('orders').where(where);
      const total = (await query.count()).total;
      const { data } = await query.orderBy('createdAt', 'desc').skip(offset).limit(limit).field({ pickupCode: false, idempotencyKey: false }).get();
      return { orders: data, total };
    },
  }),

  /** One order with its timeline; a region manager's other regions do not exist for them (like the lists). */
  orderDetail: action({
    input: orderIdInput,
    output: adminOrderDetailOutput,
    errors: ['ORDER_NOT_FOUND'],
    role: 'admin',
    async handler({ orderId }, { admin }) {
      const { data } = await db.collection('orders').where({ ...regionScope(admin!), _id: orderId }).limit(1).field({ pickupCode: false, idempotencyKey: false }).get();
      if (!data.length) throw new DomainError('ORDER_NOT_FOUND', '订单不存在，或不在你管理的区域');
      return { order: data[0], events: await orderEvents(orderId) };
    },
  }),

  /**
   * Money that did not go back: refunds the gateway ended ABNORMAL or CLOSED (or the refund job gave up on), not yet
   * closed by staff, and payments refused because someone other than the buyer paid. Newest first.
   */
  listRefundIssues: action({
    input: listRefundIssuesInput,
    output: listRefundIssuesOutput,
    errors: [],
    role: 'admin',
    async handler({ region, limit }, { admin }) {
      const scope = regionScope(admin!, region);
      const refunds = (await db.collection('refunds').where({ ...scope, ...OPEN_ISSUE }).orderBy('createdAt', 'desc').limit(limit).get()).data;
      const alerts = (await db.collection('payment_alerts').where(scope).orderBy('at', 'desc').limit(limit).get()).data;
      const storeIds = [...new Set([...refunds, ...alerts].map((x) => x.storeId).filter((id): id is string => typeof id === 'string'))];
      const stores = storeIds.length ? (await db.collection('stores').where({ _id: _.in(storeIds) }).field({ name: true }).limit(storeIds.length).get()).data as { _id: string; name: string }[] : [];
      return { refunds, alerts, storeNames: Object.fromEntries(stores.map((st) => [st._id, st.name])) };
    },
  }),

  /** Sends an abnormal or closed refund again under a new refund number; audit-logged. */
  retryRefund: action({
    input: retryRefundInput,
    output: refundActionOutput,
    errors: ['REFUND_NOT_FOUND', 'REFUND_NOT_OPEN', 'ORDER_NOT_FOUND'],
    role: 'admin',
    async handler({ refundId, reason }, { admin }) {
      const { before, orderBefore, refund, order } = await retryRefund(refundId, regionScope(admin!));
      await audit(admin!, 'retryRefund', { refundId, orderId: order._id, reason, before: { refund: before.status, order: orderBefore.status }, after: { refund: refund.status, order: order.status, retriedAs: refund._id } });
      return { refund, order: staffView(order) };
    },
  }),

  /** Ends a refund the gateway could not carry out, with the reason: the order becomes final (refund_closed). */
  closeRefund: action({
    input: closeRefundInput,
    output: refundActionOutput,
    errors: ['REFUND_NOT_FOUND', 'REFUND_NOT_OPEN', 'ORDER_NOT_FOUND', 'ILLEGAL_TRANSITION', 'ORDER_BUSY'],
    role: 'admin',
    async handler({ refundId, reason }, { admin }) {
      const { before, orderBefore, refund, order } = await closeRefund(refundId, regionScope(admin!), { role: 'admin', id: admin!.userKey }, reason);
      await audit(admin!, 'closeRefund', { refundId, orderId: order._id, reason, before: { refund: before.status, order: orderBefore.status }, after: { refund: refund.status, order: order.status } });
      return { refund, order: staffView(order) };
    },
  }),
});
