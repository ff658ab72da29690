/**
 * Stable codes callers can branch on. `WECHATPAY_HTTP_<status>` carries WeChat Pay's own error code in `wechatCode`
 * (e.g. ORDERPAID, ORDER_NOT_EXIST, NOT_ENOUGH) because that code is what decides a retry, not the status.
 */
export type WechatPayErrorCode =
  | 'WECHATPAY_CONFIG_INVALID'
  | 'WECHATPAY_INVALID_INPUT'
  | 'WECHATPAY_SIGNATURE_INVALID'
  | 'WECHATPAY_SERIAL_UNKNOWN'
  | 'WECHATPAY_TIMESTAMP_SKEW'
  | 'WECHATPAY_HEADERS_MISSING'
  | 'WECHATPAY_DECRYPT_FAILED'
  | 'WECHATPAY_RESPONSE_INVALID'
  | 'WECHATPAY_NOTIFICATION_INVALID'
  | 'WECHATPAY_MERCHANT_MISMATCH'
  | 'WECHATPAY_NETWORK'
  | `WECHATPAY_HTTP_${number}`;

export class WechatPayError extends Error {
  constructor(
    public readonly code: WechatPayErrorCode,
    message: string,
    public readonly details: { status?: number; wechatCode?: string; wechatMessage?: string } = {},
  ) {
    super(message);
    this.name = 'WechatPayError';
  }
}

export const isWechatPayError = (e: unknown): e is WechatPayError => e instanceof WechatPayError;
