import { defineTimer } from '@daojia/function-kit';
import { autoComplete } from '@daojia/modules/orders';
import { autoReject, expireUnpaid, reconcile } from '@daojia/modules/payments';

/*
 * The jobs live in their modules: expiring unpaid orders, auto-rejecting unaccepted ones and reconciling payments
 * and refunds in payments (each moves money or asks the gateway), auto-completing served orders in orders.
 */
const JOBS: Record<string, () => Promise<number>> = { expireUnpaid, autoReject, reconcile, autoComplete };

/** Timer entry point: the trigger name picks the job; any other caller is refused. Every job is idempotent and safe to overlap. */
export const main = defineTimer('orderTimers', JOBS);
