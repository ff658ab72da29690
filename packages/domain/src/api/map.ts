import type { z } from 'zod';
import { nearbyInput, nearbyOutput, storeDetailInput, storeDetailOutput } from './store';
import {
  CREATE_ERRORS,
  MOVE_ERRORS,
  QUOTE_ERRORS,
  cancelOrderInput,
  createOrderInput,
  listOrdersInput,
  listOrdersOutput,
  merchantListInput,
  merchantListOutput,
  merchantOrderDetailOutput,
  newOrdersSeenInput,
  newOrdersSeenOutput,
  merchantOrderOutput,
  orderDetailOutput,
  orderIdInput,
  orderOutput,
  prepayInput,
  prepayOutput,
  quoteInput,
  quoteOutput,
  refundRequestInput,
  rejectInput,
  verifyCodeInput,
} from './order';
import {
  adminListOrdersInput,
  adminListOrdersOutput,
  adminOrderDetailOutput,
  closeRefundInput,
  listRefundIssuesInput,
  listRefundIssuesOutput,
  listStoresInput,
  listStoresOutput,
  overviewInput,
  overviewOutput,
  refundActionOutput,
  retryRefundInput,
  whoamiInput,
  whoamiOutput,
} from './admin';

import { contract, type ActionContract } from './contract';
import { REVIEW_API } from './review';
import { MERCHANT_REVIEW_API } from './merchant-review';
import { MERCHANT_MARKETING_API } from './merchant-marketing';
import { MARKETING_API } from './marketing';
import { MERCHANT_ACCOUNT_API, ADMIN_APPLICATION_API } from './merchant-account';
import { MERCHANT_CATALOG_API } from './merchant-catalog';
import { MERCHANT_STORE_API } from './merchant-store';
import { MERCHANT_FINANCE_API } from './merchant-finance';
import { FILES_API } from './files';
export type { ActionContract } from './contract';

/**
 * Every callable function and its actions: the one map the front ends call through (`@daojia/cloud-client`'s typed
 * client is generated from it) and the functions' action tables must match (same schema objects, same errors:
 * scripts/api-map.test.ts fails on any drift). Timers and HTTP callbacks are not here: no client may call them.
 */
export const API = {
  store: {
    nearby: contract(nearbyInput, nearbyOutput),
    detail: contract(storeDetailInput, storeDetailOutput, ['STORE_NOT_FOUND']),
  },
  order: {
    quote: contract(quoteInput, quoteOutput, QUOTE_ERRORS),
    create: contract(createOrderInput, orderOutput, CREATE_ERRORS),
    list: contract(listOrdersInput, listOrdersOutput),
    detail: contract(orderIdInput, orderDetailOutput, ['ORDER_NOT_FOUND']),
    cancel: contract(cancelOrderInput, orderOutput, MOVE_ERRORS),
    confirmReceipt: contract(orderIdInput, orderOutput, MOVE_ERRORS),
    requestRefund: contract(refundRequestInput, orderOutput, [...MOVE_ERRORS, 'REFUND_TOO_LARGE']),
  },
  pay: {
    prepay: contract(prepayInput, prepayOutput, ['ORDER_NOT_FOUND', 'ORDER_NOT_PAYABLE', 'ORDER_EXPIRED']),
  },
  merchantOrder: {
    list: contract(merchantListInput, merchantListOutput),
    detail: contract(orderIdInput, merchantOrderDetailOutput, ['ORDER_NOT_FOUND']),
    accept: contract(orderIdInput, merchantOrderOutput, MOVE_ERRORS),
    reject: contract(rejectInput, merchantOrderOutput, MOVE_ERRORS),
    markReady: contract(orderIdInput, merchantOrderOutput, MOVE_ERRORS),
    handOver: contract(orderIdInput, merchantOrderOutput, MOVE_ERRORS),
    markDelivered: contract(orderIdInput, merchantOrderOutput, MOVE_ERRORS),
    verifyCode: contract(verifyCodeInput, merchantOrderOutput, [...MOVE_ERRORS, 'CODE_INVALID', 'CODE_MISMATCH']),
    approveRefund: contract(orderIdInput, merchantOrderOutput, MOVE_ERRORS),
    declineRefund: contract(rejectInput, merchantOrderOutput, MOVE_ERRORS),
    seenNewOrders: contract(newOrdersSeenInput, newOrdersSeenOutput),
  },
  merchantCatalog: MERCHANT_CATALOG_API,
  merchantStore: MERCHANT_STORE_API,
  merchantAccount: MERCHANT_ACCOUNT_API,
  review: REVIEW_API,
  merchantReview: MERCHANT_REVIEW_API,
  merchantMarketing: MERCHANT_MARKETING_API,
  merchantFinance: MERCHANT_FINANCE_API,
  marketing: MARKETING_API,
  files: FILES_API,
  admin: {
    whoami: contract(whoamiInput, whoamiOutput),
    overview: contract(overviewInput, overviewOutput),
    listStores: contract(listStoresInput, listStoresOutput),
    listOrders: contract(adminListOrdersInput, adminListOrdersOutput),
    orderDetail: contract(orderIdInput, adminOrderDetailOutput, ['ORDER_NOT_FOUND']),
    listRefundIssues: contract(listRefundIssuesInput, listRefundIssuesOutput),
    retryRefund: contract(retryRefundInput, refundActionOutput, ['REFUND_NOT_FOUND', 'REFUND_NOT_OPEN', 'ORDER_NOT_FOUND']),
    closeRefund: contract(closeRefundInput, refundActionOutput, ['REFUND_NOT_FOUND', 'REFUND_NOT_OPEN', 'ORDER_NOT_FOUND', 'ILLEGAL_TRANSITION', 'ORDER_BUSY']),
    ...ADMIN_APPLICATION_API,
  },
} as const satisfies Record<string, Record<string, ActionContract>>;

export type Api = typeof API;
export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
/** What an action takes, as the caller writes it (defaults may be left out). */
export type ApiInput<F extends FunctionName, A extends ActionName<F>> = z.input<Api[F][A] extends ActionContract<infer I, z.ZodType> ? I : never>;
/** What an action replies. */
export type ApiOutput<F extends FunctionName, A extends ActionName<F>> = z.output<Api[F][A] extends ActionContract<z.ZodType, infer O> ? O : never>;
