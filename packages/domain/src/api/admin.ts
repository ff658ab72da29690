import { z } from 'zod';
import { category, fen, searchKeyword } from '../schemas/common';
import { store } from '../schemas/store';
import { orderEventRecord, paymentAlert, refund } from '../schemas/order';
import { staffOrderView } from './order';
import { orderStatus } from '../order-state/statuses';
import { platformRole } from '../access/principal';

export const overviewInput = z.object({ days: z.number().int().min(1).max(90).default(14) }).strict();
export const listStoresInput = z
  .object({
    keyword: searchKeyword.optional(),
    category: category.optional(),
    region: z.string().max(20).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();
export const adminListOrdersInput = z
  .object({
    status: orderStatus.optional(),
    region: z.string().max(20).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

export const whoamiInput = z.object({}).strict();
/**
 * A platform staff member (`admins`): `roles`, and `regions` when they see some regions only (absent: all).
 * `role` (the first role) and `region` (the regions joined, e.g. 静安区、徐汇区) are the one-role shape, kept for
 * readers of it; `permissions` are the catalogue's permissions they hold, so the panel can offer only those.
 */
export const adminAccount = z.object({
  _id: z.string(),
  userKey: z.string(),
  name: z.string(),
  roles: z.array(platformRole).min(1),
  regions: z.array(z.string()).optional(),
  role: platformRole,
  region: z.string().optional(),
  permissions: z.array(z.string()),
});
export const whoamiOutput = z.object({ admin: adminAccount });

const dayStats = z.object({ gmvFen: fen, orders: z.number().int().min(0), activeUsers: z.number().int().min(0) });
export const overviewOutput = z.object({
  totals: dayStats.extend({ stores: z.number().int().min(0) }),
  /** One entry per Shanghai calendar day, oldest first. */
  series: z.array(dayStats.extend({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) })),
  /** The region the figures cover, or 全部区域. */
  scope: z.string(),
});

export const adminStoreView = store.omit({ hours: true, deliveryTiers: true });
export const listStoresOutput = z.object({ stores: z.array(adminStoreView), total: z.number().int().min(0) });

export const adminListOrdersOutput = z.object({ orders: z.array(staffOrderView), total: z.number().int().min(0) });
export const adminOrderDetailOutput = z.object({ order: staffOrderView, events: z.array(orderEventRecord) });
/** What `admin.orderDetail` replies: the order as staff see it, and its timeline. */
export type AdminOrderDetail = z.infer<typeof adminOrderDetailOutput>;

/** Refunds that ended without the money going back (gateway ABNORMAL or CLOSED, or the refund job gave up). */
export const listRefundIssuesInput = z
  .object({
    region: z.string().max(20).optional(),
    limit: z.number().int().min(1).max(100).default(50),
  })
  .strict();
/** `storeNames`: the name of every store the refunds and alerts name, by store id, so a list needs no second call. */
export const listRefundIssuesOutput = z.object({ refunds: z.array(refund), alerts: z.array(paymentAlert), storeNames: z.record(z.string(), z.string()) });
export const retryRefundInput = z.object({ refundId: z.string().min(1).max(64), reason: z.string().trim().max(100).default('') }).strict();
export const closeRefundInput = z.object({ refundId: z.string().min(1).max(64), reason: z.string().trim().min(1, '请填写关闭原因').max(100) }).strict();
export const refundActionOutput = z.object({ refund, order: staffOrderView });
