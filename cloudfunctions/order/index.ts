import {
  cancelOrderInput,
  createOrderInput,
  listOrdersInput,
  orderIdInput,
  quoteInput,
  refundRequestInput,
  quoteOutput,
  orderOutput,
  listOrdersOutput,
  orderDetailOutput,
  QUOTE_ERRORS,
  CREATE_ERRORS,
  MOVE_ERRORS,
} from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { confirmReceipt, createOrder, listOwnOrders, ownOrder, ownOrderDetail, quote, requestRefund } from '@daojia/modules/orders';
import { cancelByConsumer } from '@daojia/modules/payments';

export const main = defineFunction('order', {
  quote: action({
    input: quoteInput,
    output: quoteOutput,
    errors: QUOTE_ERRORS,
    permission: 'order.place',
    handler: async (input, { caller }) => ({ breakdown: (await quote(input, caller.userKey)).breakdown }),
  }),

  create: action({
    input: createOrderInput,
    output: orderOutput,
    errors: CREATE_ERRORS,
    permission: 'order.place',
    handler: async (input, { caller }) => ({ order: await createOrder(input, caller.userKey) }),
  }),

  list: action({
    input: listOrdersInput,
    output: listOrdersOutput,
    errors: [],
    permission: 'order.own',
    async handler({ status, offset, limit }, { caller }) {
      return { orders: await listOwnOrders(caller.userKey, { status, offset, limit }) };
    },
  }),

  detail: action({
    input: orderIdInput,
    output: orderDetailOutput,
    errors: ['ORDER_NOT_FOUND'],
    permission: 'order.own',
    handler: ({ orderId }, { caller }) => ownOrderDetail(orderId, caller.userKey),
  }),

  cancel: action({
    input: cancelOrderInput,
    output: orderOutput,
    errors: MOVE_ERRORS,
    permission: 'order.own',
    async handler({ orderId, reason }, { caller }) {
      return { order: await cancelByConsumer(await ownOrder(orderId, caller.userKey), { role: 'consumer', id: caller.userKey }, reason) };
    },
  }),

  confirmReceipt: action({
    input: orderIdInput,
    output: orderOutput,
    errors: MOVE_ERRORS,
    permission: 'order.own',
    async handler({ orderId }, { caller }) {
      return { order: await confirmReceipt(orderId, caller.userKey) };
    },
  }),

  requestRefund: action({
    input: refundRequestInput,
    output: orderOutput,
    errors: [...MOVE_ERRORS, 'REFUND_TOO_LARGE'],
    permission: 'order.own',
    async handler({ orderId, reason, items }, { caller }) {
      return { order: await requestRefund(orderId, caller.userKey, reason, items) };
    },
  }),
});
