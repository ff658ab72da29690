import { formFromSettings, parseRanges, patchFromForm, rangesToText, type Settings } from '../src/lib/settings';

const settings: Settings = {
  hours: Array.from({ length: 7 }, () => [
    { open: 600, close: 840 },
    { open: 990, close: 1320 },
  ]),
  hourExceptions: [],
  maxDeliveryM: 5000,
  deliveryTiers: [
    { upToM: 2000, feeFen: 300 },
    { upToM: 5000, feeFen: 500 },
  ],
  minOrderFen: 2000,
  packagingFeeFen: 100,
  modes: ['delivery', 'pickup'],
  bookingSlotMin: 60,
  bookingCapacity: 2,
  announcement: '欢迎光临',
  phone: '021-55556666',
  logo: '/static/stores/catering.png',
  photos: [],
};

test('ranges read and write as text, breaks as the gap between them, a night range with 次日', () => {
  expect(rangesToText(settings.hours[1])).toBe('10:00-14:00，16:30-22:00');
  expect(parseRanges('10:00-14:00，16:30-22:00')).toEqual({ ranges: settings.hours[1] });
  expect(parseRanges('17:00-次日02:00')).toEqual({ ranges: [{ open: 1020, close: 120 }] });
  expect(parseRanges('')).toEqual({ ranges: [] });
  expect(parseRanges('10点到14点')).toEqual({ error: '「10点到14点」不是营业时段，请写成 10:00-14:00' });
  expect(parseRanges('10:00-25:00')).toHaveProperty('error');
});

test('the patch holds only what changed, in fen and minutes', () => {
  const form = { ...formFromSettings(settings), minOrder: '25.5', announcement: ' 新品上市 ' };
  expect(patchFromForm(form, settings)).toEqual({ patch: { minOrderFen: 2550, announcement: '新品上市' } });
  expect(patchFromForm(formFromSettings(settings), settings)).toEqual({ error: '没有修改' });
});

test('a holiday with empty ranges closes the day; fields that must agree travel together and are checked', () => {
  const holiday = { ...formFromSettings(settings), exceptions: [{ date: '2027-02-06', ranges: '', note: '春节休息' }] };
  expect(patchFromForm(holiday, settings)).toEqual({ patch: { hourExceptions: [{ date: '2027-02-06', ranges: [], note: '春节休息' }] } });
  const wider = { ...formFromSettings(settings), maxDeliveryM: '8000' };
  expect(patchFromForm(wider, settings)).toEqual({ error: '最远一档配送费须覆盖整个配送范围（8000 米）' });
  const tierFix = { ...wider, tiers: [...wider.tiers, { upToM: '8000', fee: '8' }] };
  expect(patchFromForm(tierFix, settings)).toEqual({
    patch: {
      maxDeliveryM: 8000,
      deliveryTiers: [...settings.deliveryTiers, { upToM: 8000, feeFen: 800 }],
      modes: ['delivery', 'pickup'],
    },
  });
  expect(patchFromForm({ ...formFromSettings(settings), modes: [] }, settings)).toEqual({ error: '至少开通一种下单方式' });
  expect(patchFromForm({ ...formFromSettings(settings), tiers: [{ upToM: '2000', fee: '3.333' }] }, settings)).toEqual({ error: '第 1 档配送费：金额请填到分，如 3 或 3.5' });
});
