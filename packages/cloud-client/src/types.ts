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
}
