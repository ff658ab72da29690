import {
  permissionsOf,
  listRefundIssuesInput,
  listRefundIssuesOutput,
  retryRefundInput,
  closeRefundInput,
  refundActionOutput,
  adminListOrdersInput,
  listStoresInput,
  overviewInput,
  whoamiInput,
  whoamiOutput,
  overviewOutput,
  listStoresOutput,
  adminListOrdersOutput,
  adminOrderDetailOutput,
  orderIdInput,
} from '@daojia/domain';
import { defineFunction, action } from '@daojia/function-kit';
import { listOrdersForStaff, orderDetailForStaff, paidSeries, staffView } from '@daojia/modules/orders';
import { countStores, listStoresForStaff } from '@daojia/modules/stores';
import { closeRefund, listRefundIssues, retryRefund } from '@daojia/modules/payments';
import { audit } from '@daojia/modules/audit';
import { ADMIN_APPLICATION_API } from '@daojia/domain';
import { approveApplication, listApplications, rejectApplication, toAdminApplicationView } from '@daojia/modules/onboarding';

/**
 * What each caller sees is the access policy's: `scope` (all regions, or the caller's regions) and `regionScope(region)`
 * when a list asks for one region (refused outside the caller's own). Permissions per action: the action table.
 */
export const main = defineFunction('admin', {
  whoami: action({
    input: whoamiInput,
    output: whoamiOutput,
    errors: [],
    permission: 'platform.signin',
    handler: async (_input, { admin, access }) => ({ admin: { ...admin, permissions: permissionsOf(access.principal) } }),
  }),

  /** GMV, orders and active buyers per day in Shanghai time, from paid orders. */
  overview: action({
    input: overviewInput,
    output: overviewOutput,
    errors: [],
    permission: 'platform.overview',
    async handler({ days }, { admin, scope }) {
      const [{ series, totals }, stores] = await Promise.all([paidSeries(scope, days), countStores(scope)]);
      return { totals: { ...totals, stores }, series, scope: admin.region ?? '全部区域' };
    },
  }),

  listStores: action({
    input: listStoresInput,
    output: listStoresOutput,
    errors: [],
    permission: 'platform.stores.read',
    handler: ({ keyword, category, region, offset, limit }, { regionScope }) => listStoresForStaff(regionScope(region), { keyword, category, offset, limit }),
  }),

  listOrders: action({
    input: adminListOrdersInput,
    output: adminListOrdersOutput,
    errors: [],
    permission: 'platform.orders.read',
    handler: ({ status, region, offset, limit }, { regionScope }) => listOrdersForStaff(regionScope(region), { status, offset, limit }),
  }),

  /** One order with its timeline; a region manager's other regions do not exist for them (like the lists). */
  orderDetail: action({
    input: orderIdInput,
    output: adminOrderDetailOutput,
    errors: ['ORDER_NOT_FOUND'],
    permission: 'platform.orders.read',
    handler: ({ orderId }, { scope }) => orderDetailForStaff(orderId, scope),
  }),

  /**
   * Money that did not go back: refunds the gateway ended ABNORMAL or CLOSED (or the refund job gave up on), not yet
   * closed by staff, and payments refused because someone other than the buyer paid. Newest first.
   */
  listRefundIssues: action({
    input: listRefundIssuesInput,
    output: listRefundIssuesOutput,
    errors: [],
    permission: 'platform.refunds.read',
    handler: ({ region, limit }, { regionScope }) => listRefundIssues(regionScope(region), limit),
  }),

  /** Sends an abnormal or closed refund again under a new refund number; audit-logged. */
  retryRefund: action({
    input: retryRefundInput,
    output: refundActionOutput,
    errors: ['REFUND_NOT_FOUND', 'REFUND_NOT_OPEN', 'ORDER_NOT_FOUND'],
    permission: 'platform.refunds.manage',
    async handler({ refundId, reason }, { admin, scope }) {
      const { before, orderBefore, refund, order } = await retryRefund(refundId, scope);
      await audit(admin, 'retryRefund', {
        refundId,
        orderId: order._id,
        reason,
        before: { refund: before.status, order: orderBefore.status },
        after: { refund: refund.status, order: order.status, retriedAs: refund._id },
      });
      return { refund, order: staffView(order) };
    },
  }),

  /** Ends a refund the gateway could not carry out, with the reason: the order becomes final (refund_closed). */
  closeRefund: action({
    input: closeRefundInput,
    output: refundActionOutput,
    errors: ['REFUND_NOT_FOUND', 'REFUND_NOT_OPEN', 'ORDER_NOT_FOUND', 'ILLEGAL_TRANSITION', 'ORDER_BUSY'],
    permission: 'platform.refunds.manage',
    async handler({ refundId, reason }, { admin, scope }) {
      const { before, orderBefore, refund, order } = await closeRefund(refundId, scope, { role: 'admin', id: admin.userKey }, reason);
      await audit(admin, 'closeRefund', { refundId, orderId: order._id, reason, before: { refund: before.status, order: orderBefore.status }, after: { refund: refund.status, order: order.status } });
      return { refund, order: staffView(order) };
    },
  }),

  /** Store applications waiting for review (or decided ones), oldest first, in the caller's regions. */
  listApplications: action({
    ...ADMIN_APPLICATION_API.listApplications,
    permission: 'platform.merchants.audit',
    async handler({ status, region, offset, limit }, { regionScope }) {
      const page = await listApplications(regionScope(region), { status, offset, limit });
      return { applications: page.applications.map(toAdminApplicationView), total: page.total };
    },
  }),

  /**
   * Approve: the store is created (closed until its owner opens it), the applicant becomes its owner, the default
   * commission terms are recorded; reject: with the reason the applicant sees. Audit-logged. Another region's
   * application does not exist for a regional manager.
   */
  reviewApplication: action({
    ...ADMIN_APPLICATION_API.reviewApplication,
    permission: 'platform.merchants.audit',
    async handler({ applicationId, decision, reason }, { admin, scope }) {
      const review = decision === 'approve' ? await approveApplication(applicationId, scope, admin) : await rejectApplication(applicationId, scope, admin, reason);
      const { store } = review;
      return {
        application: toAdminApplicationView(review.application),
        ...(store ? { store: { _id: store._id, name: store.name, status: store.status, ...(store.terms ? { terms: store.terms } : {}) } } : {}),
      };
    },
  }),
});
