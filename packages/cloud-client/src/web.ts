import { CloudCallError, unwrap } from './errors';
import type { CloudClient, CurrentUser, DevAccount } from './types';

interface Session extends CurrentUser { accessToken: string; expiresAt: number }

export interface WebClientOptions {
  /** Origin of the local cloud; defaults to the page's own origin (the local cloud serves the apps). */
  baseUrl?: string;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

const SESSION_KEY = 'daojia.session';

/**
 * The web client for the local cloud's gateway: a signed-in session (kept across reloads), function calls that
 * carry its token, Server-Sent-Events watch, and the WeChat Pay sandbox's pay button.
 */
export function createWebClient(opts: WebClientOptions = {}): CloudClient {
  const base = (opts.baseUrl ?? (typeof location !== 'undefined' ? location.origin : '')).replace(/\/$/, '');
  const storage = opts.storage ?? (typeof localStorage !== 'undefined' ? localStorage : undefined);
  const doFetch = opts.fetch ?? fetch;
  let session: Session | null = null;
  try { session = storage ? JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') : null; } catch { session = null; }
  if (session && session.expiresAt < Date.now()) session = null;

  const save = (s: Session | null) => {
    session = s;
    if (!storage) return;
    if (s) storage.setItem(SESSION_KEY, JSON.stringify(s)); else storage.removeItem(SESSION_KEY);
  };

  async function post(path: string, body: unknown, auth: boolean): Promise<unknown> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) {
      if (!session) throw new CloudCallError('UNAUTHENTICATED', '请先登录');
      headers.authorization = `Bearer ${session.accessToken}`;
    }
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    } catch {
      throw new CloudCallError('NETWORK_ERROR', '网络异常，请检查网络后重试');
    }
    if (res.status === 401) save(null);
    const text = await res.text();
    try { return JSON.parse(text); } catch { throw new CloudCallError('BAD_REPLY', '服务返回了无法识别的结果'); }
  }

  function watch<T>(collection: string, query: Record<string, string>, onDocs: (docs: T[]) => void, onError?: (e: Error) => void) {
    const ES = opts.EventSource ?? (typeof EventSource !== 'undefined' ? EventSource : undefined);
    if (!ES || !session) {
      onError?.(new CloudCallError('WATCH_UNAVAILABLE', '实时更新不可用'));
      return () => {};
    }
    const params = new URLSearchParams({ ...query, access_token: session.accessToken });
    const source = new ES(`${base}/v1/watch/${encodeURIComponent(collection)}?${params}`);
    const handle = (e: MessageEvent) => onDocs((JSON.parse(e.data) as { docs: T[] }).docs);
    source.addEventListener('init', handle as EventListener);
    source.addEventListener('change', handle as EventListener);
    source.onerror = () => { if (source.readyState === 2) onError?.(new CloudCallError('WATCH_CLOSED', '实时更新已断开')); };
    return () => source.close();
  }

  return {
    async call<T>(fn: string, action: string, data: unknown = {}) {
      return unwrap<T>(await post(`/v1/functions/${encodeURIComponent(fn)}`, { action, data }, true));
    },
    watchDoc<T>(collection: string, docId: string, onDoc: (doc: T | null) => void, onError?: (e: Error) => void) {
      return watch<T>(collection, { docId }, (docs) => onDoc(docs[0] ?? null), onError);
    },
    watchQuery<T>(collection: string, where: Record<string, unknown>, onDocs: (docs: T[]) => void, onError?: (e: Error) => void) {
      return watch<T>(collection, { where: JSON.stringify(where) }, onDocs, onError);
    },
    async devAccounts() {
      const res = await doFetch(`${base}/dev/accounts`).catch(() => { throw new CloudCallError('NETWORK_ERROR', '网络异常，请检查网络后重试'); });
      const body = (await res.json()) as { accounts?: DevAccount[]; code?: string; message?: string };
      if (!body.accounts) throw new CloudCallError(body.code ?? 'UNKNOWN', '演示账号不可用（仅本地环境提供）');
      return body.accounts;
    },
    async devLogin(accountId: string) {
      const r = (await post('/dev/login', { accountId }, false)) as { accessToken?: string; expiresIn: number; uid: string; customUserId: string; role: string; name: string; code?: string };
      if (!r.accessToken) throw new CloudCallError(r.code ?? 'LOGIN_FAILED', '登录失败，请换一个演示账号');
      const s: Session = { accessToken: r.accessToken, expiresAt: Date.now() + r.expiresIn * 1000 - 60_000, uid: r.uid, customUserId: r.customUserId, role: r.role, name: r.name };
      save(s);
      return { uid: s.uid, customUserId: s.customUserId, role: s.role, name: s.name };
    },
    currentUser() {
      return session ? { uid: session.uid, customUserId: session.customUserId, role: session.role, name: session.name } : null;
    },
    async signOut() { save(null); },
    /** Local mode: the sandbox's "pay" button; WeChat Pay then notifies the payNotify function, signed. */
    async requestPayment(params) {
      const prepayId = params.package.replace(/^prepay_id=/, '');
      const res = await doFetch(`${base}/sandbox/wechatpay/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prepayId }) });
      if (!res.ok) throw new CloudCallError('PAYMENT_FAILED', '支付失败，请稍后重试');
    },
  };
}
