/**
 * The app's only door to the cloud: typed wrappers over @daojia/cloud-client for the merchant functions,
 * sign-in helpers and the error text shown to users.
 */
import Taro from '@tarojs/taro';
import { createCloudClient, CloudCallError } from '@daojia/cloud-client';
import type { MerchantTab, Order } from './types';

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
  if (cloud.currentUser()) return true;
  await Taro.redirectTo({ url: '/pages/login/index' });
  return false;
}

type OrderReply = Promise<{ order: Order }>;

export const api = {
  listOrders: (tab: MerchantTab) => cloud.call<{ orders: Order[]; storeId: string }>('merchantOrder', 'list', { tab }),
  accept: (orderId: string): OrderReply => cloud.call('merchantOrder', 'accept', { orderId }),
  reject: (orderId: string, reason: string): OrderReply => cloud.call('merchantOrder', 'reject', { orderId, reason }),
  markReady: (orderId: string): OrderReply => cloud.call('merchantOrder', 'markReady', { orderId }),
  handOver: (orderId: string): OrderReply => cloud.call('merchantOrder', 'handOver', { orderId }),
  verifyCode: (code: string): OrderReply => cloud.call('merchantOrder', 'verifyCode', { code }),
};

/**
 * Calls onChange whenever the store's orders may have changed: a realtime watch on the store's orders, falling
 * back to polling when the store is not known yet or the watch is refused (the orders rule only lets a user read
 * their own documents, so staff may not be allowed to watch).
 */
export function subscribeOrders(storeId: string | null, onChange: () => void, pollMs = 3000): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const poll = () => { timer ??= setInterval(onChange, pollMs); };
  let unwatch = () => {};
  if (storeId) {
    try {
      unwatch = cloud.watchQuery('orders', { storeId }, () => onChange(), poll);
    } catch {
      poll();
    }
  } else {
    poll();
  }
  return () => { unwatch(); clearInterval(timer); };
}
