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

/**
 * floor(a × b / c) and its remainder, exactly, for non-negative integers whose (a + 1) × c stays a safe integer
 * (callers check). No BigInt: the domain also runs in mini-programs, whose targets predate it.
 */
function mulDiv(a: number, b: number, c: number): { q: number; r: number } {
  const x = a * b;
  let q = Math.floor(x / c);
  let r = x - q * c;
  // The float quotient may round across an integer; one step either way puts it right.
  if (r < 0) {
    q -= 1;
    r += c;
  } else if (r >= c) {
    q += 1;
    r -= c;
  }
  return { q, r };
}

/**
 * Splits `totalFen` into integer shares proportional to `weights` that add up to exactly `totalFen` (largest
 * remainder, as yudao's price helpers do): each entry first gets the floor of its exact proportion, then the fen
 * left over go one each to the largest fractional remainders. Ties go to the earlier entry, so the same input
 * always splits the same way, and a larger weight never gets a smaller share. A zero weight gets nothing; when
 * every weight is zero there is nothing to split by, so only a zero total is accepted. Each share is within one fen
 * of its exact proportion. Not monotone in the total (largest remainder's Alabama paradox: 10 over [6, 6, 2] gives
 * the last entry 2, 11 gives it 1); nothing here splits one discount at two totals. Used to spread order-level
 * discounts over the lines. Amounts so large that total × Σ weights passes 2^53 (far beyond any order) are refused,
 * never rounded.
 */
export function apportion(totalFen: number, weights: readonly number[]): number[] {
  assertFen(totalFen, 'total');
  if (totalFen < 0) throw new DomainError('INVALID_AMOUNT', '分摊金额不能为负数');
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new DomainError('INVALID_AMOUNT', '分摊权重必须是非负整数');
  }
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum === 0) {
    if (totalFen !== 0) throw new DomainError('INVALID_AMOUNT', '没有可分摊的对象（权重全为零）');
    return weights.map(() => 0);
  }
  if (!Number.isSafeInteger(sum) || (totalFen + 1) * sum > Number.MAX_SAFE_INTEGER) throw new DomainError('INVALID_AMOUNT', '分摊金额过大');
  const parts = weights.map((w, i) => ({ i, ...mulDiv(totalFen, w, sum) }));
  const shares = parts.map((p) => p.q);
  let left = totalFen - shares.reduce((a, s) => a + s, 0);
  const byRemainder = [...parts].sort((a, b) => (a.r === b.r ? a.i - b.i : b.r - a.r));
  for (let k = 0; left > 0; k++, left--) shares[byRemainder[k].i] += 1;
  return shares;
}

/**
 * The part of `amountFen` that belongs to units `from` (inclusive) to `to` (exclusive) of `units` equal units:
 * the difference of the rounded-down running amounts at `to` and at `from`. Any run of units therefore gets within
 * a fen of its exact proportion (never more, short of the last unit, which takes the rest), and refunding a line's
 * units in any steps adds up to exactly the line's amount, never more.
 */
export function unitsShareFen(amountFen: number, units: number, from: number, to: number): number {
  assertFen(amountFen);
  if (amountFen < 0 || !Number.isInteger(units) || units < 1 || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from || to > units) {
    throw new DomainError('INVALID_AMOUNT', '分摊的件数超出范围');
  }
  if ((amountFen + 1) * units > Number.MAX_SAFE_INTEGER) throw new DomainError('INVALID_AMOUNT', '分摊金额过大');
  return mulDiv(amountFen, to, units).q - mulDiv(amountFen, from, units).q;
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
