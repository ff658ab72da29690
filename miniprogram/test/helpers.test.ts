import { formatDistance } from '../src/lib/distance';
import { formatShanghai, nextHourSlots } from '../src/lib/time';
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

describe('formatShanghai', () => {
  test('shows a UTC instant in Asia/Shanghai (UTC+8), crossing midnight', () => {
    expect(formatShanghai('2026-11-24T16:30:00.000Z')).toBe('2026-11-25 00:30');
    expect(formatShanghai('2026-07-01T04:05:00Z', 'MM-DD HH:mm')).toBe('07-01 12:05');
  });
});

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

describe('nextHourSlots', () => {
  test('whole Shanghai hours after now, keeping the +08:00 offset, across midnight', () => {
    const slots = nextHourSlots(new Date('2026-11-24T15:20:00Z'), 3); // 23:20 in Shanghai
    expect(slots).toEqual([
      { start: '2026-11-25T00:00:00+08:00', label: '11-25 00:00' },
      { start: '2026-11-25T01:00:00+08:00', label: '11-25 01:00' },
      { start: '2026-11-25T02:00:00+08:00', label: '11-25 02:00' },
    ]);
  });
});
