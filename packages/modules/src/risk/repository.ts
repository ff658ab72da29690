import { z } from 'zod';
import { db, _, nowIso } from '../runtime';
import { addOnce, parser } from '../repository-kit';

/**
 * `risk_stats`, owned by the risk module: per user and Shanghai day, how many orders they placed, paid, cancelled,
 * asked refunds for and got refunded, and the money paid and refunded; the input of later risk rules (issue 13).
 * `_id` `${userKey}:${YYYY-MM-DD}`. Each counted event's id goes into `counted` in the same conditional update as its
 * counts, so an event delivered twice is counted once (as holds are on products).
 */
export const RISK_COUNTERS = ['placed', 'paid', 'cancelled', 'refundRequested', 'refunded', 'paidFen', 'refundedFen'] as const;
export type RiskCounter = (typeof RISK_COUNTERS)[number];
export const riskStats = z.object({
  _id: z.string(),
  userKey: z.string(),
  day: z.string(),
  ...(Object.fromEntries(RISK_COUNTERS.map((c) => [c, z.number().int()])) as Record<RiskCounter, z.ZodNumber>),
  counted: z.array(z.string()),
  updatedAt: z.string(),
});
export type RiskStats = z.infer<typeof riskStats>;

const stats = () => db.collection('risk_stats');
const parse = parser('risk_stats', riskStats);

export async function countEvent(userKey: string, day: string, eventId: string, inc: Partial<Record<RiskCounter, number>>) {
  const _id = `${userKey}:${day}`;
  await addOnce(() => stats().add({ _id, userKey, day, ...Object.fromEntries(RISK_COUNTERS.map((c) => [c, 0])), counted: [], updatedAt: nowIso() }));
  const incs = Object.fromEntries(Object.entries(inc).map(([k, v]) => [k, _.inc(v ?? 0)]));
  await stats()
    .where({ _id, counted: _.neq(eventId) })
    .update({ ...incs, counted: _.push([eventId]), updatedAt: nowIso() });
}

export async function userDayStats(userKey: string, day: string): Promise<RiskStats | undefined> {
  const { data } = await stats().doc(`${userKey}:${day}`).get();
  return data[0] ? parse(data[0]) : undefined;
}
