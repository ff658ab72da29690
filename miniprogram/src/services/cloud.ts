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

/** In weapp the platform signs the user in; on the web a dev account must be picked first. */
export async function ensureSignedIn(): Promise<boolean> {
  if (isWeapp) return true;
  if (cloud.currentUser()) return true;
  await Taro.redirectTo({ url: '/pages/login/index' });
  return false;
}

export const api = {
  nearby: (q: NearbyQuery) => cloud.call<{ stores: NearbyStore[] }>('store', 'nearby', q),
  storeDetail: (storeId: string) => cloud.call<StoreDetail>('store', 'detail', { storeId }),
  quote: (q: { storeId: string; mode: OrderMode; items: { productId: string; quantity: number }[] }) =>
    cloud.call<{ breakdown: Breakdown }>('order', 'quote', q),
  createOrder: (q: { idempotencyKey: string; storeId: string; mode: OrderMode; items: { productId: string; quantity: number }[]; slot?: { start: string }; remark?: string }) =>
    cloud.call<{ order: Order }>('order', 'create', q),
  listOrders: () => cloud.call<{ orders: Order[] }>('order', 'list', {}),
  orderDetail: (orderId: string) => cloud.call<{ order: Order; events: OrderEventRecord[] }>('order', 'detail', { orderId }),
  cancelOrder: (orderId: string, reason?: string) => cloud.call<{ order: Order }>('order', 'cancel', { orderId, reason }),
  confirmReceipt: (orderId: string) => cloud.call<{ order: Order }>('order', 'confirmReceipt', { orderId }),
  requestRefund: (orderId: string, reason: string, amountFen: number) => cloud.call<{ order: Order }>('order', 'requestRefund', { orderId, reason, amountFen }),
  prepay: (orderId: string) => cloud.call<{ payment: PaymentParams }>('pay', 'prepay', { orderId }),
};
