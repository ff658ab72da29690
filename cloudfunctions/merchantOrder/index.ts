import { DomainError, merchantListInput, orderIdInput, rejectInput, verifyCodeInput, merchantOrderOutput, merchantListOutput, merchantOrderDetailOutput, MOVE_ERRORS, type Order, type OrderStatus } from '@daojia/domain';
import { defineFunction, action, db, _, type Staff } from '@daojia/function-kit';
import { getOrder, moveOrder, orderEvents } from '../_shared/orders';
import { refundRejected, startRefund } from '../_shared/refunds';

const TABS: Record<string, OrderStatus[]> = {
  new: ['paid'],
  active: ['accepted', 'ready', 'delivering', 'ready_for_pickup', 'confirmed'],
  done: ['delivered', 'picked_up', 'checked_in', 'completed', 'rejected', 'refunded', 'refund_closed'],
  refund: ['refund_requested', 'refunding'],
};

/** The code proves the customer is at the counter: merchants never see it in lists. */
const forMerchant = ({ pickupCode: _code, idempotencyKey: _key, ...o }: Order) => o;

async function storeOrder(orderId: string, staff: Staff): Promise<Order> {
  const order = await getOrder(orderId);
  if (order.storeId !== staff.storeId) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
  return order;
}

async function findByCode(code: string, staff: Staff): Promise<Order> {
  const { data } = await db.collection('orders').where({ storeId: staff.storeId, pickupCode: code, status: _.in(['ready_for_pickup', 'confirmed']) }).limit(1).get();
  if (!data.length) throw new DomainError('CODE_INVALID', '核销码无效，或订单还未备好');
  return data[0] as Order;
}

const by = (staff: Staff) => ({ role: 'merchant' as const, id: staff.userKey });

/**
 * Staff roles per action. Serving customers (lists, accept, reject, ready, hand-over, delivered, verify code) is the
 * counter's daily work and any staff member does it; a reject refunds the untouched order in full, with no amount
 * to decide. Whether money goes back for an order already served (refund requests) is the owner's call.
 */
const ANY_STAFF = ['owner', 'clerk'] as const;
const OWNER_ONLY = ['owner'] as const;

export const main = defineFunction('merchantOrder', {
  list: action({
    input: merchantListInput,
    output: merchantListOutput,
    errors: [],
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ tab, offset, limit }, { staff }) {
      const statuses = tab ? TABS[tab] : Object.values(TABS).flat();
      const { data } = await db.collection('orders').where({ storeId: staff!.storeId, status: _.in(statuses) }).orderBy('createdAt', 'desc').skip(offset).limit(limit).get();
      // Read from this function's own action table, so the app's buttons follow the declared staff roles.
      const allowed = Object.entries(main.actions).filter(([, def]) => def.staffRoles?.includes(staff!.role)).map(([name]) => name);
      return { orders: (data as Order[]).map(forMerchant), storeId: staff!.storeId, allowed };
    },
  }),

  /** One of the store's orders with its timeline; as everywhere here, without the customer's code. */
  detail: action({
    input: orderIdInput,
    output: merchantOrderDetailOutput,
    errors: ['ORDER_NOT_FOUND'],
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ orderId }, { staff }) {
      return { order: forMerchant(await storeOrder(orderId, staff!)), events: await orderEvents(orderId) };
    },
  }),

  /** Delivery and pickup orders are accepted; a booking is confirmed. */
  accept: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ orderId }, { staff }) {
      const order = await storeOrder(orderId, staff!);
      const moved = await moveOrder(orderId, order.mode === 'booking' ? 'confirm' : 'accept', by(staff!), { reason: '商家接单' });
      return { order: forMerchant(moved) };
    },
  }),

  reject: action({
    input: rejectInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ orderId, reason }, { staff }) {
      await storeOrder(orderId, staff!);
      await moveOrder(orderId, 'reject', by(staff!), { reason, set: { rejectReason: reason } });
      return { order: forMerchant(await refundRejected(orderId, { event: '商家拒单，全额退款', refund: `商家拒单：${reason}` })) };
    },
  }),

  markReady: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ orderId }, { staff }) {
      await storeOrder(orderId, staff!);
      return { order: forMerchant(await moveOrder(orderId, 'markReady', by(staff!))) };
    },
  }),

  handOver: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ orderId }, { staff }) {
      await storeOrder(orderId, staff!);
      return { order: forMerchant(await moveOrder(orderId, 'handOver', by(staff!), { reason: '已交给骑手' })) };
    },
  }),

  /** Self-delivery by the store's own rider; third-party couriers will report this through their callback. */
  markDelivered: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ orderId }, { staff }) {
      await storeOrder(orderId, staff!);
      return { order: forMerchant(await moveOrder(orderId, 'deliver', by(staff!), { reason: '商家配送送达' })) };
    },
  }),

  /**
   * The 6-digit code the customer shows: a pickup order is handed over, a booking checked in. With an orderId (the
   * merchant opened that order first) the code must be that order's, so a code read out for another order fails.
   */
  verifyCode: action({
    input: verifyCodeInput,
    output: merchantOrderOutput,
    errors: [...MOVE_ERRORS, 'CODE_INVALID', 'CODE_MISMATCH'],
    role: 'merchant', staffRoles: ANY_STAFF,
    async handler({ code, orderId }, { staff }) {
      const order = orderId ? await storeOrder(orderId, staff!) : await findByCode(code, staff!);
      if (order.pickupCode !== code) throw new DomainError('CODE_MISMATCH', '核销码与该订单不符，请核对顾客出示的订单');
      if (order.status !== 'ready_for_pickup' && order.status !== 'confirmed') throw new DomainError('CODE_INVALID', '核销码无效，或订单还未备好');
      const moved = await moveOrder(order._id, order.mode === 'booking' ? 'checkIn' : 'pickUp', by(staff!), { reason: '核销码验证通过' });
      return { order: forMerchant(moved) };
    },
  }),

  approveRefund: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    role: 'merchant', staffRoles: OWNER_ONLY,
    async handler({ orderId }, { staff }) {
      await storeOrder(orderId, staff!);
      const refunding = await moveOrder(orderId, 'approveRefund', by(staff!), { reason: '商家同意退款' });
      await startRefund(refunding, refunding.refundRequestedFen ?? refunding.totalFen, refunding.refundReason ?? '商家同意退款');
      return { order: forMerchant(await getOrder(orderId)) };
    },
  }),

  declineRefund: action({
    input: rejectInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    role: 'merchant', staffRoles: OWNER_ONLY,
    async handler({ orderId, reason }, { staff }) {
      await storeOrder(orderId, staff!);
      return { order: forMerchant(await moveOrder(orderId, 'declineRefund', by(staff!), { reason })) };
    },
  }),
});
