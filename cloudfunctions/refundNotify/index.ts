import { notificationReply } from '@daojia/integrations';
import { rawBody, type HttpEvent } from '@daojia/function-kit';
import { settleRefund } from '../_shared/payments';
import { wechatPay } from '../_shared/payment-client';

/** WeChat Pay's refund notification (HTTP-triggered): verified, then applied once to the refund and its order. */
export async function main(event: HttpEvent) {
  try {
    const { refund } = wechatPay().readRefundNotification({ headers: event.headers, rawBody: rawBody(event) });
    await settleRefund(refund.out_refund_no, refund.refund_status);
    return notificationReply(true);
  } catch (e) {
    console.error(`[refundNotify] rejected: ${(e as { code?: string }).code ?? ''} ${(e as Error).message}`);
    return notificationReply(false, '通知处理失败');
  }
}
