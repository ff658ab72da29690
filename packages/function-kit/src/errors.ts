import { z } from 'zod';
import { DomainError } from '@daojia/domain';
import { fieldLabel, zhIssueMessage } from './zod-messages';

export type Reply<T> = { ok: true; data: T } | { ok: false; code: string; message: string };

/** Parses a client's input with Chinese messages for zod's defaults; a schema's own message still wins. */
export const parseInput = <S extends z.ZodType>(schema: S, data: unknown): z.infer<S> => schema.parse(data, { error: zhIssueMessage });

/**
 * A schema's own message on a nested field may not say where (e.g. `数量至少为 1` for the third cart line), so it is
 * placed under its parent: `第3件商品的数量至少为 1`. Top-level messages (`购物车是空的`) and those from
 * `zhIssueMessage`, which name the field already, pass through.
 */
function placed(issue: z.core.$ZodIssue): string {
  const where = fieldLabel(issue.path);
  if (issue.path.length < 2 || issue.message.includes(where)) return issue.message;
  const parent = fieldLabel(issue.path.slice(0, -1));
  return issue.message.startsWith(fieldLabel(issue.path.slice(-1))) ? `${parent}的${issue.message}` : `${where}：${issue.message}`;
}

/** Zod's issues as one Chinese sentence naming the fields, so a caller knows what to fix. */
export function describeZodError(err: z.ZodError): string {
  return `请求参数有误：${err.issues.slice(0, 3).map(placed).join('；')}`;
}

export function toReply(e: unknown, log: (msg: string, fields?: Record<string, unknown>) => void): Reply<never> {
  if (e instanceof DomainError) return { ok: false, code: e.code, message: e.message };
  if (e instanceof z.ZodError) return { ok: false, code: 'INVALID_INPUT', message: describeZodError(e) };
  log('unexpected error', { error: e });
  return { ok: false, code: 'INTERNAL_ERROR', message: '服务繁忙，请稍后重试' };
}
