/**
 * The app's only door to the cloud: typed wrappers over @daojia/cloud-client for the merchant functions,
 * sign-in helpers and the error text shown to users.
 */
import Taro from '@tarojs/taro';
import { createCloudClient, CloudCallError } from '@daojia/cloud-client';
import type { MerchantTab, Order, OrderEventRecord } from './types';

// A CloudBase environment id given at build time (TARO_APP_CLOUD_ENV) means production; unset, the local cloud.
export const cloud = createCloudClient({ app: 'merchant', cloudEnv: process.env.TARO_APP_CLOUD_ENV || undefined });

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
  listOrders: (tab: MerchantTab) => cloud.call<{ orders: Order[]; storeId: string; allowed: string[] }>('merchantOrder', 'list', { tab }),
  orderDetail: (orderId: string) => cloud.call<{ order: Order; events: OrderEventRecord[] }>('merchantOrder', 'detail', { orderId }),
  accept: (orderId: string): OrderReply => cloud.call('merchantOrder', 'accept', { orderId }),
  reject: (orderId: string, reason: string): OrderReply => cloud.call('merchantOrder', 'reject', { orderId, reason }),
  markReady: (orderId: string): OrderReply => cloud.call('merchantOrder', 'markReady', { orderId }),
  handOver: (orderId: string): OrderReply => cloud.call('merchantOrder', 'handOver', { orderId }),
  markDelivered: (orderId: string): OrderReply => cloud.call('merchantOrder', 'markDelivered', { orderId }),
  approveRefund: (orderId: string): OrderReply => cloud.call('merchantOrder', 'approveRefund', { orderId }),
  declineRefund: (orderId: string, reason: string): OrderReply => cloud.call('merchantOrder', 'declineRefund', { orderId, reason }),
  verifyCode: (code: string): OrderReply => cloud.call('merchantOrder', 'verifyCode', { code }),
};

/**
 * Calls onChange every few seconds so new orders show up. Not a realtime watch: the orders rule lets a user read
 * only their own documents, and a rule cannot say "staff of this order's store" without a cross-collection
 * lookup, so a staff watch on the store's orders is refused by design.
 */
export function subscribeOrders(onChange: () => void, pollMs = 3000): () => void {
  const timer = setInterval(onChange, pollMs);
  return () => clearInterval(timer);
}
