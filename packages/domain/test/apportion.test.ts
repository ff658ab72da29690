import fc from 'fast-check';
import { apportion, unitsShareFen } from '../src';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'NO_ERROR';
};

test('largest remainder: floors first, the fen left over go to the largest remainders, ties to the earlier entry', () => {
  expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
  expect(apportion(1000, [5400, 700])).toEqual([885, 115]); // 885.2 and 114.8: the 0.8 remainder wins the fen
  expect(apportion(5, [1, 2, 2])).toEqual([1, 2, 2]);
  expect(apportion(1, [1, 1])).toEqual([1, 0]);
  expect(apportion(0, [3, 4])).toEqual([0, 0]);
  expect(apportion(7, [0, 3, 0])).toEqual([0, 7, 0]);
  expect(apportion(0, [])).toEqual([]);
  // Largest remainder is not monotone in the total (the Alabama paradox); documented in money.ts.
  expect([apportion(10, [6, 6, 2]), apportion(11, [6, 6, 2])]).toEqual([
    [4, 4, 2],
    [5, 5, 1],
  ]);
  expect(apportion(0, [0, 0])).toEqual([0, 0]);
  // Large amounts are still exact (total × weight near 2^53, where a float quotient can round across an integer).
  expect(apportion(2_999_999, [3_000_000_001, 2])).toEqual([2_999_999, 0]);
  expect(apportion(3_000_000, [1_000_000_001, 1_000_000_001, 1_000_000_001])).toEqual([1_000_000, 1_000_000, 1_000_000]);
  expect(apportion(1_000_000, [3_000_000_001, 2, 2_000_000_000])).toEqual([600_000, 0, 400_000]);
});

test('refuses what it cannot split: a positive total over no weight, non-integer or negative amounts and weights', () => {
  expect(code(() => apportion(1, [0, 0]))).toBe('INVALID_AMOUNT');
  expect(code(() => apportion(1, []))).toBe('INVALID_AMOUNT');
  expect(code(() => apportion(1.5, [1]))).toBe('INVALID_AMOUNT');
  expect(code(() => apportion(-1, [1]))).toBe('INVALID_AMOUNT');
  expect(code(() => apportion(10, [1, -1]))).toBe('INVALID_AMOUNT');
  expect(code(() => apportion(10, [0.5, 1]))).toBe('INVALID_AMOUNT');
  // Past what floats hold exactly: refused, never rounded.
  expect(code(() => apportion(9_000_000_000_000, [3_000_000_000_001, 2]))).toBe('INVALID_AMOUNT');
});

describe('apportion properties', () => {
  const arb = fc
    .record({
      total: fc.integer({ min: 0, max: 10_000_000 }),
      weights: fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 10 })), { minLength: 1, maxLength: 12 }),
    })
    .filter(({ total, weights }) => total === 0 || weights.some((w) => w > 0));

  test('shares are integers that sum exactly to the total', () => {
    fc.assert(
      fc.property(arb, ({ total, weights }) => {
        const shares = apportion(total, weights);
        expect(shares).toHaveLength(weights.length);
        expect(shares.every((s) => Number.isSafeInteger(s) && s >= 0)).toBe(true);
        expect(shares.reduce((a, s) => a + s, 0)).toBe(total);
      }),
      { numRuns: 1000 },
    );
  });

  test('each share is within one fen of its exact proportion, and a zero weight gets nothing', () => {
    fc.assert(
      fc.property(arb, ({ total, weights }) => {
        const shares = apportion(total, weights);
        const sum = BigInt(weights.reduce((a, w) => a + w, 0));
        if (sum === 0n) return expect(shares.every((s) => s === 0)).toBe(true);
        weights.forEach((w, i) => {
          // |share - total*w/sum| < 1, in exact integers: |share*sum - total*w| < sum
          const diff = BigInt(shares[i]) * sum - BigInt(total) * BigInt(w);
          expect(diff < sum && -diff < sum).toBe(true);
          if (w === 0) expect(shares[i]).toBe(0);
        });
      }),
      { numRuns: 1000 },
    );
  });

  test('exact near the float limit (no BigInt in the domain: it runs in mini-programs)', () => {
    const big = fc
      .record({ total: fc.integer({ min: 0, max: 100_000_000 }), weights: fc.array(fc.integer({ min: 0, max: 20_000_000_000 }), { minLength: 1, maxLength: 6 }) })
      .filter(({ total, weights }) => {
        const sum = weights.reduce((a, w) => a + w, 0);
        return sum > 0 && (total + 1) * sum <= Number.MAX_SAFE_INTEGER;
      });
    fc.assert(
      fc.property(big, ({ total, weights }) => {
        const shares = apportion(total, weights);
        expect(shares.reduce((a, s) => a + s, 0)).toBe(total);
        const sum = BigInt(weights.reduce((a, w) => a + w, 0));
        weights.forEach((w, i) => {
          const diff = BigInt(shares[i]) * sum - BigInt(total) * BigInt(w);
          expect(diff < sum && -diff < sum).toBe(true);
        });
      }),
      { numRuns: 1000 },
    );
  });

  test('monotone: a larger weight never gets less; equal weights differ by at most a fen, the earlier one first', () => {
    fc.assert(
      fc.property(arb, ({ total, weights }) => {
        const shares = apportion(total, weights);
        for (let i = 0; i < weights.length; i++) {
          for (let j = 0; j < weights.length; j++) {
            if (weights[i] > weights[j]) expect(shares[i]).toBeGreaterThanOrEqual(shares[j]);
            if (weights[i] === weights[j] && i < j) expect(shares[i] - shares[j]).toBeGreaterThanOrEqual(0);
            if (weights[i] === weights[j]) expect(Math.abs(shares[i] - shares[j])).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 400 },
    );
  });

  test('deterministic, and scaling the weights does not change the split', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 50 }), ({ total, weights }, k) => {
        expect(apportion(total, weights)).toEqual(apportion(total, [...weights]));
        expect(
          apportion(
            total,
            weights.map((w) => w * k),
          ),
        ).toEqual(apportion(total, weights));
      }),
      { numRuns: 500 },
    );
  });

  test('a line refunded unit by unit, in any steps, adds up to exactly its amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 99 }), fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 10 }), (amount, units, cuts) => {
        const points = [...new Set([0, ...cuts.filter((c) => c < units), units])].sort((a, b) => a - b);
        let sum = 0;
        for (let k = 1; k < points.length; k++) {
          const part = unitsShareFen(amount, units, points[k - 1], points[k]);
          // Within a fen of the exact proportion of the amount for those units.
          expect(Math.abs(part * units - amount * (points[k] - points[k - 1]))).toBeLessThan(units);
          sum += part;
        }
        expect(sum).toBe(amount);
      }),
      { numRuns: 500 },
    );
    expect([0, 1, 2, 3].map((n) => unitsShareFen(100, 3, n === 0 ? 0 : n - 1, n))).toEqual([0, 33, 33, 34]);
    expect(code(() => unitsShareFen(100, 2, 1, 3))).toBe('INVALID_AMOUNT');
  });
});
