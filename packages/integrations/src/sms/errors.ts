/**
 * Stable codes. A per-number refusal (a wrong number, a daily limit) is not an error: it comes back in
 * `SmsSendResult.code`, because one request can succeed for some numbers and fail for others.
 */
export type SmsErrorCode = 'SMS_CONFIG_INVALID' | 'SMS_INVALID_INPUT' | 'SMS_AUTH_FAILED' | 'SMS_API_ERROR' | 'SMS_RESPONSE_INVALID' | 'SMS_NETWORK';

export class SmsError extends Error {
  constructor(
    public readonly code: SmsErrorCode,
    message: string,
    /** Tencent Cloud's own error code (`AuthFailure.SignatureFailure`, `FailedOperation.…`) and request id. */
    public readonly details: { tencentCode?: string; requestId?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'SmsError';
  }
}
