import { z } from 'zod';
import { payout, type Payout } from '@daojia/domain';
import { _, app, db, nowIso, readAll } from '../runtime';
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

/** A store's movements with `at` in [from, to) (index store_at), oldest first. */
export async function storeLedger(storeId: string, from: string, to: string): Promise<LedgerEntry[]> {
  return (
    await readAll<unknown>(
      entries()
        .where({ storeId, at: _.and(_.gte(from), _.lt(to)) })
        .orderBy('at', 'asc'),
    )
  ).map(parse);
}

/**
 * `payouts`: what the platform transferred to a store for a span of days (schema: the domain's `payout`). Nothing
 * writes payouts yet: issue 12's settlement runs will; the demo seed has a few past ones.
 */
const payouts = () => db.collection('payouts');
const parsePayout = parser('payouts', payout);

/** A store's payouts, newest span first, and how many it has. */
export async function storePayouts(storeId: string, offset: number, limit: number): Promise<{ payouts: Payout[]; total: number }> {
  const [page, count] = await Promise.all([payouts().where({ storeId }).orderBy('toDate', 'desc').skip(offset).limit(limit).get(), payouts().where({ storeId }).count()]);
  return { payouts: page.data.map(parsePayout), total: count.total };
}

/** Writes an export file to cloud storage and returns its id and a temporary download URL (an hour). */
export async function storeExportFile(cloudPath: string, content: Buffer): Promise<{ fileId: string; url: string }> {
  const { fileID } = (await app.uploadFile({ cloudPath, fileContent: content })) as { fileID: string };
  const { fileList } = (await app.getTempFileURL({ fileList: [{ fileID, maxAge: 3600 }] })) as { fileList: { fileID: string; tempFileURL: string; code?: string }[] };
  const url = fileList?.[0]?.tempFileURL;
  if (!url) throw new Error(`cloud storage gave no temporary URL for ${fileID} (${fileList?.[0]?.code ?? 'no answer'})`);
  return { fileId: fileID, url };
}
