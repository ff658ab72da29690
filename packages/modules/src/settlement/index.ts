/** Settlement: the ledger of money in and out per order, booked in reaction to order events (commission: issue 12). */
export { ledgerEntry, bookEntry, orderLedger, LEDGER_KINDS, type LedgerEntry } from './repository';
export { settlementSubscriber } from './subscriber';

/** The collections this module owns. */
export const COLLECTIONS = ['ledger_entries'] as const;
