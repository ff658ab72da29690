/** The admin panel's only door to the cloud: the `admin` function and the local sign-in. */
import type { AdminOrderDetail, PaymentAlert, Refund } from '@daojia/domain';
import { createWebClient, CloudCallError, type DevAccount } from '@daojia/cloud-client';

/** A CloudBase environment id given at build time (VITE_CLOUD_ENV) means production; unset, the local cloud. */
const cloudEnv = process.env.VITE_CLOUD_ENV || undefined;
export const cloud = createWebClient(cloudEnv ? { env: cloudEnv, production: true } : { env: 'daojia-local-admin' });

export interface AdminInfo { name: string; role: 'super_admin' | 'region_manager'; region?: string }
export interface Overview { totals: { gmvFen: number; orders: number; activeUsers: number; stores: number }; series: { day: string; gmvFen: number; orders: number; activeUsers: number }[]; scope: string }
export interface StoreRow { _id: string; name: string; category: string; region: string; status: string; rating: number; address: string }
/** What `admin.listRefundIssues` replies: open abnormal/closed refunds and payment alerts, newest first, region-scoped. */
export interface RefundIssues { refunds: Refund[]; alerts: PaymentAlert[]; storeNames: Record<string, string> }
export interface OrderRow { _id: string; storeName: string; mode: string; status: string; totalFen: number; createdAt: string; region: string }

export const api = {
  whoami: () => cloud.call<{ admin: AdminInfo }>('admin', 'whoami', {}),
  overview: (days = 14) => cloud.call<Overview>('admin', 'overview', { days }),
  listStores: (q: { keyword?: string; category?: string; offset: number; limit: number }) => cloud.call<{ stores: StoreRow[]; total: number }>('admin', 'listStores', q),
  listOrders: (q: { status?: string; offset: number; limit: number }) => cloud.call<{ orders: OrderRow[]; total: number }>('admin', 'listOrders', q),
  orderDetail: (orderId: string) => cloud.call<AdminOrderDetail>('admin', 'orderDetail', { orderId }),
  listRefundIssues: () => cloud.call<RefundIssues>('admin', 'listRefundIssues', {}),
  retryRefund: (refundId: string, reason: string) => cloud.call<{ refund: Refund }>('admin', 'retryRefund', { refundId, reason }),
  closeRefund: (refundId: string, reason: string) => cloud.call<{ refund: Refund }>('admin', 'closeRefund', { refundId, reason }),
  adminAccounts: async (): Promise<DevAccount[]> => (await cloud.devAccounts()).filter((a) => a.role === 'admin'),
};

export const errorText = (e: unknown) => (e instanceof CloudCallError ? e.message : '网络异常，请稍后重试');
export const isForbidden = (e: unknown) => e instanceof CloudCallError && ['FORBIDDEN', 'UNAUTHENTICATED', 'INVALID_ACCESS_TOKEN', 'ACCESS_TOKEN_EXPIRED'].includes(e.code);
