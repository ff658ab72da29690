import { DomainError } from './errors';

/** Money is integer fen everywhere; these helpers refuse anything else instead of rounding silently. */
export function assertFen(value: number, what = 'amount'): number {
  if (!Number.isSafeInteger(value)) throw new DomainError('INVALID_AMOUNT', `金额必须是整数分（${what}）`);
  return value;
}

export const sumFen = (values: number[]): number => values.reduce((a, v) => a + assertFen(v), 0);

/**
 * A percentage of an amount, rounded half up to the fen. One rule everywhere (commission, discounts) so the
 * platform, merchants and reports never disagree by a fen. `rate` is in basis points (1% = 100).
 */
export function percentOfFen(amountFen: number, rateBp: number): number {
  assertFen(amountFen);
  if (!Number.isInteger(rateBp) || rateBp < 0) throw new DomainError('INVALID_RATE', '费率必须是非负整数（万分比）');
  return Math.floor((amountFen * rateBp + 5000) / 10000);
}

/** ¥12.30 — for display only; never parse it back. */
export function formatFen(fen: number): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * What a person typed as yuan ("12", "12.5", "12.50") in fen, by string arithmetic so no float rounding sneaks in;
 * null for anything else (empty, negative, more than two decimals, letters).
 */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}
