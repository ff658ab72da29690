import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { startSeededCloud, CONSUMER, MERCHANT, STORE } from './harness';

dayjs.extend(utc);

/**
 * Store settings from the merchant app, seen from the consumer's side at once: a patch shows in store.detail and
 * nearby, the switch and the hours (holidays included) decide whether an order is taken, and a bad patch changes
 * nothing and says why with a stable code.
 */
let t: Awaited<ReturnType<typeof startSeededCloud>>;
beforeAll(async () => {
  t = await startSeededCloud();
});
afterAll(async () => t.close());

const SALON = 'store-002';
const SALON_OWNER = 'demo-merchant-002';
const CLERK = 'demo-clerk-001';
const CENTER = { lng: 121.4737, lat: 31.2304 };
const shanghai = (at: dayjs.Dayjs = dayjs()) => at.utc().utcOffset(8 * 60);
let k = 0;
const key = () => `settings-${++k}-${Date.now()}`;

const detail = async (storeId = STORE) => (await t.ok(CONSUMER, 'store', 'detail', { storeId })).store;
const pickup = async () => {
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  return t.call(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: STORE, mode: 'pickup', items: [{ productId: products[0]._id, quantity: 1 }] });
};
const stored = () => {
  const { _id, ...rest } = t.doc('stores', STORE);
  return { _id, ...rest };
};

test('the owner reads the settings with defaults filled in; a clerk reads them too and is told they may only read', async () => {
  const owner = await t.ok(MERCHANT, 'merchantStore', 'settings');
  expect(owner).toMatchObject({ storeId: STORE, status: 'open', isOpenNow: true, allowed: ['settings', 'update', 'setOpen'] });
  expect(owner.settings).toMatchObject({ modes: ['delivery', 'pickup'], minOrderFen: 2000, maxDeliveryM: 6000, bookingSlotMin: 60, bookingCapacity: 2, hourExceptions: [] });
  expect((await t.ok(CLERK, 'merchantStore', 'settings')).allowed).toEqual(['settings']);
  expect(await t.call(CLERK, 'merchantStore', 'update', { announcement: '店员改的公告' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await t.call(CLERK, 'merchantStore', 'setOpen', { open: false })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(t.doc('stores', STORE).announcement).not.toBe('店员改的公告');
});

test('a patch is what the consumer sees at once: announcement, minimum order, fee tiers, modes, photos', async () => {
  // The owner's own upload, and a photo the store already shows (the seed's), in a new order.
  const own = `cloud://daojia-local.bucket/uploads/${MERCHANT}/photos/abc123.png`;
  const kept: string[] = (t.doc('stores', STORE).photos ?? []).slice(0, 1);
  const photos = [own, ...kept];
  const reply = await t.ok(MERCHANT, 'merchantStore', 'update', {
    announcement: '今日新品：葱油拌面',
    minOrderFen: 2500,
    packagingFeeFen: 150,
    maxDeliveryM: 5000,
    deliveryTiers: [
      { upToM: 1500, feeFen: 200 },
      { upToM: 5000, feeFen: 600 },
    ],
    modes: ['pickup', 'delivery'],
    photos,
  });
  expect(reply.settings).toMatchObject({ announcement: '今日新品：葱油拌面', minOrderFen: 2500, photos });
  const s = await detail();
  expect(s).toMatchObject({
    announcement: '今日新品：葱油拌面',
    minOrderFen: 2500,
    packagingFeeFen: 150,
    maxDeliveryM: 5000,
    deliveryFeeFen: 200,
    modes: ['pickup', 'delivery'],
    photos,
    isOpen: true,
  });
  expect(s.deliveryTiers).toEqual([
    { upToM: 1500, feeFen: 200 },
    { upToM: 5000, feeFen: 600 },
  ]);
  const { stores } = await t.ok(CONSUMER, 'store', 'nearby', CENTER);
  expect(stores.find((x: any) => x._id === STORE)).toMatchObject({ minOrderFen: 2500, deliveryFeeFen: 200 });
  // Pickup only from now: the consumer can no longer ask for delivery.
  await t.ok(MERCHANT, 'merchantStore', 'update', { modes: ['pickup'] });
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  expect(await t.call(CONSUMER, 'order', 'quote', { storeId: STORE, mode: 'delivery', items: [{ productId: products[0]._id, quantity: 2 }] })).toMatchObject({ ok: false, code: 'MODE_NOT_SUPPORTED' });
  await t.ok(MERCHANT, 'merchantStore', 'update', { modes: ['delivery', 'pickup'] });
});

test('bad patches change nothing and reply stable codes with what to fix', async () => {
  const before = stored();
  const cases: [unknown, string, RegExp][] = [
    [
      {
        deliveryTiers: [
          { upToM: 3000, feeFen: 300 },
          { upToM: 2000, feeFen: 500 },
          { upToM: 5000, feeFen: 800 },
        ],
      },
      'INVALID_INPUT',
      /从近到远递增/,
    ],
    [{ maxDeliveryM: 9000 }, 'SETTINGS_CONFLICT', /覆盖整个配送范围（9000 米）/], // fine alone, but the stored tiers stop at 5000 m
    [{ deliveryTiers: [] }, 'SETTINGS_CONFLICT', /开通外卖需至少设置一档配送费/],
    [{ minOrderFen: 12.5 }, 'INVALID_INPUT', /起送|minOrderFen|整数/],
    [{ modes: [] }, 'INVALID_INPUT', /至少开通一种下单方式/],
    [
      {
        hours: Array.from({ length: 7 }, () => [
          { open: 600, close: 900 },
          { open: 840, close: 1200 },
        ]),
      },
      'INVALID_INPUT',
      /重叠/,
    ],
    [{ bookingSlotMin: 45 }, 'INVALID_INPUT', /30、60、90 或 120/],
    [{ status: 'open' }, 'INVALID_INPUT', /status/],
    [{ logo: 'https://example.com/logo.png' }, 'STORE_PHOTO_NOT_ALLOWED', /本人上传/],
    [{ photos: ['cloud://daojia-local.bucket/uploads/demo-merchant-002/logo/theirs.png'] }, 'STORE_PHOTO_NOT_ALLOWED', /本人上传/],
  ];
  for (const [patch, code, message] of cases) {
    const r = await t.call(MERCHANT, 'merchantStore', 'update', patch);
    expect({ patch, ok: r.ok, code: r.ok ? undefined : r.code }).toEqual({ patch, ok: false, code });
    if (!r.ok) expect(r.message).toMatch(message);
  }
  expect(stored()).toEqual(before);
});

test('switched off, the store refuses orders with STORE_CLOSED and shows 休息; switched on, it takes them again', async () => {
  expect((await t.ok(MERCHANT, 'merchantStore', 'setOpen', { open: false })).status).toBe('closed');
  expect(await detail()).toMatchObject({ isOpen: false, closedText: '店铺暂停营业，请稍后再来' });
  expect(await pickup()).toMatchObject({ ok: false, code: 'STORE_CLOSED' });
  expect(await t.ok(MERCHANT, 'merchantStore', 'setOpen', { open: true })).toMatchObject({ status: 'open', isOpenNow: true });
  const again = await pickup();
  expect(again.ok).toBe(true);
});

test('a holiday today closes the store: the page says so, quote and create are refused with when it opens next', async () => {
  const today = shanghai().format('YYYY-MM-DD');
  await t.ok(MERCHANT, 'merchantStore', 'update', { hourExceptions: [{ date: today, ranges: [], note: '店内装修' }] });
  const s = await detail();
  expect(s).toMatchObject({
    isOpen: false,
    todayHours: '休息',
    todayNote: '店内装修',
    closedText: '店内装修，店铺休息中，明天 00:00 营业',
    hourExceptions: [{ date: today, ranges: [], note: '店内装修' }],
  });
  expect(dayjs(s.nextOpenAt).toISOString()).toBe(shanghai().add(1, 'day').startOf('day').toISOString());
  const refused = await pickup();
  expect(refused).toMatchObject({ ok: false, code: 'STORE_CLOSED', message: '店内装修，店铺休息中，明天 00:00 营业' });
  const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: STORE });
  expect(await t.call(CONSUMER, 'order', 'quote', { storeId: STORE, mode: 'delivery', items: [{ productId: products[0]._id, quantity: 2 }] })).toMatchObject({ ok: false, code: 'STORE_CLOSED' });
  const { stores } = await t.ok(CONSUMER, 'store', 'nearby', CENTER);
  expect(stores.find((x: any) => x._id === STORE)).toMatchObject({ isOpen: false });
  // Past dates are dropped on save; without today's exception the store is open again.
  await t.ok(MERCHANT, 'merchantStore', 'update', { hourExceptions: [{ date: '2020-01-01', ranges: [] }] });
  expect(t.doc('stores', STORE).hourExceptions).toEqual([]);
  expect((await pickup()).ok).toBe(true);
});

test('outside its hours the store refuses delivery and pickup, naming the time it opens', async () => {
  const now = shanghai();
  const open = (Math.floor((now.hour() * 60 + now.minute()) / 30) * 30 + 120) % 1440;
  const close = (open + 60) % 1440;
  const original = t.doc('stores', STORE).hours;
  await t.ok(MERCHANT, 'merchantStore', 'update', { hours: Array.from({ length: 7 }, () => [{ open, close }]) });
  const hhmm = `${String(Math.floor(open / 60)).padStart(2, '0')}:${String(open % 60).padStart(2, '0')}`;
  const refused = await pickup();
  expect(refused).toMatchObject({ ok: false, code: 'STORE_CLOSED' });
  expect((refused as any).message).toMatch(new RegExp(`^店铺休息中，(今天|明天) ${hhmm} 营业$`));
  expect((await detail()).closedText).toBe((refused as any).message);
  expect((await t.ok(MERCHANT, 'merchantStore', 'settings')).isOpenNow).toBe(false);
  await t.ok(MERCHANT, 'merchantStore', 'update', { hours: original });
});

describe('bookings follow the slot length and the hours of the day booked', () => {
  const tomorrow = (h: number, m = 0) => shanghai().add(1, 'day').hour(h).minute(m).second(0).millisecond(0);
  const book = async (start: dayjs.Dayjs) => {
    const { products } = await t.ok(CONSUMER, 'store', 'detail', { storeId: SALON });
    return t.call(CONSUMER, 'order', 'create', { idempotencyKey: key(), storeId: SALON, mode: 'booking', items: [{ productId: products[0]._id, quantity: 1 }], slot: { start: start.toISOString() } });
  };

  test('90-minute slots from the 09:00 opening: 10:30 is a slot of 90 minutes, 10:00 is not; capacity follows the setting', async () => {
    await t.ok(SALON_OWNER, 'merchantStore', 'update', { bookingSlotMin: 90, bookingCapacity: 1 });
    expect((await detail(SALON)).bookingSlotMin).toBe(90);
    const r = await book(tomorrow(10, 30));
    expect(r.ok).toBe(true);
    const slot = (r as any).data.order.slot;
    expect(dayjs(slot.end).diff(dayjs(slot.start), 'minute')).toBe(90);
    expect(t.doc('booking_slots', slot.slotId)).toMatchObject({ capacity: 1, booked: 1 });
    expect(await book(tomorrow(10, 30))).toMatchObject({ ok: false, code: 'SLOT_FULL' });
    expect(await book(tomorrow(10))).toMatchObject({ ok: false, code: 'INVALID_SLOT', message: expect.stringContaining('每 90 分钟一档') });
    // Raising the capacity opens the slot already created for more bookings.
    await t.ok(SALON_OWNER, 'merchantStore', 'update', { bookingCapacity: 2 });
    expect((await book(tomorrow(10, 30))).ok).toBe(true);
  });

  test('a holiday tomorrow: no slot that day, with the merchant’s note', async () => {
    await t.ok(SALON_OWNER, 'merchantStore', 'update', { hourExceptions: [{ date: tomorrow(9).format('YYYY-MM-DD'), ranges: [], note: '员工培训' }] });
    expect(await book(tomorrow(12))).toMatchObject({ ok: false, code: 'INVALID_SLOT', message: '员工培训，请选择其他日期' });
    await t.ok(SALON_OWNER, 'merchantStore', 'update', { hourExceptions: [] });
    expect((await book(tomorrow(12))).ok).toBe(true);
  });
});

test('a store under review or suspended cannot be switched by its merchant', async () => {
  await t.cloud.db.update('stores', { _id: SALON }, { $set: { status: 'suspended' } });
  expect(await t.call(SALON_OWNER, 'merchantStore', 'setOpen', { open: true })).toMatchObject({ ok: false, code: 'STORE_STATUS_LOCKED', message: expect.stringContaining('平台暂停') });
  expect(t.doc('stores', SALON).status).toBe('suspended');
  await t.cloud.db.update('stores', { _id: SALON }, { $set: { status: 'pending_review' } });
  expect(await t.call(SALON_OWNER, 'merchantStore', 'setOpen', { open: false })).toMatchObject({ ok: false, code: 'STORE_STATUS_LOCKED', message: expect.stringContaining('审核') });
  expect(t.doc('stores', SALON).status).toBe('pending_review');
  await t.cloud.db.update('stores', { _id: SALON }, { $set: { status: 'open' } });
});
