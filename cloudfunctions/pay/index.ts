import { prepayInput, prepayOutput } from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { prepay } from '@daojia/modules/payments';

export const main = defineFunction('pay', {
  /**
   * A WeChat Pay JSAPI order for an unpaid order, and the signed parameters for wx.requestPayment. Asking again
   * returns the same prepay (WeChat Pay answers the same prepay_id for the same out_trade_no and parameters).
   */
  prepay: action({
    input: prepayInput,
    output: prepayOutput,
    errors: ['ORDER_NOT_FOUND', 'ORDER_NOT_PAYABLE', 'ORDER_EXPIRED'],
    permission: 'order.own',
    async handler({ orderId }, { caller }) {
      return { payment: await prepay(orderId, { userKey: caller.userKey, openId: caller.openId }) };
    },
  }),
});
