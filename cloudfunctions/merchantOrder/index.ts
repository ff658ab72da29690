import {
  can,
  merchantListInput,
  orderIdInput,
  rejectInput,
  verifyCodeInput,
  merchantOrderOutput,
  merchantListOutput,
  merchantOrderDetailOutput,
  newOrdersSeenInput,
  newOrdersSeenOutput,
  MOVE_ERRORS,
} from '@daojia/domain';
import { defineFunction, action, type Staff } from '@daojia/function-kit';
import { acceptOrder, listStoreOrders, moveStoreOrder, staffView, storeOrderDetail, verifyPickupCode } from '@daojia/modules/orders';
import { approveRefund, rejectOrder } from '@daojia/modules/payments';
import { markStaffSeen } from '@daojia/modules/notifications';

const by = (staff: Staff) => ({ role: 'merchant' as const, id: staff.userKey });

/**
 * Permissions per action (who holds them: packages/domain/src/access/permissions.ts). Serving customers (lists,
 * accept, reject, ready, hand-over, delivered, verify code) is `store.orders.serve`, the counter's daily work; a
 * reject refunds the untouched order in full, with no amount to decide. Whether money goes back for an order already
 * served (refund requests) is `store.refunds.decide`, the owner's call.
 */

export const main = defineFunction('merchantOrder', {
  list: action({
    input: merchantListInput,
    output: merchantListOutput,
    errors: [],
    permission: 'store.orders.serve',
    async handler({ tab, offset, limit }, { staff, access }) {
      const orders = await listStoreOrders(staff.storeId, { tab, offset, limit });
      // This function's own action table asked of the policy for the store acted on, so the app's buttons follow the
      // declared permissions and the caller's role in this store.
      const allowed = Object.entries(main.actions)
        .filter(([, def]) => can(access.principal, def.permission, { storeId: staff.storeId }))
        .map(([name]) => name);
      return { orders, storeId: staff.storeId, allowed };
    },
  }),

  /** One of the store's orders with its timeline; as everywhere here, without the customer's code. */
  detail: action({
    input: orderIdInput,
    output: merchantOrderDetailOutput,
    errors: ['ORDER_NOT_FOUND'],
    permission: 'store.orders.serve',
    handler: ({ orderId }, { staff }) => storeOrderDetail(orderId, staff.storeId),
  }),

  /** Delivery and pickup orders are accepted; a booking is confirmed. */
  accept: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    permission: 'store.orders.serve',
    async handler({ orderId }, { staff }) {
      return { order: staffView(await acceptOrder(orderId, staff.storeId, by(staff))) };
    },
  }),

  reject: action({
    input: rejectInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    permission: 'store.orders.serve',
    async handler({ orderId, reason }, { staff }) {
      return { order: staffView(await rejectOrder(orderId, staff.storeId, by(staff), reason)) };
    },
  }),

  markReady: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    permission: 'store.orders.serve',
    async handler({ orderId }, { staff }) {
      return { order: staffView(await moveStoreOrder(orderId, staff.storeId, 'markReady', by(staff))) };
    },
  }),

  handOver: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    permission: 'store.orders.serve',
    async handler({ orderId }, { staff }) {
      return { order: staffView(await moveStoreOrder(orderId, staff.storeId, 'handOver', by(staff), { reason: '已交给骑手' })) };
    },
  }),

  /** Self-delivery by the store's own rider; third-party couriers will report this through their callback. */
  markDelivered: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    permission: 'store.orders.serve',
    async handler({ orderId }, { staff }) {
      return { order: staffView(await moveStoreOrder(orderId, staff.storeId, 'deliver', by(staff), { reason: '商家配送送达' })) };
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
    permission: 'store.orders.serve',
    async handler({ code, orderId }, { staff }) {
      return { order: staffView(await verifyPickupCode(code, orderId, staff.storeId, by(staff))) };
    },
  }),

  approveRefund: action({
    input: orderIdInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    permission: 'store.refunds.decide',
    async handler({ orderId }, { staff }) {
      return { order: staffView(await approveRefund(orderId, staff.storeId, by(staff))) };
    },
  }),

  declineRefund: action({
    input: rejectInput,
    output: merchantOrderOutput,
    errors: MOVE_ERRORS,
    permission: 'store.refunds.decide',
    async handler({ orderId, reason }, { staff }) {
      return { order: staffView(await moveStoreOrder(orderId, staff.storeId, 'declineRefund', by(staff), { reason })) };
    },
  }),

  /**
   * The caller opened the 新订单 tab: their own new-order alerts for this store (written per staff member by the
   * notifications subscriber on `pay`, watched in realtime by the app) are seen, so the badge clears.
   */
  seenNewOrders: action({
    input: newOrdersSeenInput,
    output: newOrdersSeenOutput,
    errors: [],
    permission: 'store.orders.serve',
    async handler(_input, { staff }) {
      return { seen: await markStaffSeen(staff.userKey, staff.storeId, ['pay']) };
    },
  }),
});
