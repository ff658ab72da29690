import { z } from 'zod';
import { SmsError } from './errors';
import { parseConfig } from '../config';

export const smsConfigSchema = z.object({
  secretId: z.string().trim().min(1),
  secretKey: z.string().trim().min(1),
  /** The SMS application's SdkAppId (1400…), from the SMS console. */
  sdkAppId: z.string().regex(/^\d+$/, 'SdkAppId is numeric'),
  /** An approved signature (短信签名), without the 【】. */
  signName: z.string().trim().min(1),
  endpoint: z
    .url()
    .default('https://sms.tencentcloudapi.com')
    .transform((v) => v.replace(/\/+$/, '')),
  region: z.string().min(1).default('ap-guangzhou'),
});

export type SmsConfig = z.infer<typeof smsConfigSchema>;
export type SmsConfigInput = z.input<typeof smsConfigSchema>;

export function parseSmsConfig(input: unknown): SmsConfig {
  return parseConfig(smsConfigSchema, input, (fields) => new SmsError('SMS_CONFIG_INVALID', `短信配置无效，请检查 SMS_* 环境变量（${fields}）`));
}

/** Reads SMS_* the same way locally (values point at the sandbox) and in production. */
export function parseSmsConfigFromEnv(env: Record<string, string | undefined> = process.env): SmsConfig {
  return parseSmsConfig({
    secretId: env.SMS_SECRET_ID,
    secretKey: env.SMS_SECRET_KEY,
    sdkAppId: env.SMS_SDK_APP_ID,
    signName: env.SMS_SIGN_NAME,
    endpoint: env.SMS_ENDPOINT || undefined,
    region: env.SMS_REGION || undefined,
  });
}
