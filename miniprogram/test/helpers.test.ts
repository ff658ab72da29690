import { formatDistance } from '../src/lib/distance';
import { newIdempotencyKey } from '../src/lib/idempotency';

describe('formatDistance', () => {
  test('metres below one kilometre, one decimal kilometre above', () => {
    expect(formatDistance(0)).toBe('0m');
    expect(formatDistance(349.6)).toBe('350m');
    expect(formatDistance(999)).toBe('999m');
    expect(formatDistance(1000)).toBe('1.0km');
    expect(formatDistance(2449)).toBe('2.4km');
  });
});

// formatShanghai and nextHourSlots moved to @daojia/domain with their tests (packages/domain/test/display.test.ts).

describe('newIdempotencyKey', () => {
  test('is built from the time and the random source, so two checkouts differ', () => {
    let seed = 0.1;
    const rand = () => (seed = (seed * 7.3) % 1);
    const a = newIdempotencyKey(1_700_000_000_000, rand);
    const b = newIdempotencyKey(1_700_000_000_000, rand);
    expect(a).toMatch(/^ck-[0-9a-z]+-[0-9a-z]{12}$/);
    expect(a).not.toBe(b);
    expect(newIdempotencyKey(1, () => 0)).toBe('ck-1-000000000000');
  });
});
