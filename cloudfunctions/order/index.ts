import { DomainError, planRefund, transition, cancelOrderInput, createOrderInput, listOrdersInput, orderIdInput, quoteInput, refundRequestInput, quoteOutput, orderOutput, listOrdersOutput, orderDetailOutput, QUOTE_ERRORS, CREATE_ERRORS, MOVE_ERRORS, type Order } from '@daojia/domain';
import { defineFunction, action, db, _ } from '@daojia/function-kit';
import { getOrder, moveOrder, orderEvents } from '../_shared/orders';
import { cancelByConsumer } from './cancel';
import { quote } from './quote';
import { createOrder } from './create';

async function ownOrder(orderId: string, userKey: string): Promise<Order> {
  const order = await getOrder(orderId);
  if (order._openid !== userKey) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
  return order;
}

export const main = defineFunction('order', {
  quote: action({ input: quoteInput, output: quoteOutput, errors: QUOTE_ERRORS, role: 'consumer', handler: async (input, { caller }) => ({ breakdown: (await quote(input, caller.userKey)).breakdown }) }),

  create: action({ input: createOrderInput, output: orderOutput, errors: CREATE_ERRORS, role: 'consumer', handler: async (input, { caller }) => ({ order: await createOrder(input, caller.userKey) }) }),

  list: action({
    input: listOrdersInput,
    output: listOrdersOutput,
    errors: [],
    role: 'consumer',
    async handler({ status, offset, limit }, { caller }) {
      // An order still reserving is not one yet (order/create.ts).
      const where: Record<string, unknown> = { _openid: caller.userKey, status: status ?? _.neq('reserving') };
      const { data } = await db.collection('orders').where(where).orderBy('createdAt', 'desc').skip(offset).limit(limit).get();
      return { orders: data };
    },
  }),

  detail: action({
    input: orderIdInput,
    output: orderDetailOutput,
    errors: ['ORDER_NOT_FOUND'],
    role: 'consumer',
    async handler({ orderId }, { caller }) {
      return { order: await ownOrder(orderId, caller.userKey), events: await orderEvents(orderId) };
    },
  }),

  cancel: action({
    input: cancelOrderInput,
    output: orderOutput,
    errors: MOVE_ERRORS,
    role: 'consumer',
    async handler({ orderId, reason }, { caller }) {
      const order = await ownOrder(orderId, caller.userKey);
      return { order: await cancelByConsumer(order, { role: 'consumer', id: caller.userKey }, reason) };
    },
  }),

  confirmReceipt: action({
    input: orderIdInput,
    output: orderOutput,
    errors: MOVE_ERRORS,
    role: 'consumer',
    async handler({ orderId }, { caller }) {
      await ownOrder(orderId, caller.userKey);
      return { order: await moveOrder(orderId, 'complete', { role: 'consumer', id: caller.userKey }, { reason: '用户确认收货' }) };
    },
  }),

  requestRefund: action({
    input: refundRequestInput,
    output: orderOutput,
    errors: [...MOVE_ERRORS, 'REFUND_TOO_LARGE'],
    role: 'consumer',
    async handler({ orderId, reason, items }, { caller }) {
      const order = await ownOrder(orderId, caller.userKey);
      // An order that cannot be refunded says so first (as before), whatever lines were asked for.
      transition(order, 'requestRefund', 'consumer');
      // The amount comes from the selected lines' payable amounts (no items: the whole order, fees included).
      const plan = planRefund(order, items);
      return { order: await moveOrder(orderId, 'requestRefund', { role: 'consumer', id: caller.userKey }, { reason, set: { refundReason: reason, refundRequestedFen: plan.amountFen, refundRequestedLines: plan.lines } }) };
    },
  }),
});
