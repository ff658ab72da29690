import { notificationReply } from '@daojia/integrations';
import { defineHttpCallback, log, rawBody, type HttpEvent } from '@daojia/function-kit';
import { settleRefund, wechatPay, RefundMismatch } from '@daojia/modules/payments';

/**
 * WeChat Pay's refund notification (HTTP-triggered): verified, compared with the refund we asked for, then applied
 * once to the refund and its order. Anything doubtful answers FAIL (WeChat Pay resends) and changes nothing.
 */
async function handle(event: HttpEvent) {
  try {
    const { refund } = wechatPay().readRefundNotification({ headers: event.headers, rawBody: rawBody(event) });
    await settleRefund({ outRefundNo: refund.out_refund_no, outTradeNo: refund.out_trade_no, status: refund.refund_status, refundFen: refund.amount.refund });
    return notificationReply(true);
  } catch (e) {
    const code = (e as { code?: string }).code ?? (e instanceof RefundMismatch ? 'REFUND_MISMATCH' : 'ERROR');
    // A known refusal (bad signature, mismatch) is the notification's fault and needs no stack; anything else does.
    if (code === 'ERROR') log.error('rejected', { error: e as Error });
    else log.warn(`rejected: ${code}`, { code, reason: (e as Error).message });
    return notificationReply(false, '通知处理失败');
  }
}

/** Only its HTTP trigger may start it: a client calling it by name is refused (function-kit/src/entry.ts). */
export const main = defineHttpCallback('refundNotify', handle);
