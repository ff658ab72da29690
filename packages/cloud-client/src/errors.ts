import { STORAGE_ERROR_CODES } from '@daojia/domain';

/** A function or the platform said no: `code` is stable for programs, `message` is Chinese for people. */
export class CloudCallError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CloudCallError';
  }
}

const PLATFORM_MESSAGES: Record<string, string> = {
  ...STORAGE_ERROR_CODES,
  UNAUTHENTICATED: '请先登录',
  INVALID_ACCESS_TOKEN: '登录已失效，请重新登录',
  ACCESS_TOKEN_EXPIRED: '登录已过期，请重新登录',
  PERMISSION_DENIED: '没有权限执行该操作',
  FUNCTIONS_TIME_LIMIT_EXCEEDED: '服务响应超时，请稍后重试',
  FUNCTIONS_EXECUTE_FAIL: '服务暂时不可用，请稍后重试',
  DATABASE_COLLECTION_NOT_EXIST: '数据暂不可用，请稍后重试',
  QUOTA_EXCEEDED: '访问人数过多，请稍后重试',
  WATCH_FAILED: '实时更新已中断，请刷新页面',
  NETWORK_ERROR: '网络异常，请检查网络后重试',
  PLATFORM_ERROR: '服务暂时不可用，请稍后重试',
};

/** The Chinese text an app shows for a failed call: the function's (or platform's) own message when there is one. */
export function errorMessage(err: unknown): string {
  return err instanceof CloudCallError ? err.message : '网络异常，请稍后重试';
}

/** Codes after which only signing in (again) helps: no session, an expired or invalid one, or an anonymous one. */
const SIGN_IN_AGAIN = new Set(['UNAUTHENTICATED', 'INVALID_ACCESS_TOKEN', 'ACCESS_TOKEN_EXPIRED']);
export const isSignInError = (err: unknown): err is CloudCallError => err instanceof CloudCallError && SIGN_IN_AGAIN.has(err.code);

/** A platform failure under one of our codes, with the Chinese text the apps show. */
const failure = (code: string) => new CloudCallError(code, PLATFORM_MESSAGES[code] ?? PLATFORM_MESSAGES.PLATFORM_ERROR);

/** Functions reply `{ok, data}` / `{ok: false, code, message}`; the platform itself replies `{code, message}`. */
export function unwrap<T>(reply: unknown): T {
  const r = reply as { ok?: boolean; data?: T; code?: string; message?: string } | null;
  if (r && r.ok === true) return r.data as T;
  if (r && r.ok === false) throw new CloudCallError(r.code ?? 'UNKNOWN', r.message ?? '操作失败');
  if (r && typeof r.code === 'string') throw platformError(r);
  throw new CloudCallError('BAD_REPLY', '服务返回了无法识别的结果');
}

type Loose = Record<string, unknown> | null | undefined;
const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** Names the platforms use for failures the apps know under the gateway's codes. */
const ALIASES: Record<string, string> = {
  // The realtime (watch) server's protocol codes.
  CHECK_LOGIN_FAILED: 'UNAUTHENTICATED',
  SIGN_EXPIRED_ERROR: 'ACCESS_TOKEN_EXPIRED',
  SIGN_INVALID_ERROR: 'INVALID_ACCESS_TOKEN',
  SIGN_PARAM_INVALID: 'INVALID_ACCESS_TOKEN',
  COLLECTION_PERMISSION_DENIED: 'PERMISSION_DENIED',
  // CloudBase's database service.
  DATABASE_PERMISSION_DENIED: 'PERMISSION_DENIED',
};

/** WeChat's cloud error codes (the numeric errCode of every wx.cloud failure), from its published table. */
const WX_CODES: Record<number, string> = {
  [-401001]: 'PERMISSION_DENIED',
  [-501019]: 'PERMISSION_DENIED',
  [-502003]: 'PERMISSION_DENIED',
  [-604101]: 'PERMISSION_DENIED',
  [-404007]: 'FUNCTIONS_EXECUTE_FAIL',
  [-404011]: 'FUNCTIONS_EXECUTE_FAIL',
  [-504001]: 'FUNCTIONS_EXECUTE_FAIL',
  [-504002]: 'FUNCTIONS_EXECUTE_FAIL',
  [-404005]: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  [-404010]: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  [-404012]: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  [-501002]: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  [-604102]: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  [-502005]: 'DATABASE_COLLECTION_NOT_EXIST',
  [-501003]: 'QUOTA_EXCEEDED',
  [-501004]: 'QUOTA_EXCEEDED',
  [-501015]: 'QUOTA_EXCEEDED',
  [-501016]: 'QUOTA_EXCEEDED',
  [-402003]: 'NETWORK_ERROR',
  [-402008]: 'NETWORK_ERROR',
  [-402009]: 'NETWORK_ERROR',
  [-601003]: 'NETWORK_ERROR',
};

/** The SDKs' own watch-failure codes (js-sdk by name, WeChat by number: -402002 … -402011) when nothing inside says more. */
const watchFailure = (errCode: string) => (/WEBSOCKET_CONNECTION|RECONNECT_WATCH/.test(errCode) ? 'NETWORK_ERROR' : /^SDK_DATABASE_REALTIME|^-4020\d\d$/.test(errCode) ? 'WATCH_FAILED' : undefined);

/**
 * The code inside whatever a platform SDK failed with, wherever it put it; the innermost one that means something
 * wins, because both SDKs wrap the server's error in their own:
 * - a gateway reply body `{code, message}` (what js-sdk's browser fetch adapter rejects with);
 * - a realtime server message `{watchId, requestId, msgType: 'ERROR', msgData: {code, message}}` (handed to a
 *   watch's onError as received), or `RealtimeErrorMessageError` `{payload: <that message>}`;
 * - the realtime `CloudSDKError` `{errCode, errMsg}`: a name (`SDK_DATABASE_REALTIME_LISTENER_INIT_WATCH_FAIL`) in
 *   js-sdk, a number (-402002) in WeChat, with the server's error as errMsg;
 * - WeChat's Error `{errCode: -502003, errMsg: 'errCode: -502003 database permission denied | errMsg: …'}`, whose
 *   text may carry the codes of what it wraps.
 */
function codeOf(e: unknown, depth = 0): string | undefined {
  if (typeof e === 'string') {
    const wx = [...e.matchAll(/errCode:\s*(-\d+)/g)]
      .map((m) => WX_CODES[Number(m[1])])
      .filter(Boolean)
      .pop();
    if (wx) return wx;
    if (/timeout/i.test(e)) return 'FUNCTIONS_TIME_LIMIT_EXCEEDED';
    if (/request:fail|network/i.test(e)) return 'NETWORK_ERROR';
    return undefined;
  }
  const o = e as Loose;
  if (!o || typeof o !== 'object' || depth > 3) return undefined;
  const named = (c: string | undefined) => (c ? (ALIASES[c] ?? c) : undefined);
  const server = named(str((o.msgData as Loose)?.code) ?? str(((o.payload as Loose)?.msgData as Loose)?.code));
  if (server) return server;
  if (o.errCode !== undefined || o.errMsg !== undefined) {
    const errCode = String(o.errCode ?? '');
    return codeOf(o.errMsg, depth + 1) ?? WX_CODES[Number(errCode)] ?? watchFailure(errCode);
  }
  return named(str(o.code));
}

/**
 * A storage failure as a CloudCallError. js-sdk's upload reports `[sdk][CODE][storage]:message` in an Error's text,
 * WeChat `errCode`/`errMsg` (its -50xxxx storage numbers mean a refusal), the gateway a `{code, message}` body.
 */
export function storageError(e: unknown): CloudCallError {
  if (e instanceof CloudCallError) return e;
  const text = e instanceof Error ? e.message : typeof e === 'string' ? e : String((e as Loose)?.errMsg ?? (e as Loose)?.message ?? '');
  const named = /\b(STORAGE_[A-Z_]+|PERMISSION_DENIED|UNAUTHENTICATED|INVALID_ACCESS_TOKEN|ACCESS_TOKEN_EXPIRED)\b/.exec(text)?.[1];
  if (named) return failure(named);
  const code = codeOf(e);
  if (code && code in PLATFORM_MESSAGES) return failure(code);
  if (/-50300[0-9]|exceed.?authority|permission/i.test(text)) return failure('STORAGE_EXCEED_AUTHORITY');
  return failure(/network|request:fail|fetch/i.test(text) ? 'NETWORK_ERROR' : 'PLATFORM_ERROR');
}

/** What the platform (not a function) failed with, as a CloudCallError: any SDK error shape, or a network failure. */
export function platformError(e: unknown, fallback = 'PLATFORM_ERROR'): CloudCallError {
  if (e instanceof CloudCallError) return e;
  return failure(codeOf(e) ?? fallback);
}
