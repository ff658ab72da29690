import { MODE_SHORT_LABELS, ORDER_STATUS_LABELS, TIME_ZONE, TIME_ZONE_OFFSET_MIN, formatShanghai, modeShortLabel, nextHourSlots, statusLabel } from '../src';

// The display helpers every front end uses (consumer and merchant mini-programs, admin panel).

describe('formatShanghai', () => {
  test('shows a UTC instant in Asia/Shanghai (UTC+8), crossing midnight', () => {
    expect(formatShanghai('2026-11-24T16:30:00.000Z')).toBe('2026-11-25 00:30');
    expect(formatShanghai('2026-07-01T04:05:00Z', 'MM-DD HH:mm')).toBe('07-01 12:05');
    expect(formatShanghai(new Date('2026-07-01T04:05:06Z'), 'MM-DD HH:mm:ss')).toBe('07-01 12:05:06');
  });

  test("the fixed offset is the zone's own offset (what Intl says for Asia/Shanghai)", () => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, hour: '2-digit', hourCycle: 'h23' }).formatToParts(new Date('2026-01-01T00:00:00Z'));
    expect(Number(parts.find((p) => p.type === 'hour')!.value)).toBe(TIME_ZONE_OFFSET_MIN / 60);
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

describe('labels', () => {
  test('status and mode labels, raw value for what this build does not know', () => {
    expect(statusLabel('paid')).toBe(ORDER_STATUS_LABELS.paid);
    expect(statusLabel('teleported')).toBe('teleported');
    expect(MODE_SHORT_LABELS).toEqual({ delivery: '外卖', pickup: '自提', booking: '预约' });
    expect(modeShortLabel('pickup')).toBe('自提');
    expect(modeShortLabel('drone')).toBe('drone');
  });
});
