/** A function or the platform said no: `code` is stable for programs, `message` is Chinese for people. */
export class CloudCallError extends Error {
  constructor(public readonly code: string, message: string) {
    super(message);
    this.name = 'CloudCallError';
  }
}

const PLATFORM_MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: '请先登录',
  INVALID_ACCESS_TOKEN: '登录已失效，请重新登录',
  ACCESS_TOKEN_EXPIRED: '登录已过期，请重新登录',
  PERMISSION_DENIED: '没有权限执行该操作',
  FUNCTIONS_TIME_LIMIT_EXCEEDED: '服务响应超时，请稍后重试',
  FUNCTIONS_EXECUTE_FAIL: '服务暂时不可用，请稍后重试',
};

/** Functions reply `{ok, data}` / `{ok: false, code, message}`; the platform itself replies `{code, message}`. */
export function unwrap<T>(reply: unknown): T {
  const r = reply as { ok?: boolean; data?: T; code?: string; message?: string } | null;
  if (r && r.ok === true) return r.data as T;
  if (r && r.ok === false) throw new CloudCallError(r.code ?? 'UNKNOWN', r.message ?? '操作失败');
  if (r && typeof r.code === 'string') throw platformError(r);
  throw new CloudCallError('BAD_REPLY', '服务返回了无法识别的结果');
}

/** What the platform (not a function) rejected with: `{code, message}` from the gateway, or a network failure. */
export function platformError(e: unknown): CloudCallError {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code) return new CloudCallError(code, PLATFORM_MESSAGES[code] ?? '服务暂时不可用，请稍后重试');
  return new CloudCallError('NETWORK_ERROR', '网络异常，请检查网络后重试');
}
