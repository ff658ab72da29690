import { z } from 'zod';

export const SEND_SMS_VERSION = '2021-01-11';
export const SMS_SERVICE = 'sms';
/** SendSms takes at most 200 numbers per request. */
export const MAX_PHONE_NUMBERS = 200;

/** E.164 (+8613800138000) or an 11-digit mainland mobile number, which is sent as +86…. */
export const phoneNumberSchema = z
  .string()
  .trim()
  .regex(/^(\+[1-9]\d{6,14}|1\d{10})$/, '手机号格式不正确，应为 11 位手机号或 +国家码手机号')
  .transform((v) => (v.startsWith('+') ? v : `+86${v}`));

export const sendSmsRequestSchema = z.object({
  PhoneNumberSet: z.array(z.string()),
  SmsSdkAppId: z.string(),
  TemplateId: z.string(),
  SignName: z.string().optional(),
  TemplateParamSet: z.array(z.string()).optional(),
  ExtendCode: z.string().optional(),
  SessionContext: z.string().optional(),
  SenderId: z.string().optional(),
});
export type SendSmsRequest = z.infer<typeof sendSmsRequestSchema>;

export const sendStatusSchema = z.object({
  SerialNo: z.string(),
  PhoneNumber: z.string(),
  Fee: z.number().int().nonnegative(),
  SessionContext: z.string(),
  /** "Ok" on success; otherwise a Tencent error code for this number. */
  Code: z.string(),
  Message: z.string(),
  IsoCode: z.string(),
});
export type SendStatus = z.infer<typeof sendStatusSchema>;

export const tencentErrorSchema = z.object({ Code: z.string(), Message: z.string() });

/** Tencent Cloud answers 200 for API errors too: `Response.Error` is what says it failed. */
export const sendSmsResponseSchema = z.object({
  Response: z.union([z.object({ Error: tencentErrorSchema, RequestId: z.string() }), z.object({ SendStatusSet: z.array(sendStatusSchema), RequestId: z.string() })]),
});
export type SendSmsResponse = z.infer<typeof sendSmsResponseSchema>;
