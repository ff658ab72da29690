export interface DevAccount {
  _id: string;
  role: 'consumer' | 'merchant' | 'admin';
  name: string;
  description: string;
}
export interface CurrentUser {
  uid: string;
  customUserId?: string;
  role?: string;
  name?: string;
}
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
  appId?: string;
}
export type Unsubscribe = () => void;

/** Per call: `storeId` names the store a staff member of several stores acts on (sent as the envelope's `storeId`). */
export interface CallOptions {
  storeId?: string;
}

/** The envelope a callable function receives: `{action, data}`, and `storeId` only when the caller named one. */
export function envelope(action: string, data: unknown, opts?: CallOptions): { action: string; data: unknown; storeId?: string } {
  return opts?.storeId ? { action, data, storeId: opts.storeId } : { action, data };
}

/**
 * What can be uploaded: on the web a File/Blob (what a file input or Taro.chooseImage gives in H5) or bytes; in WeChat
 * the temporary file path wx.chooseMedia/chooseImage gives.
 */
export type UploadSource = string | Blob | ArrayBuffer | Uint8Array;

/** What every app calls the cloud through, the same on every platform. */
export interface CloudClient {
  call<T = unknown>(fn: string, action: string, data?: unknown, opts?: CallOptions): Promise<T>;
  watchDoc<T = Record<string, unknown>>(collection: string, docId: string, onDoc: (doc: T | null) => void, onError?: (e: Error) => void): Unsubscribe;
  watchQuery<T = Record<string, unknown>>(collection: string, where: Record<string, unknown>, onDocs: (docs: T[]) => void, onError?: (e: Error) => void): Unsubscribe;
  devAccounts(): Promise<DevAccount[]>;
  devLogin(accountId: string): Promise<CurrentUser>;
  currentUser(): CurrentUser | null;
  signOut(): Promise<void>;
  requestPayment(params: PaymentParams): Promise<void>;
  /**
   * Uploads a file to cloud storage at `cloudPath` (see newUploadPath in @daojia/domain: a person writes only under
   * uploads/<their userKey>/) and resolves its file id (`cloud://…`). Refusals are CloudCallErrors with the storage's
   * codes (STORAGE_FILE_TOO_LARGE, STORAGE_FILE_TYPE_NOT_ALLOWED, STORAGE_EXCEED_AUTHORITY …).
   */
  uploadFile(cloudPath: string, file: UploadSource): Promise<string>;
  /**
   * Download URLs for file ids, in one request: a map from each id to its URL; an id the storage does not have (or
   * the caller may not read) is left out. http(s) URLs are not file ids: they map to themselves.
   */
  fileUrls(fileIds: string[]): Promise<Record<string, string>>;
  /** The caller's user key as the functions see it (openid in WeChat, uid on the web): names their upload folder. */
  userKey(): Promise<string>;
}
