import { z } from 'zod';
import { DomainError } from '@daojia/domain';

export type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** Zod's issues as one Chinese sentence naming the fields, so a caller knows what to fix. */
export function describeZodError(err: z.ZodError): string {
  const parts = err.issues.slice(0, 3).map((i) => {
    const field = i.path.join('.') || '请求';
    if (i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined) return `缺少字段 ${field}`;
    if (i.code === 'too_small') return `${field} 太小`;
    if (i.code === 'too_big') return `${field} 太大`;
    if (i.code === 'unrecognized_keys') return `不支持的字段 ${(i as { keys: string[] }).keys.join('、')}`;
    return `${field} 格式不正确`;
  });
  return `请求参数有误：${parts.join('；')}`;
}

export function toReply(e: unknown, log: (msg: string) => void): Reply<never> {
  if (e instanceof DomainError) return { ok: false, code: e.code, message: e.message };
  if (e instanceof z.ZodError) return { ok: false, code: 'INVALID_INPUT', message: describeZodError(e) };
  log(`unexpected error: ${(e as Error)?.stack ?? e}`);
  return { ok: false, code: 'INTERNAL_ERROR', message: '服务繁忙，请稍后重试' };
}
