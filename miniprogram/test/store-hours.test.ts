import { feesText, holidayNotices, orderBlock } from '../src/lib/store-hours';

test('ordering is off with the reason when the store is not open, except for bookings of a store that takes them', () => {
  expect(orderBlock({ isOpen: true, bookable: false })).toBeUndefined();
  expect(orderBlock({ isOpen: false, bookable: false, closedText: '店铺休息中，明天 10:00 营业' })).toBe('店铺休息中，明天 10:00 营业');
  expect(orderBlock({ isOpen: false, bookable: true, closedText: '店铺休息中，明天 09:00 营业' })).toBeUndefined();
});

test('the fees line names the minimum order, each distance tier and the packaging fee', () => {
  const store = {
    modes: ['delivery', 'pickup'] as const,
    minOrderFen: 2000,
    packagingFeeFen: 100,
    deliveryTiers: [
      { upToM: 1500, feeFen: 300 },
      { upToM: 4000, feeFen: 500 },
    ],
  };
  expect(feesText({ ...store, modes: [...store.modes] })).toBe('起送 ¥20.00 · 配送费 ≤1.5km ¥3.00，≤4km ¥5.00 · 打包费 ¥1.00');
  expect(feesText({ ...store, modes: ['pickup'] })).toBe('打包费 ¥1.00');
  expect(feesText({ ...store, modes: ['booking'] })).toBe('');
});

test('holidays in the next two weeks, today first as 今天', () => {
  const hourExceptions = [
    { date: '2026-12-03', ranges: [], note: '店内装修' },
    { date: '2026-12-10', ranges: [{ open: 600, close: 840 }] },
    { date: '2027-02-06', ranges: [], note: '春节休息' },
  ];
  expect(holidayNotices({ hourExceptions }, '2026-12-03')).toEqual(['今天 休息（店内装修）', '12月10日 营业 10:00-14:00']);
});
