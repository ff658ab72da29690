import { z } from 'zod';
import type { Category } from '../schemas/common';

/**
 * The commission terms a store is approved with, recorded on the store (`terms`) and shown to its owner. The seed's
 * business model: catering 8–12 %, beauty 5–8 %, the first 3 months free for new merchants. This is the default
 * table by category only (the low end of each range: a new merchant's starting rate); the full rules engine (amount
 * tiers, regions, per-merchant overrides, versions) is issue #12, which will read `freeUntil` as the promotional
 * period's end. Retail and home services are not in the seed's table: 5 % and 6 % are this project's assumption.
 */
export const commissionTerms = z.object({
  /** Commission in basis points of the order's payable amount (800 = 8 %). */
  commissionRateBp: z.number().int().min(0).max(10000),
  /** Until this instant (UTC ISO) the store pays no commission: approval + FREE_MONTHS. */
  freeUntil: z.string(),
});
export type CommissionTerms = z.infer<typeof commissionTerms>;

export const DEFAULT_COMMISSION_BP: Record<Category, number> = { catering: 800, beauty: 500, retail: 500, home_service: 600 };
export const FREE_MONTHS = 3;

/** Calendar months added in UTC, clamped to the month's last day (Nov 30 + 3 months = Feb 28/29). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

export function defaultTerms(category: Category, approvedAt: Date): CommissionTerms {
  return { commissionRateBp: DEFAULT_COMMISSION_BP[category], freeUntil: addMonths(approvedAt, FREE_MONTHS).toISOString() };
}

/** `8%`, `10.5%`. */
export const formatRateBp = (bp: number) => `${Number((bp / 100).toFixed(2))}%`;
