import { bookingSlotStarts, closedText, hoursNow, isOpen, isSlotStart, nextOpening, rangesText, settingsIssues, storeSettingsPatch, type WeeklyHours } from '../src';

/** Lunch and dinner with a break between, every day; Sunday closed. */
const week: WeeklyHours = Array.from({ length: 7 }, (_, d) =>
  d === 0
    ? []
    : [
        { open: 10 * 60, close: 14 * 60 },
        { open: 17 * 60, close: 22 * 60 },
      ],
);
// 2026-12-04 is a Friday; times below are UTC, Shanghai is +8.
const SHANGHAI = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('hours with breaks and dated exceptions', () => {
  test('open inside a range, closed in the break and after close', () => {
    expect(isOpen(week, SHANGHAI('2026-12-04T11:00:00'))).toBe(true);
    expect(isOpen(week, SHANGHAI('2026-12-04T15:00:00'))).toBe(false);
    expect(isOpen(week, SHANGHAI('2026-12-04T22:00:00'))).toBe(false);
    expect(isOpen(week, SHANGHAI('2026-12-06T11:00:00'))).toBe(false); // Sunday
  });

  test('a holiday with no ranges closes the whole day; one with its own ranges replaces the weekday', () => {
    const holiday = [{ date: '2026-12-04', ranges: [], note: '店休' }];
    expect(isOpen(week, SHANGHAI('2026-12-04T11:00:00'), holiday)).toBe(false);
    expect(isOpen(week, SHANGHAI('2026-12-05T11:00:00'), holiday)).toBe(true); // the next day is untouched
    const shortDay = [{ date: '2026-12-04', ranges: [{ open: 9 * 60, close: 12 * 60 }] }];
    expect(isOpen(week, SHANGHAI('2026-12-04T09:30:00'), shortDay)).toBe(true);
    expect(isOpen(week, SHANGHAI('2026-12-04T18:00:00'), shortDay)).toBe(false);
    // Sunday is normally closed; an exception opens it.
    expect(isOpen(week, SHANGHAI('2026-12-06T11:00:00'), [{ date: '2026-12-06', ranges: [{ open: 600, close: 720 }] }])).toBe(true);
  });

  test("a range past midnight is yesterday's: a holiday on the next day does not cut it, a holiday on its own day does", () => {
    const late: WeeklyHours = Array.from({ length: 7 }, () => [{ open: 18 * 60, close: 2 * 60 }]);
    expect(isOpen(late, SHANGHAI('2026-12-05T01:00:00'), [{ date: '2026-12-05', ranges: [] }])).toBe(true);
    expect(isOpen(late, SHANGHAI('2026-12-05T01:00:00'), [{ date: '2026-12-04', ranges: [] }])).toBe(false);
  });

  test('the next opening and the sentence a closed store refuses with name the day and time', () => {
    expect(nextOpening(week, SHANGHAI('2026-12-04T15:00:00'))).toBe(SHANGHAI('2026-12-04T17:00:00'));
    expect(closedText(week, SHANGHAI('2026-12-04T15:00:00'))).toBe('店铺休息中，今天 17:00 营业');
    expect(closedText(week, SHANGHAI('2026-12-04T23:00:00'))).toBe('店铺休息中，明天 10:00 营业');
    // Saturday night: Sunday is closed, so Monday; with Monday a holiday too, Tuesday by its date.
    expect(closedText(week, SHANGHAI('2026-12-05T23:00:00'))).toBe('店铺休息中，后天 10:00 营业');
    expect(closedText(week, SHANGHAI('2026-12-05T23:00:00'), [{ date: '2026-12-07', ranges: [] }])).toBe('店铺休息中，12月8日 10:00 营业');
    expect(closedText(week, SHANGHAI('2026-12-04T09:00:00'), [{ date: '2026-12-04', ranges: [], note: '设备检修' }])).toBe('设备检修，店铺休息中，明天 10:00 营业');
    expect(
      closedText(
        Array.from({ length: 7 }, () => []),
        SHANGHAI('2026-12-04T09:00:00'),
      ),
    ).toBe('店铺休息中，暂无营业安排');
  });

  test('hoursNow: what the store page shows', () => {
    expect(hoursNow(week, SHANGHAI('2026-12-04T11:00:00'))).toEqual({ isOpen: true, date: '2026-12-04', todayRanges: week[5], todayText: '10:00-14:00、17:00-22:00' });
    const h = hoursNow(week, SHANGHAI('2026-12-04T11:00:00'), [{ date: '2026-12-04', ranges: [], note: '店休' }]);
    expect(h).toMatchObject({ isOpen: false, todayText: '休息', todayException: { note: '店休' }, nextOpenAt: SHANGHAI('2026-12-05T10:00:00'), closedText: '店休，店铺休息中，明天 10:00 营业' });
    expect(rangesText([{ open: 18 * 60, close: 2 * 60 }])).toBe('18:00-次日02:00');
  });
});

describe('booking slots follow the slot length and the hours of their day', () => {
  test('slots start at each range opening, one after another, and end by its close', () => {
    expect(isSlotStart(week, SHANGHAI('2026-12-04T10:00:00'), 90)).toBe(true);
    expect(isSlotStart(week, SHANGHAI('2026-12-04T11:30:00'), 90)).toBe(true);
    expect(isSlotStart(week, SHANGHAI('2026-12-04T11:00:00'), 90)).toBe(false); // not on the 90-minute grid
    expect(isSlotStart(week, SHANGHAI('2026-12-04T13:00:00'), 90)).toBe(false); // would run into the break
    expect(isSlotStart(week, SHANGHAI('2026-12-04T13:30:00'), 30)).toBe(true);
    expect(isSlotStart(week, SHANGHAI('2026-12-04T10:00:00'), 60, [{ date: '2026-12-04', ranges: [] }])).toBe(false); // holiday
  });

  test('the choices a consumer sees: within the days asked, after the lead time, none on a holiday', () => {
    const slots = bookingSlotStarts(week, 120, [{ date: '2026-12-05', ranges: [] }], { from: SHANGHAI('2026-12-04T15:00:00'), days: 3 });
    expect(slots.map((s) => s.label)).toEqual(['12-04 17:00', '12-04 19:00']); // Saturday a holiday, Sunday closed
    expect(slots[0]).toMatchObject({ start: '2026-12-04T17:00:00+08:00', end: '2026-12-04T19:00:00+08:00' });
  });
});

describe('a settings patch is checked before anything is written', () => {
  const problems = (patch: unknown) => {
    const r = storeSettingsPatch.safeParse(patch);
    return r.success ? [] : r.error.issues.map((i) => i.message);
  };

  test('a good patch passes', () => {
    expect(problems({ announcement: '周末满 50 减 5', minOrderFen: 1500 })).toEqual([]);
    expect(
      problems({
        maxDeliveryM: 5000,
        deliveryTiers: [
          { upToM: 3000, feeFen: 300 },
          { upToM: 5000, feeFen: 500 },
        ],
        modes: ['delivery', 'pickup'],
      }),
    ).toEqual([]);
  });

  test('delivery tiers go from near to far and the last covers the radius', () => {
    expect(
      problems({
        maxDeliveryM: 5000,
        deliveryTiers: [
          { upToM: 3000, feeFen: 300 },
          { upToM: 2000, feeFen: 500 },
        ],
      }),
    ).toContain('配送费阶梯的距离须从近到远递增');
    expect(problems({ maxDeliveryM: 5000, deliveryTiers: [{ upToM: 3000, feeFen: 300 }] })).toEqual(['最远一档配送费须覆盖整个配送范围（5000 米）']);
    expect(problems({ modes: ['delivery'], deliveryTiers: [] })).toEqual(['开通外卖需至少设置一档配送费']);
  });

  test('fees are whole fen; at least one mode; slot lengths from the list', () => {
    expect(problems({ minOrderFen: 12.5 }).length).toBe(1);
    expect(problems({ packagingFeeFen: -1 }).length).toBe(1);
    expect(problems({ modes: [] })).toEqual(['至少开通一种下单方式']);
    expect(problems({ bookingSlotMin: 45 })).toEqual(['预约时长只能是 30、60、90 或 120 分钟']);
    expect(problems({ photos: Array.from({ length: 10 }, (_, i) => `cloud://x/${i}.jpg`) })).toEqual(['店铺照片最多 9 张']);
    expect(problems({})).toEqual(['没有要修改的设置']);
    // Not a setting: the switch has its own action.
    expect(storeSettingsPatch.safeParse({ status: 'open' }).error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['status'] });
  });

  test('hours: breaks must not overlap, a night range must end before the next day opens, exception dates real and once', () => {
    const day = (ranges: { open: number; close: number }[]) => Array.from({ length: 7 }, () => ranges);
    expect(
      problems({
        hours: day([
          { open: 600, close: 840 },
          { open: 1020, close: 1320 },
        ]),
      }),
    ).toEqual([]);
    expect(
      problems({
        hours: day([
          { open: 600, close: 840 },
          { open: 800, close: 1320 },
        ]),
      })[0],
    ).toBe('周日营业时段10:00-14:00 与 13:20-22:00 重叠');
    expect(problems({ hours: day([{ open: 600, close: 600 }]) })[0]).toBe('营业时段的开始和结束不能相同');
    expect(
      problems({
        hours: day([
          { open: 540, close: 1320 },
          { open: 1380, close: 600 },
        ]),
      })[0],
    ).toBe('周日跨夜营业到 10:00，与周一的营业时段重叠');
    expect(problems({ hourExceptions: [{ date: '2026-02-30', ranges: [] }] })).toEqual(['2026-02-30 不是有效日期']);
    expect(
      problems({
        hourExceptions: [
          { date: '2026-12-25', ranges: [] },
          { date: '2026-12-25', ranges: [] },
        ],
      }),
    ).toEqual(['特殊日期 2026-12-25 重复']);
    expect(problems({ hourExceptions: [{ date: '20261225', ranges: [] }] })).toEqual(['日期格式应为 YYYY-MM-DD']);
  });

  test('settingsIssues on a whole store catches what a patch alone could not: a radius grown past the tiers', () => {
    expect(settingsIssues({ maxDeliveryM: 8000, deliveryTiers: [{ upToM: 6000, feeFen: 800 }], modes: ['delivery'] })).toEqual([
      { path: ['deliveryTiers'], message: '最远一档配送费须覆盖整个配送范围（8000 米）' },
    ]);
  });
});
