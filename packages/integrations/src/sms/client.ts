import { z } from 'zod';
import { parseSmsConfig, type SmsConfig, type SmsConfigInput } from './config';
import { SmsError } from './errors';
import { MAX_PHONE_NUMBERS, phoneNumberSchema, SEND_SMS_VERSION, sendSmsResponseSchema, SMS_SERVICE } from './schemas';
import { tc3Sign } from './tc3';

export const sendSmsInputSchema = z.object({
  phoneNumbers: z.array(phoneNumberSchema).min(1).max(MAX_PHONE_NUMBERS),
  /** An approved template's id (模板 ID). */
  templateId: z.string().regex(/^\d+$/, '模板 ID 应为数字'),
  /** Values for the template's {1}, {2}, … in order. */
  templateParams: z.array(z.string()).default([]),
  /** Overrides SMS_SIGN_NAME for this message. */
  signName: z.string().min(1).optional(),
  /** Echoed back per number (and in delivery receipts): e.g. the order id. */
  sessionContext: z.string().max(512).optional(),
});
export type SendSmsInput = z.input<typeof sendSmsInputSchema>;

export interface SmsSendResult {
  phoneNumber: string;
  ok: boolean;
  /** "Ok", or Tencent's code for this number (e.g. `LimitExceeded.PhoneNumberDailyLimit`): do not retry those blindly. */
  code: string;
  message: string;
  serialNo: string;
  fee: number;
  isoCode: string;
}

export interface SmsClientOptions {
  fetch?: typeof fetch;
  now?: () => Date;
}

const CONTENT_TYPE = 'application/json; charset=utf-8';

/** Tencent Cloud SMS (SendSms, API 2021-01-11) over TC3-HMAC-SHA256; only node:crypto and fetch. */
export function createSmsClient(configInput: SmsConfig | SmsConfigInput, options: SmsClientOptions = {}) {
  const config = parseSmsConfig(configInput);
  const doFetch = options.fetch ?? fetch;
  const clock = options.now ?? (() => new Date());

  async function call(action: string, payload: unknown): Promise<unknown> {
    const url = new URL(config.endpoint);
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(clock().getTime() / 1000);
    // The Host fetch sends is url.host, so that is what is signed (the sandbox lives under a path of the local cloud).
    const { authorization } = tc3Sign({
      secretId: config.secretId,
      secretKey: config.secretKey,
      service: SMS_SERVICE,
      timestamp,
      payload: body,
      headers: { 'content-type': CONTENT_TYPE, host: url.host, 'x-tc-action': action },
    });
    let res: Response;
    try {
      res = await doFetch(url, {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': CONTENT_TYPE,
          'X-TC-Action': action,
          'X-TC-Version': SEND_SMS_VERSION,
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Region': config.region,
        },
        body,
      });
    } catch (e) {
      throw new SmsError('SMS_NETWORK', `无法连接短信服务，请稍后重试（${(e as Error).message}）`);
    }
    const text = await res.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new SmsError('SMS_RESPONSE_INVALID', `短信服务返回了无法解析的内容（HTTP ${res.status}）`, { status: res.status });
    }
  }

  /**
   * Sends one template message to up to 200 numbers. Resolves with a result per number (success is per number);
   * rejects only when the whole request failed (auth, app id, signature or template not approved, network).
   */
  async function sendSms(input: SendSmsInput): Promise<{ requestId: string; results: SmsSendResult[] }> {
    const parsed = sendSmsInputSchema.safeParse(input);
    if (!parsed.success) {
      throw new SmsError('SMS_INVALID_INPUT', `短信参数无效（${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}）`);
    }
    const v = parsed.data;
    const raw = await call('SendSms', {
      PhoneNumberSet: v.phoneNumbers,
      SmsSdkAppId: config.sdkAppId,
      SignName: v.signName ?? config.signName,
      TemplateId: v.templateId,
      TemplateParamSet: v.templateParams,
      ...(v.sessionContext === undefined ? {} : { SessionContext: v.sessionContext }),
    });
    const r = sendSmsResponseSchema.safeParse(raw);
    if (!r.success) throw new SmsError('SMS_RESPONSE_INVALID', '短信服务返回的内容格式不符合预期');
    const response = r.data.Response;
    if ('Error' in response) {
      const { Code, Message } = response.Error;
      const auth = Code.startsWith('AuthFailure');
      throw new SmsError(auth ? 'SMS_AUTH_FAILED' : 'SMS_API_ERROR', `${auth ? '短信服务鉴权失败，请检查 SecretId/SecretKey 与服务器时间' : '短信发送失败'}（${Code}：${Message}）`, {
        tencentCode: Code,
        requestId: response.RequestId,
      });
    }
    const byNumber = new Map(response.SendStatusSet.map((s) => [s.PhoneNumber, s]));
    const results = v.phoneNumbers.map((phoneNumber): SmsSendResult => {
      const s = byNumber.get(phoneNumber);
      if (!s) throw new SmsError('SMS_RESPONSE_INVALID', `短信服务未返回号码 ${phoneNumber} 的发送结果`, { requestId: response.RequestId });
      return { phoneNumber, ok: s.Code === 'Ok', code: s.Code, message: s.Message, serialNo: s.SerialNo, fee: s.Fee, isoCode: s.IsoCode };
    });
    return { requestId: response.RequestId, results };
  }

  return { sendSms };
}

export type SmsClient = ReturnType<typeof createSmsClient>;
