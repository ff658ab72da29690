import { formatFen, type Order } from '@daojia/domain';
import type { OrderEventDoc, Subscriber } from '../events/registry';
import { addNotification } from './repository';

/** Who works at a store (the access module's staffOfStore): each of them gets the store's messages too. */
export type StaffOf = (storeId: string) => Promise<{ userKey: string }[]>;

type Text = (order: Order, event: OrderEventDoc) => { title: string; body: string };

/** What the buyer is told, per order event (the timeline has every move; these are the ones worth a message). */
const TO_CONSUMER: Record<string, Text> = {
  pay: (o) => ({ title: '支付成功', body: `${o.storeName} 已收到你的订单，等待商家接单` }),
  accept: (o) => ({ title: '商家已接单', body: `${o.storeName} 已接单，正在为你准备` }),
  confirm: (o) => ({ title: '预约已确认', body: `${o.storeName} 已确认你的预约，请按时到店` }),
  reject: (o, e) => ({ title: '商家已拒单', body: `${o.storeName} 无法接单${e.reason ? `（${e.reason}）` : ''}，款项将原路退回` }),
  autoReject: (o) => ({ title: '商家未接单', body: `${o.storeName} 超时未接单，款项将原路退回` }),
  markReady: (o) =>
    o.mode === 'pickup' ? { title: '可以取货了', body: `${o.storeName} 已备好你的订单，取货码 ${o.pickupCode ?? ''}`.trim() } : { title: '商家已出餐', body: `${o.storeName} 已出餐，等待配送` },
  handOver: (o) => ({ title: '订单配送中', body: `${o.storeName} 的订单已交给骑手` }),
  deliver: (o) => ({ title: '订单已送达', body: `${o.storeName} 的订单已送达，祝你用餐愉快` }),
  expire: () => ({ title: '订单已取消', body: '订单超时未支付，已自动取消' }),
  approveRefund: () => ({ title: '退款处理中', body: '退款申请已通过，款项将原路退回' }),
  declineRefund: (_o, e) => ({ title: '退款申请未通过', body: `商家拒绝了退款申请${e.reason ? `：${e.reason}` : ''}` }),
  refundSucceeded: (o) => ({ title: '退款成功', body: `${formatFen(o.refundedFen ?? 0)} 已原路退回` }),
  latePaymentRefund: () => ({ title: '支付款将退回', body: '订单已取消，迟到的支付款将全额退回' }),
};

/**
 * What the store is told: work waiting for it. The store's own copy (`${eventId}:store`) is for the merchant
 * functions; every staff member of the store gets one of their own (`${eventId}:staff:${userKey}`, `_openid` theirs)
 * that the merchant app watches in realtime: `pay` is the new-order alert (sound, vibration, badge).
 */
const TO_STORE: Record<string, Text> = {
  pay: (o) => ({ title: '新订单', body: `订单 ${o.orderNo}，请及时接单` }),
  requestRefund: (o, e) => ({ title: '用户申请退款', body: `订单 ${o.orderNo}${e.reason ? `：${e.reason}` : ''}` }),
};

/**
 * The notifications subscriber (registered in events/subscribers.ts): one in-app message per interested
 * party per event. Reads the order for what the message names (store, order number, amounts).
 */
export function notificationsSubscriber(getOrder: (orderId: string) => Promise<Order>, staffOf: StaffOf): Subscriber {
  return {
    name: 'notifications',
    on: { events: [...new Set([...Object.keys(TO_CONSUMER), ...Object.keys(TO_STORE)])] },
    async handle(event) {
      const order = await getOrder(event.orderId);
      const base = { eventId: event._id, orderId: event.orderId, storeId: event.storeId };
      const consumer = TO_CONSUMER[event.event];
      if (consumer) await addNotification({ ...base, _id: `${event._id}:consumer`, audience: 'consumer', event: event.event, _openid: event._openid, ...consumer(order, event) });
      const store = TO_STORE[event.event];
      if (!store) return;
      const text = store(order, event);
      await addNotification({ ...base, _id: `${event._id}:store`, audience: 'store', event: event.event, ...text });
      // One message per person, each its own idempotent insert: a repeated delivery leaves one each.
      const staff = await staffOf(event.storeId);
      await Promise.all(staff.map((s) => addNotification({ ...base, _id: `${event._id}:staff:${s.userKey}`, audience: 'staff', event: event.event, _openid: s.userKey, ...text })));
    },
  };
}
