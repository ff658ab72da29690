import dayjs from 'dayjs';
import { DomainError, prepayInput, prepayOutput } from '@daojia/domain';
import { defineFunction, action, db } from '@daojia/function-kit';
import { getOrder } from '../_shared/orders';
import { wechatPay } from '../_shared/payment-client';

export const main = defineFunction('pay', {
  /**
   * A WeChat Pay JSAPI order for an unpaid order, and the signed parameters for wx.requestPayment. Asking again
   * returns the same prepay (WeChat Pay answers the same prepay_id for the same out_trade_no and parameters).
   */
  prepay: action({
    input: prepayInput,
    output: prepayOutput,
    errors: ['ORDER_NOT_FOUND', 'ORDER_NOT_PAYABLE', 'ORDER_EXPIRED'],
    role: 'consumer',
    async handler({ orderId }, { caller }) {
      const order = await getOrder(orderId);
      if (order._openid !== caller.userKey) throw new DomainError('ORDER_NOT_FOUND', '订单不存在');
      if (order.status !== 'pending_payment') throw new DomainError('ORDER_NOT_PAYABLE', '订单已支付或已关闭，无需再次支付');
      if (dayjs(order.payBefore).isBefore(dayjs())) throw new DomainError('ORDER_EXPIRED', '订单已超时，请重新下单');
      const pay = wechatPay();
      const payerOpenid = caller.openId || caller.userKey;
      const { prepayId } = await pay.createJsapiPrepay({
        description: `到家-${order.storeName}`.slice(0, 127),
        outTradeNo: order._id,
        amountFen: order.totalFen,
        payerOpenid,
        timeExpire: order.payBefore,
      });
      const { updated } = await db.collection('orders').where({ _id: orderId, status: 'pending_payment' }).update({ prepayId, prepayAt: new Date().toISOString(), payerOpenid }); // a payment by anyone else is refused
      if (updated !== 1) {
        // Cancelled while the prepay was being made, so the cancel could not close it: close it here, never hand it out.
        await pay.closeOrder(order._id);
        throw new DomainError('ORDER_NOT_PAYABLE', '订单已支付或已关闭，无需再次支付');
      }
      return { payment: pay.requestPaymentParams(prepayId) };
    },
  }),
});
