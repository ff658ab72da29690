import { createWechatPayClient, parsePaymentConfigFromEnv, type WechatPayClient } from '@daojia/integrations';

let client: WechatPayClient | undefined;

/** One WeChat Pay client per function instance, configured from the environment (sandbox locally). */
export function wechatPay(): WechatPayClient {
  client ??= createWechatPayClient(parsePaymentConfigFromEnv(process.env));
  return client;
}
