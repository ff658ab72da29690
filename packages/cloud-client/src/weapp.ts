import { CloudCallError, unwrap } from './errors';
import type { CloudClient } from './types';

/* WeChat's own globals in a mini-program; typed loosely here so the package builds without WeChat's typings. */
declare const wx: any;

/** Inside WeChat: identity is the platform's, calls go through wx.cloud, payment through wx.requestPayment. */
export function createWeappClient(env?: string): CloudClient {
  let initialised = false;
  const cloud = () => {
    if (!initialised) { wx.cloud.init(env ? { env, traceUser: true } : { traceUser: true }); initialised = true; }
    return wx.cloud;
  };
  const notLocal = () => Promise.reject(new CloudCallError('NOT_AVAILABLE', '微信中已自动登录，无需选择演示账号'));
  return {
    async call<T>(fn: string, action: string, data: unknown = {}) {
      try {
        const res = await cloud().callFunction({ name: fn, data: { action, data } });
        return unwrap<T>(res.result);
      } catch (e) {
        if (e instanceof CloudCallError) throw e;
        throw new CloudCallError('NETWORK_ERROR', '网络异常，请稍后重试');
      }
    },
    watchDoc(collection, docId, onDoc, onError) {
      const w = cloud().database().collection(collection).doc(docId).watch({ onChange: (s: any) => onDoc(s.docs[0] ?? null), onError: (e: Error) => onError?.(e) });
      return () => w.close();
    },
    watchQuery(collection, where, onDocs, onError) {
      const w = cloud().database().collection(collection).where(where).watch({ onChange: (s: any) => onDocs(s.docs), onError: (e: Error) => onError?.(e) });
      return () => w.close();
    },
    devAccounts: notLocal,
    devLogin: notLocal,
    currentUser: () => ({ uid: 'wechat' }),
    async signOut() {},
    requestPayment: (params) => new Promise<void>((resolve, reject) => {
      wx.requestPayment({ ...params, success: () => resolve(), fail: (e: { errMsg?: string }) => reject(new CloudCallError(/cancel/.test(e?.errMsg ?? '') ? 'PAYMENT_CANCELLED' : 'PAYMENT_FAILED', /cancel/.test(e?.errMsg ?? '') ? '已取消支付' : '支付失败，请稍后重试')) });
    }),
  };
}
