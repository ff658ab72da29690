import { CloudCallError, platformError, unwrap } from './errors';
import { envelope, type CloudClient, type CallOptions } from './types';

/* WeChat's own globals in a mini-program; typed loosely here so the package builds without WeChat's typings. */
declare const wx: any;

/** Inside WeChat: identity is the platform's, calls go through wx.cloud, payment through wx.requestPayment. */
export function createWeappClient(env?: string): CloudClient {
  let initialised = false;
  const cloud = () => {
    if (!initialised) {
      wx.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
      initialised = true;
    }
    return wx.cloud;
  };
  /** A watch whose failure reaches the app once, as a CloudCallError (a failed watch is over: WeChat closes it). */
  function watch<T>(query: { watch(o: object): { close(): unknown } }, onDocs: (docs: T[]) => void, onError?: (e: Error) => void) {
    let ended = false;
    const w = query.watch({
      onChange: (snapshot: { docs: T[] }) => onDocs(snapshot.docs),
      onError: (e: unknown) => {
        if (!ended) {
          ended = true;
          onError?.(platformError(e));
        }
      },
    });
    return () => {
      void w.close();
    };
  }
  const notLocal = () => Promise.reject(new CloudCallError('NOT_AVAILABLE', '微信中已自动登录，无需选择演示账号'));
  return {
    async call<T>(fn: string, action: string, data: unknown = {}, opts?: CallOptions) {
      let res: { result?: unknown };
      try {
        res = await cloud().callFunction({ name: fn, data: envelope(action, data, opts) });
      } catch (e) {
        throw platformError(e);
      }
      return unwrap<T>(res.result);
    },
    watchDoc<T>(collection: string, docId: string, onDoc: (doc: T | null) => void, onError?: (e: Error) => void) {
      return watch<T>(cloud().database().collection(collection).doc(docId), (docs) => onDoc(docs[0] ?? null), onError);
    },
    watchQuery<T>(collection: string, where: Record<string, unknown>, onDocs: (docs: T[]) => void, onError?: (e: Error) => void) {
      return watch<T>(cloud().database().collection(collection).where(where), onDocs, onError);
    },
    devAccounts: notLocal,
    devLogin: notLocal,
    currentUser: () => ({ uid: 'wechat' }),
    async signOut() {},
    requestPayment: (params) =>
      new Promise<void>((resolve, reject) => {
        wx.requestPayment({
          ...params,
          success: () => resolve(),
          fail: (e: { errMsg?: string }) =>
            reject(new CloudCallError(/cancel/.test(e?.errMsg ?? '') ? 'PAYMENT_CANCELLED' : 'PAYMENT_FAILED', /cancel/.test(e?.errMsg ?? '') ? '已取消支付' : '支付失败，请稍后重试')),
        });
      }),
  };
}
