import { z } from 'zod';
import { DadaError } from './errors';
import { parseConfig } from '../config';

export const dadaConfigSchema = z.object({
  appKey: z.string().trim().min(1),
  appSecret: z.string().trim().min(1),
  /** The merchant id (商户 ID) the platform sends orders for; `source_id` in every request. */
  sourceId: z.string().trim().min(1),
  /** Default store (门店编号) when an order does not name one. */
  shopNo: z.string().trim().min(1).optional(),
  /** https://newopen.imdada.cn in production; the QA host https://newopen.qa.imdada.cn or the local sandbox otherwise. */
  apiBase: z
    .url()
    .default('https://newopen.imdada.cn')
    .transform((v) => v.replace(/\/+$/, '')),
  /** Where Dada posts status changes (an HTTP-triggered function); an order may name its own. */
  callbackUrl: z.url().optional(),
});

export type DadaConfig = z.infer<typeof dadaConfigSchema>;
export type DadaConfigInput = z.input<typeof dadaConfigSchema>;

export function parseDadaConfig(input: unknown): DadaConfig {
  return parseConfig(dadaConfigSchema, input, (fields) => new DadaError('DADA_CONFIG_INVALID', `达达配送配置无效，请检查 DADA_* 环境变量（${fields}）`));
}

/** Reads DADA_* the same way locally (values point at the sandbox) and in production. */
export function parseDadaConfigFromEnv(env: Record<string, string | undefined> = process.env): DadaConfig {
  return parseDadaConfig({
    appKey: env.DADA_APP_KEY,
    appSecret: env.DADA_APP_SECRET,
    sourceId: env.DADA_SOURCE_ID,
    shopNo: env.DADA_SHOP_NO || undefined,
    apiBase: env.DADA_API_BASE || undefined,
    callbackUrl: env.DADA_CALLBACK_URL || undefined,
  });
}
