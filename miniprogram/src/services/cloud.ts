/**
 * The app's only door to the cloud: typed wrappers over @daojia/cloud-client for the functions this app calls,
 * sign-in helpers and the error text shown to users.
 */
import Taro from '@tarojs/taro';
import { createCloudClient, CloudCallError } from '@daojia/cloud-client';
import type { PaymentParams } from '@daojia/cloud-client';
import type { Breakdown, NearbyQuery, NearbyStore, Order, OrderEventRecord, OrderMode, StoreDetail } from './types';

/** A CloudBase environment id given at build time (TARO_APP_CLOUD_ENV) means production; unset, the local cloud. */
export const cloudEnv = process.env.TARO_APP_CLOUD_ENV || undefined;

export const cloud = createCloudClient({ app: 'consumer', cloudEnv });

export const isWeapp = process.env.TARO_ENV === 'weapp';

/** Chinese text for a failed call: the function's own message when it sent one. */
export function errorMessage(err: unknown): string {
  if (err instanceof CloudCallError) return err.message;
  return '网络异常，请稍后重试';
}

let toLoginPending: Promise<unknown> | null = null;

/** The login page, saying why; the session (if any) is dropped first, so the page offers a fresh sign-in. */
function toLogin(reason?: string): Promise<unknown> {
  toLoginPending ??= cloud.signOut()
    .then(() => Taro.redirectTo({ url: `/pages/login/index${reason ? `?reason=${encodeURIComponent(reason)}` : ''}` }))
    .finally(() => { toLoginPending = null; });
  return toLoginPending;
}

/** In weapp the platform signs the user in; on the web a dev account must be picked first. */
export async function ensureSignedIn(): Promise<boolean> {
  if (isWeapp) return true;
  if (cloud.currentUser()) return true;
  await toLogin();
  return false;
}

/** After these only signing in (again) helps: no session, an expired one, or an anonymous one, which may not order. */
const SIGN_IN_AGAIN = new Set(['UNAUTHENTICATED', 'INVALID_ACCESS_TOKEN', 'ACCESS_TOKEN_EXPIRED']);

/** A call that, when the cloud asks for a sign-in, takes the web user to the login page with the cloud's reason. */
async function call<T>(fn: string, action: string, data: unknown): Promise<T> {
  try {
    return await cloud.call<T>(fn, action, data);
  } catch (err) {
    // In WeChat the platform signs every user in: there is no login page to send them to.
    if (!isWeapp && err instanceof CloudCallError && SIGN_IN_AGAIN.has(err.code)) void toLogin(err.message);
    throw err;
  }
}

export const api = {
  nearby: (q: NearbyQuery) => call<{ stores: NearbyStore[] }>('store', 'nearby', q),
  storeDetail: (storeId: string) => call<StoreDetail>('store', 'detail', { storeId }),
  quote: (q: { storeId: string; mode: OrderMode; items: { productId: string; quantity: number }[] }) =>
    call<{ breakdown: Breakdown }>('order', 'quote', q),
  createOrder: (q: { idempotencyKey: string; storeId: string; mode: OrderMode; items: { productId: string; quantity: number }[]; slot?: { start: string }; remark?: string }) =>
    call<{ order: Order }>('order', 'create', q),
  listOrders: () => call<{ orders: Order[] }>('order', 'list', {}),
  orderDetail: (orderId: string) => call<{ order: Order; events: OrderEventRecord[] }>('order', 'detail', { orderId }),
  cancelOrder: (orderId: string, reason?: string) => call<{ order: Order }>('order', 'cancel', { orderId, reason }),
  confirmReceipt: (orderId: string) => call<{ order: Order }>('order', 'confirmReceipt', { orderId }),
  /** No items: the whole order. The amount is the cloud's, from the lines' payable amounts. */
  requestRefund: (orderId: string, reason: string, items?: { line: number; quantity: number }[]) => call<{ order: Order }>('order', 'requestRefund', { orderId, reason, items }),
  prepay: (orderId: string) => call<{ payment: PaymentParams }>('pay', 'prepay', { orderId }),
};
