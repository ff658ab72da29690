import type { z } from 'zod';
import type { ApiInput, ApiOutput } from './map';
import type { requestPaymentParams } from './order';

// Reply and query shapes the front ends name, inferred from the API map: the apps declare none by hand.

/** A store as the nearby list shows it (`distanceM` only when the caller said where they are). */
export type NearbyStore = ApiOutput<'store', 'nearby'>['stores'][number];
export type NearbyQuery = ApiInput<'store', 'nearby'>;
export type StoreDetail = ApiOutput<'store', 'detail'>;
/** The merchant app's order list tabs. */
export type MerchantTab = NonNullable<ApiInput<'merchantOrder', 'list'>['tab']>;
/** An order as store and platform staff see it (no pickup code, no idempotency key). */
export type StaffOrder = ApiOutput<'merchantOrder', 'detail'>['order'];
export type AdminAccount = ApiOutput<'admin', 'whoami'>['admin'];
export type AdminOverview = ApiOutput<'admin', 'overview'>;
export type AdminStoreRow = ApiOutput<'admin', 'listStores'>['stores'][number];
export type AdminRefundIssues = ApiOutput<'admin', 'listRefundIssues'>;
export type RequestPaymentParams = z.output<typeof requestPaymentParams>;
