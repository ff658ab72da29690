import cloudbase from '@cloudbase/js-sdk';
import { splitFileIds } from './file-ids';
import { CloudCallError, isSignInError, platformError, storageError, unwrap } from './errors';
import { envelope, type CallOptions, type CloudClient, type CurrentUser, type DevAccount, type UploadSource } from './types';

export interface WebClientOptions {
  /** Origin of the cloud gateway; defaults to the page's own origin (the local cloud serves the apps). */
  baseUrl?: string;
  /** CloudBase environment id. Two clients in one process (tests) need two ids: the SDK keeps state per env. */
  env?: string;
  /** Where the SDK keeps the session: `local` survives reloads (browsers), `none` keeps it in memory (Node). */
  persistence?: 'local' | 'session' | 'none';
  /**
   * Production: `env` is a real CloudBase environment and js-sdk uses CloudBase's own endpoints for it, not the local
   * cloud at `baseUrl`; the local dev login is not offered.
   */
  production?: boolean;
}

const noDevLogin = () => new CloudCallError('DEV_LOGIN_UNAVAILABLE', '正式环境不提供演示账号登录');
/** Realtime server codes after which js-sdk signs the socket in again and retries (its handleCommonError). */
const SDK_RETRIES = new Set(['CHECK_LOGIN_FAILED', 'SIGN_EXPIRED_ERROR', 'SIGN_INVALID_ERROR', 'SIGN_PARAM_INVALID']);

/**
 * The web client is the real @cloudbase/js-sdk pointed at the gateway: custom-ticket sign-in, function calls and
 * realtime watch exactly as in production. Only the ticket comes from somewhere local: the dev-ticket endpoint
 * stands in for the server that would mint it with `auth().createTicket`.
 */
export function createWebClient(opts: WebClientOptions = {}): CloudClient {
  const base = (opts.baseUrl ?? (typeof location !== 'undefined' ? location.origin : '')).replace(/\/$/, '');
  const env = opts.env ?? 'daojia-local';
  const persistence = opts.persistence ?? (typeof localStorage !== 'undefined' ? 'local' : 'none');
  const storage = persistence === 'local' && typeof localStorage !== 'undefined' ? localStorage : undefined;
  const app = cloudbase.init({ env, persistence } as Parameters<typeof cloudbase.init>[0]);
  if (!opts.production) {
    const { protocol, host } = new URL(base);
    app.registerHost(host, protocol === 'https:' ? 'https' : 'http');
  }
  const auth = app.auth({ persistence } as Parameters<typeof app.auth>[0]);

  // Role and name for the UI, readable synchronously; the SDK's own login state decides whether it still holds.
  const PROFILE_KEY = `daojia.profile.${env}`;
  let profile: CurrentUser | null = null;
  try {
    profile = storage ? JSON.parse(storage.getItem(PROFILE_KEY) ?? 'null') : null;
  } catch {
    profile = null;
  }
  if (profile && !auth.hasLoginState()) profile = null;
  const remember = (p: CurrentUser | null) => {
    profile = p;
    if (!storage) return;
    if (p) storage.setItem(PROFILE_KEY, JSON.stringify(p));
    else storage.removeItem(PROFILE_KEY);
  };

  /** Whatever the SDK failed with becomes a CloudCallError with the platform's code and Chinese text. */
  const failed = (e: unknown): CloudCallError => {
    const err = platformError(e, 'NETWORK_ERROR');
    if (isSignInError(err)) remember(null);
    return err;
  };

  async function getJson(path: string, init?: RequestInit): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, init);
    } catch {
      throw new CloudCallError('NETWORK_ERROR', '网络异常，请检查网络后重试');
    }
    try {
      return (await res.json()) as Record<string, unknown>;
    } catch {
      throw new CloudCallError('BAD_REPLY', '服务返回了无法识别的结果');
    }
  }

  function watch<T>(query: { watch(o: object): { close(): Promise<void> | void } }, onDocs: (docs: T[]) => void, onError?: (e: Error) => void) {
    if (!profile) {
      onError?.(new CloudCallError('UNAUTHENTICATED', '请先登录'));
      return () => {};
    }
    // js-sdk hands onError every server ERROR message as it arrives, then, when it gives up, its own error wrapping
    // it: a refused watch is reported twice, and a sign-in error it retries is reported although the watch goes on.
    // The app hears once, and only of what ended the watch.
    let ended = false;
    const watcher = query.watch({
      onChange: (snapshot: { docs: T[] }) => onDocs(snapshot.docs),
      onError: (e: unknown) => {
        if (ended || SDK_RETRIES.has(String((e as { msgData?: { code?: unknown } } | null)?.msgData?.code))) return;
        ended = true;
        onError?.(failed(e));
      },
    });
    // js-sdk 3.7.0 keeps re-arming a closed watch's 10 s ACK timer for ever (sendACK reschedules whenever the watch
    // is not ACTIVE): stop it once the close is through, or every watch a page ever opened keeps a timer.
    const stopAcks = () => (watcher as { virtualClient?: { clearACKSchedule?(): void } }).virtualClient?.clearACKSchedule?.();
    return () => {
      void Promise.resolve(watcher.close())
        .catch(() => undefined)
        .finally(stopAcks);
    };
  }

  return {
    async call<T>(fn: string, action: string, data: unknown = {}, opts?: CallOptions) {
      if (!profile) throw new CloudCallError('UNAUTHENTICATED', '请先登录');
      let res: { result?: unknown };
      try {
        res = await app.callFunction({ name: fn, data: envelope(action, data, opts) });
      } catch (e) {
        throw failed(e);
      }
      // js-sdk hands back a reply that carries `code` (our `{ok: false, code, message}`) as the response itself,
      // without `result`: the same shape as a platform error, which unwrap tells apart by `ok`.
      return unwrap<T>('result' in res ? res.result : res);
    },
    watchDoc<T>(collection: string, docId: string, onDoc: (doc: T | null) => void, onError?: (e: Error) => void) {
      return watch<T>(app.database().collection(collection).doc(docId), (docs) => onDoc(docs[0] ?? null), onError);
    },
    watchQuery<T>(collection: string, where: Record<string, unknown>, onDocs: (docs: T[]) => void, onError?: (e: Error) => void) {
      return watch<T>(app.database().collection(collection).where(where), onDocs, onError);
    },
    async devAccounts() {
      if (opts.production) throw noDevLogin();
      const body = await getJson('/dev/accounts');
      if (!Array.isArray(body.accounts)) throw new CloudCallError(String(body.code ?? 'UNKNOWN'), '演示账号不可用（仅本地环境提供）');
      return body.accounts as DevAccount[];
    },
    async devLogin(accountId: string) {
      if (opts.production) throw noDevLogin();
      const r = await getJson('/dev/ticket', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountId }) });
      if (typeof r.ticket !== 'string') throw new CloudCallError(String(r.code ?? 'LOGIN_FAILED'), '登录失败，请换一个演示账号');
      // v3 reports a failed sign-in in `error` instead of rejecting (its typings still describe v2).
      const { error } = (await auth.signInWithCustomTicket(async () => r.ticket as string)) as unknown as { error?: unknown };
      if (error) throw new CloudCallError('LOGIN_FAILED', '登录失败，请稍后重试');
      const user: CurrentUser = { uid: String(r.uid), customUserId: String(r.uid), role: String(r.role), name: String(r.name) };
      remember(user);
      return user;
    },
    currentUser: () => profile,
    async signOut() {
      remember(null);
      await auth.signOut().catch(() => undefined);
    },
    async uploadFile(cloudPath: string, file: UploadSource) {
      if (!profile) throw new CloudCallError('UNAUTHENTICATED', '请先登录');
      if (typeof file === 'string') throw new CloudCallError('INVALID_FILE', '请选择要上传的文件');
      // js-sdk PUTs what it is given as the request body: a Blob as is, bytes wrapped in one.
      const body = typeof Blob !== 'undefined' && !(file instanceof Blob) ? new Blob([file as BlobPart]) : file;
      let res: { fileID?: string };
      try {
        res = (await app.uploadFile({ cloudPath, filePath: body as unknown as string })) as { fileID?: string };
      } catch (e) {
        throw storageError(e);
      }
      if (!res?.fileID) throw new CloudCallError('PLATFORM_ERROR', '上传失败，请稍后重试');
      return res.fileID;
    },
    async fileUrls(fileIds: string[]) {
      const { known: out, cloudIds } = splitFileIds(fileIds);
      if (cloudIds.length === 0) return out;
      // Store pages are public: a visitor who has not signed in reads them as an anonymous user.
      if (!auth.hasLoginState()) await auth.signInAnonymously({}).catch(() => undefined);
      let res: { fileList?: { code?: string; fileID?: string; tempFileURL?: string }[] };
      try {
        res = (await app.getTempFileURL({ fileList: cloudIds })) as typeof res;
      } catch (e) {
        throw storageError(e);
      }
      for (const f of res.fileList ?? []) if (f.fileID && f.tempFileURL && (f.code ?? 'SUCCESS') === 'SUCCESS') out[f.fileID] = f.tempFileURL;
      return out;
    },
    async userKey() {
      if (!profile) throw new CloudCallError('UNAUTHENTICATED', '请先登录');
      return profile.uid;
    },
    /** Local mode: the sandbox's "pay" button; WeChat Pay then notifies the payNotify function, signed. */
    async requestPayment(params) {
      const prepayId = params.package.replace(/^prepay_id=/, '');
      const res = await fetch(`${base}/sandbox/wechatpay/pay`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ prepayId }) }).catch(() => null);
      if (!res?.ok) throw new CloudCallError('PAYMENT_FAILED', '支付失败，请稍后重试');
    },
  };
}
