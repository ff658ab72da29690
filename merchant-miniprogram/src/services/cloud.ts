/**
 * The app's only door to the cloud: typed wrappers over @daojia/cloud-client for the merchant functions,
 * sign-in helpers and the error text shown to users.
 */
import Taro from '@tarojs/taro';
import { createCloudClient, CloudCallError } from '@daojia/cloud-client';
import type { OrderDoc } from './types';

export const cloud = createCloudClient();

export const isWeapp = process.env.TARO_ENV === 'weapp';

/** Chinese text for a failed call: the function's own message when it sent one. */
export function errorMessage(err: unknown): string {
  if (err instanceof CloudCallError) return err.message;
  return '网络异常，请稍后重试';
}

/** In weapp the platform signs the user in; on the web a dev account must be picked first. */
export async function ensureSignedIn(): Promise<boolean> {
  if (isWeapp) return true;
  if (await cloud.currentUser()) return true;
  await Taro.redirectTo({ url: '/pages/login/index' });
  return false;
}

type OrderReply = Promise<{ order: OrderDoc }>;

export const api = {
  listOrders: () => cloud.call<{ orders: OrderDoc[] }>('merchantOrder', 'list', {}),
  accept: (orderId: string): OrderReply => cloud.call('merchantOrder', 'accept', { orderId }),
  reject: (orderId: string, reason: string): OrderReply => cloud.call('merchantOrder', 'reject', { orderId, reason }),
  markReady: (orderId: string): OrderReply => cloud.call('merchantOrder', 'markReady', { orderId }),
  handOver: (orderId: string): OrderReply => cloud.call('merchantOrder', 'handOver', { orderId }),
  verifyCode: (code: string): OrderReply => cloud.call('merchantOrder', 'verifyCode', { code }),
};

/**
 * Calls onChange whenever the store's orders may have changed: a realtime watch once the store is known,
 * polling until then (or when the watch cannot be opened).
 */
export function subscribeOrders(storeId: string | null, onChange: () => void, pollMs = 3000): () => void {
  if (storeId) {
    try {
      return cloud.watchQuery('orders', { storeId }, () => onChange());
    } catch {
      // fall through to polling
    }
  }
  const timer = setInterval(onChange, pollMs);
  return () => clearInterval(timer);
}
