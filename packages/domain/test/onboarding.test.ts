import { DEMO_DISTRICTS, DEFAULT_COMMISSION_BP, addMonths, applicationForm, defaultTerms, formatRateBp, inviteCode, newStoreDefaults, regionOf, reviewApplicationInput } from '../src';

test('a point belongs to the nearest demo district within reach; farther out the platform does not serve', () => {
  for (const d of DEMO_DISTRICTS) expect(regionOf(d.center)).toBe(d.name);
  expect(regionOf({ lng: 121.4737, lat: 31.2304 })).toBe('黄浦区'); // 人民广场
  expect(regionOf({ lng: 121.456, lat: 31.242 })).toBe('静安区'); // 南京西路 near 静安寺
  expect(regionOf({ lng: 121.437, lat: 31.195 })).toBe('徐汇区'); // 徐家汇
  expect(regionOf({ lng: 121.5, lat: 31.0 })).toBeUndefined(); // 闵行, ~25 km south
  expect(regionOf({ lng: 116.397, lat: 39.908 })).toBeUndefined(); // 北京
});

test('default terms: the category’s rate (catering 8 %, beauty 5 %), free for 3 calendar months from approval', () => {
  expect(DEFAULT_COMMISSION_BP).toEqual({ catering: 800, beauty: 500, retail: 500, home_service: 600 });
  expect(defaultTerms('catering', new Date('2026-12-03T05:00:00.000Z'))).toEqual({ commissionRateBp: 800, freeUntil: '2027-03-03T05:00:00.000Z' });
  // Month ends clamp: Nov 30 + 3 months is Feb 28 (2027 is not a leap year), Nov 30 2027 + 3 is Feb 29 2028.
  expect(addMonths(new Date('2026-11-30T10:00:00.000Z'), 3).toISOString()).toBe('2027-02-28T10:00:00.000Z');
  expect(addMonths(new Date('2027-11-30T10:00:00.000Z'), 3).toISOString()).toBe('2028-02-29T10:00:00.000Z');
  expect(formatRateBp(800)).toBe('8%');
  expect(formatRateBp(1050)).toBe('10.5%');
});

test('a new store starts with its category’s modes and hours; goods stores deliver, services book', () => {
  expect(newStoreDefaults('catering')).toMatchObject({ modes: ['delivery', 'pickup'], maxDeliveryM: 4000, minOrderFen: 2000 });
  expect(newStoreDefaults('beauty')).toMatchObject({ modes: ['booking'], maxDeliveryM: 0, deliveryTiers: [] });
  for (const c of ['catering', 'beauty', 'retail', 'home_service'] as const) expect(newStoreDefaults(c).hours).toHaveLength(7);
});

test('the form: a CN mobile number, a name of 2–40 characters, a licence; nothing else', () => {
  const ok = {
    name: '小店',
    category: 'catering',
    address: '静安区南京西路1号',
    location: { lng: 121.45, lat: 31.24 },
    licenceFileId: 'cloud://a.b/uploads/u/l.png',
    contactName: '王',
    contactPhone: '13812345678',
  };
  expect(applicationForm.safeParse(ok).success).toBe(true);
  expect(applicationForm.safeParse({ ...ok, contactPhone: '12812345678' }).success).toBe(false);
  expect(applicationForm.safeParse({ ...ok, contactPhone: '1381234567' }).success).toBe(false);
  expect(applicationForm.safeParse({ ...ok, name: '店' }).success).toBe(false);
  expect(applicationForm.safeParse({ ...ok, status: 'approved' }).success).toBe(false);
});

test('invite codes are read as typed: case and spaces do not matter; a reject needs a reason', () => {
  expect(inviteCode.parse(' k7m 2qx ')).toBe('K7M2QX');
  expect(inviteCode.safeParse('K7M2Q').success).toBe(false);
  expect(reviewApplicationInput.safeParse({ applicationId: 'a', decision: 'reject' }).success).toBe(false);
  expect(reviewApplicationInput.safeParse({ applicationId: 'a', decision: 'reject', reason: '  ' }).success).toBe(false);
  expect(reviewApplicationInput.parse({ applicationId: 'a', decision: 'approve' })).toEqual({ applicationId: 'a', decision: 'approve', reason: '' });
});
