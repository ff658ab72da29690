import { z } from 'zod';
import { db, nowIso } from '../runtime';
import { addOnce, parser } from '../repository-kit';

/**
 * `ledger_entries`, owned by the settlement module: one entry per money movement of an order, `_id`
 * `${eventId}:${kind}`, so the event that moved the money can never book it twice. Amounts are integer fen, always
 * positive; `kind` says the direction. Commission and the store's share come with issue 12's rules.
 */
export const LEDGER_KINDS = ['payment_in', 'refund_out'] as const;
export const ledgerEntry = z.object({
  _id: z.string(),
  eventId: z.string(),
  orderId: z.string(),
  storeId: z.string(),
  region: z.string(),
  kind: z.enum(LEDGER_KINDS),
  amountFen: z.number().int().min(0),
  /** When the money moved (the event's time), and when it was booked. */
  at: z.string(),
  recordedAt: z.string(),
  note: z.string(),
});
export type LedgerEntry = z.infer<typeof ledgerEntry>;

const entries = () => db.collection('ledger_entries');
const parse = parser('ledger_entries', ledgerEntry);

export async function bookEntry(entry: Omit<LedgerEntry, 'recordedAt'>) {
  await addOnce(() => entries().add(ledgerEntry.parse({ ...entry, recordedAt: nowIso() })));
}

export async function orderLedger(orderId: string): Promise<LedgerEntry[]> {
  return (await entries().where({ orderId }).orderBy('at', 'asc').limit(100).get()).data.map(parse);
}
