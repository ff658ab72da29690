/**
 * Settlement: the ledger of money in and out per order, booked in reaction to order events (commission: issue 12),
 * the payouts made to stores (`payouts`), and a store's finance figures read from both.
 */
export { ledgerEntry, bookEntry, orderLedger, storeLedger, storePayouts, LEDGER_KINDS, type LedgerEntry } from './repository';
export { financeSummary, financeOrders, financePayouts, financeExport } from './finance';
export { settlementSubscriber } from './subscriber';

/** The collections this module owns. */
export const COLLECTIONS = ['ledger_entries', 'payouts'] as const;
