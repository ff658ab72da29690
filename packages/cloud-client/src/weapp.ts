import { CloudCallError, platformError, storageError, unwrap } from './errors';
import { splitFileIds } from './file-ids';
import { envelope, type CloudClient, type CallOptions, type UploadSource } from './types';

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
  let userKey: Promise<string> | undefined;
  const notLocal = () => Promise.reject(new CloudCallError('NOT_AVAILABLE', '微信中已自动登录，无需选择演示账号'));
  async function call<T>(fn: string, action: string, data: unknown = {}, opts?: CallOptions): Promise<T> {
    let res: { result?: unknown };
    try {
      res = await cloud().callFunction({ name: fn, data: envelope(action, data, opts) });
    } catch (e) {
      throw platformError(e);
    }
    return unwrap<T>(res.result);
  }
  return {
    call,
    watchDoc<T>(collection: string, docId: string, onDoc: (doc: T | null) => void, onError?: (e: Error) => void) {
      return watch<T>(cloud().database().collection(collection).doc(docId), (docs) => onDoc(docs[0] ?? null), onError);
    },
    watchQuery<T>(collection: string, where: Record<string, unknown>, onDocs: (docs: T[]) => void, onError?: (e: Error) => void) {
      return watch<T>(cloud().database().collection(collection).where(where), onDocs, onError);
    },
    // WeChat stores the file under the caller's openid (resource.openid) and answers its file id.
    async uploadFile(cloudPath: string, file: UploadSource) {
      if (typeof file !== 'string') throw new CloudCallError('INVALID_FILE', '请选择要上传的文件');
      let res: { fileID?: string };
      try {
        res = await cloud().uploadFile({ cloudPath, filePath: file });
      } catch (e) {
        throw storageError(e);
      }
      if (!res?.fileID) throw new CloudCallError('PLATFORM_ERROR', '上传失败，请稍后重试');
      return res.fileID;
    },
    async fileUrls(fileIds: string[]) {
      const { known: out, cloudIds } = splitFileIds(fileIds);
      // wx.cloud.getTempFileURL takes at most 50 ids a call.
      for (let i = 0; i < cloudIds.length; i += 50) {
        let res: { fileList?: { fileID?: string; tempFileURL?: string; status?: number }[] };
        try {
          res = await cloud().getTempFileURL({ fileList: cloudIds.slice(i, i + 50) });
        } catch (e) {
          throw storageError(e);
        }
        for (const f of res.fileList ?? []) if (f.fileID && f.tempFileURL && (f.status ?? 0) === 0) out[f.fileID] = f.tempFileURL;
      }
      return out;
    },
    // The openid is WeChat's secret to the client: the files function says it (once per app start).
    userKey() {
      userKey ??= call<{ userKey: string }>('files', 'me', {}).then(
        (r) => r.userKey,
        (e) => {
          userKey = undefined;
          throw e;
        },
      );
      return userKey;
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
