import { notificationReply } from '@daojia/integrations';
import { defineHttpCallback, log, rawBody, type HttpEvent } from '@daojia/function-kit';
import { recordPayment, wechatPay, PaymentMismatch } from '@daojia/modules/payments';

/**
 * WeChat Pay's payment notification (HTTP-triggered). Verify the signature over the raw body, decrypt, compare
 * with the order, record once, then acknowledge. Anything doubtful answers FAIL so WeChat Pay resends; a
 * mismatch changes nothing.
 */
async function handle(event: HttpEvent) {
  let outTradeNo = '';
  try {
    const { transaction } = wechatPay().readTransactionNotification({ headers: event.headers, rawBody: rawBody(event) });
    outTradeNo = transaction.out_trade_no;
    if (transaction.trade_state !== 'SUCCESS') return notificationReply(true);
    await recordPayment(transaction);
    return notificationReply(true);
  } catch (e) {
    const code = (e as { code?: string }).code ?? (e instanceof PaymentMismatch ? 'PAYMENT_MISMATCH' : 'ERROR');
    // A known refusal (bad signature, mismatch) is the notification's fault and needs no stack; anything else does.
    if (code === 'ERROR') log.error(`rejected ${outTradeNo || 'notification'}`, { outTradeNo, error: e as Error });
    else log.warn(`rejected ${outTradeNo || 'notification'}: ${code}`, { outTradeNo, code, reason: (e as Error).message });
    return notificationReply(false, '通知处理失败');
  }
}

/** Only its HTTP trigger may start it: a client calling it by name is refused (function-kit/src/entry.ts). */
export const main = defineHttpCallback('payNotify', handle);
