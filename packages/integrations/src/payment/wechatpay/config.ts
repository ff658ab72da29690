import { createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import { WechatPayError } from './errors';
import { parseConfig } from '../../config';

/** Env files often carry a PEM on one line with literal `\n`; restore the line breaks. */
const pem = (kind: 'private' | 'public') =>
  z
    .string()
    .trim()
    .min(1)
    .transform((v) => v.replace(/\\n/g, '\n'))
    .refine(
      (v) => {
        try {
          (kind === 'private' ? createPrivateKey : createPublicKey)(v);
          return true;
        } catch {
          return false;
        }
      },
      kind === 'private' ? 'not a readable private key PEM' : 'not a readable public key or certificate PEM',
    );

export const wechatPayConfigSchema = z.object({
  mchid: z.string().regex(/^\d{1,32}$/),
  appid: z.string().min(1).max(32),
  merchantPrivateKey: pem('private'),
  /** Serial number of the merchant API certificate (goes into serial_no of every request). */
  merchantSerial: z.string().min(1).max(64),
  apiV3Key: z.string().refine((v) => Buffer.byteLength(v, 'utf8') === 32, 'the APIv3 key must be exactly 32 bytes'),
  /**
   * Keys WeChat Pay signs with, by the value it sends in Wechatpay-Serial: `PUB_KEY_ID_…` (public-key mode) or a
   * platform certificate serial (certificate mode). Hold both while the merchant migrates.
   */
  platformPublicKeys: z.record(z.string().min(1), pem('public')).refine((m) => Object.keys(m).length > 0, 'at least one platform key is required'),
  apiBase: z
    .url()
    .default('https://api.mch.weixin.qq.com')
    .transform((v) => v.replace(/\/+$/, '')),
  notifyUrl: z.url().optional(),
  refundNotifyUrl: z.url().optional(),
});

export type WechatPayConfig = z.infer<typeof wechatPayConfigSchema>;
export type WechatPayConfigInput = z.input<typeof wechatPayConfigSchema>;

export function parseWechatPayConfig(input: unknown): WechatPayConfig {
  return parseConfig(wechatPayConfigSchema, input, (fields) => new WechatPayError('WECHATPAY_CONFIG_INVALID', `微信支付配置无效，请检查商户号、密钥与证书设置（${fields}）`));
}

/**
 * Reads the WECHATPAY_* variables, the same way locally (values point at the sandbox) and in production.
 * `WECHATPAY_PLATFORM_CERT` + `WECHATPAY_PLATFORM_CERT_SERIAL` optionally add a platform certificate beside the
 * public key, for merchants still migrating from certificate mode.
 */
export function parsePaymentConfigFromEnv(env: Record<string, string | undefined> = process.env): WechatPayConfig {
  const platformPublicKeys: Record<string, string> = {};
  if (env.WECHATPAY_PLATFORM_KEY_ID && env.WECHATPAY_PLATFORM_PUBLIC_KEY) platformPublicKeys[env.WECHATPAY_PLATFORM_KEY_ID] = env.WECHATPAY_PLATFORM_PUBLIC_KEY;
  if (env.WECHATPAY_PLATFORM_CERT_SERIAL && env.WECHATPAY_PLATFORM_CERT) platformPublicKeys[env.WECHATPAY_PLATFORM_CERT_SERIAL] = env.WECHATPAY_PLATFORM_CERT;
  return parseWechatPayConfig({
    mchid: env.WECHATPAY_MCHID,
    appid: env.WECHATPAY_APPID,
    merchantPrivateKey: env.WECHATPAY_MERCHANT_PRIVATE_KEY,
    merchantSerial: env.WECHATPAY_MERCHANT_SERIAL,
    apiV3Key: env.WECHATPAY_APIV3_KEY,
    platformPublicKeys,
    apiBase: env.WECHATPAY_API_BASE || undefined,
    notifyUrl: env.WECHATPAY_NOTIFY_URL || undefined,
    refundNotifyUrl: env.WECHATPAY_REFUND_NOTIFY_URL || undefined,
  });
}
