import { readFileSync } from 'node:fs';
/**
 * Demo city: a believable slice of central Shanghai (黄浦/静安/徐汇/长宁) with stores of all four categories,
 * their menus and services, reviews, coupons, demo consumers, merchant staff and admins. Deterministic (seeded
 * PRNG) and idempotent: a second run finds the marker account and changes nothing. Written through the real
 * node-sdk, as a deploy-time seed against a real environment would be.
 */
import tcb from '@cloudbase/node-sdk';
import { CATEGORIES, withSkuTotals, type Category } from '@daojia/domain';
import { useLocalCloudEnv } from '@daojia/local-cloud';
import { CATALOG, MODES_BY_CATEGORY, REGIONS, STREETS, VARIANTS } from './catalog';
import { buildOrderHistory } from './history';
import { buildDemoPayouts } from './payouts';
import { buildReviews } from './reviews';
import { productPicturePath, seedPictureFiles, storeLogoPath } from './pictures';

/** The point the consumer app falls back to when it has no location (人民广场). */
export const DEMO_CENTER = { lng: 121.4737, lat: 31.2304 };
const MARKER = 'demo-consumer-1';
export const DEMO_STORE_ID = 'store-001';

/** A store application waiting in the platform's 入驻审核 queue (静安区, from someone with no demo login). */
export const DEMO_APPLICATIONS: Record<string, unknown>[] = [
  {
    _id: 'sa-demo-jingan',
    applicantKey: 'demo-applicant-2',
    openKey: 'demo-applicant-2',
    name: '静安手作甜品',
    category: 'catering',
    address: '静安区南京西路1266号',
    location: { type: 'Point', coordinates: [121.456, 31.242] },
    region: '静安区',
    licenceFileId: 'cloud://local.local/uploads/demo-applicant-2/licence/licence.png',
    contactName: '周女士',
    contactPhone: '13900000002',
    status: 'pending',
    createdAt: '2026-01-06T02:00:00.000Z',
  },
];

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(3, '0');
const CREATED = '2026-01-05T02:00:00.000Z';

/**
 * Weekly hours. The demo store (store-001) is open round the clock, so the tests and the demo that order from it
 * work at any hour (an order outside a store's hours is refused); other restaurants close for a break after lunch.
 */
function hoursFor(category: Category, n: number) {
  if (n === 1) return Array.from({ length: 7 }, () => [{ open: 0, close: 24 * 60 }]);
  if (category === 'catering')
    return Array.from({ length: 7 }, () => [
      { open: 10 * 60, close: 14 * 60 },
      { open: 16 * 60 + 30, close: 22 * 60 },
    ]);
  const range = category === 'retail' ? { open: 7 * 60, close: 24 * 60 } : { open: 9 * 60, close: 21 * 60 };
  return Array.from({ length: 7 }, () => [range]);
}

/** Booking slot lengths by kind of service: hair and nails by the hour (the test salon, store-002, too), home services in two-hour visits. */
const SLOT_MIN: Partial<Record<Category, number>> = { beauty: 60, home_service: 120 };

/**
 * Dated exceptions on a few stores no test orders from: Spring Festival 2027 closed, New Year's Eve short. Not on
 * store-001 or store-002 (the tests' stores), whose hours must hold on any day.
 */
const holidaysFor = (n: number) =>
  n >= 5 && n % 4 === 1
    ? [
        { date: '2026-12-31', ranges: [{ open: 10 * 60, close: 14 * 60 }], note: '跨年夜只营业午市' },
        { date: '2027-02-06', ranges: [], note: '春节休息' },
        { date: '2027-02-07', ranges: [], note: '春节休息' },
      ]
    : [];

/** A product's SKUs and specs from the catalogue's VARIANTS, with the price and stock they imply (after the rand() calls, so no store moves). */
function variantsOf(name: string) {
  const v = VARIANTS[name];
  if (!v) return {};
  const skus = v.skus.map(([id, label, priceFen, stock]) => ({ id, label, priceFen, stock }));
  const specs = v.specs?.map((s) => ({ name: s.name, options: s.options.map(([label, priceDeltaFen]) => ({ label, priceDeltaFen })) }));
  return { ...withSkuTotals({ priceFen: 0, stock: 0, skus }), ...(specs ? { specs } : {}) };
}

/** A seed picture's file id when the seed did not upload it itself (tests of the data alone): the local cloud's bucket. */
const localPictureId = (seedPath: string) => `cloud://daojia-local.daojia-local-storage/${seedPath}`;

/** `picture`: the file id of a shipped picture (scripts/seed/pictures) by its cloud path, as the upload answered it. */
export function buildDemoData(picture: (seedPath: string) => string = localPictureId) {
  const rand = prng(20261125);
  const stores: Record<string, unknown>[] = [];
  const products: Record<string, unknown>[] = [];
  const reviews: Record<string, unknown>[] = [];
  const staff: Record<string, unknown>[] = [];
  const accounts: Record<string, unknown>[] = [];
  let n = 0;
  const order: Category[] = [];
  // Interleave categories so the nearest stores show a mix; store-001 (catering) sits at the demo centre.
  for (let i = 0; i < 16; i++) for (const c of CATEGORIES) if (CATALOG[c][i]) order.push(c);
  const used: Record<Category, number> = { catering: 0, beauty: 0, retail: 0, home_service: 0 };
  for (const category of order) {
    const t = CATALOG[category][used[category]++];
    n++;
    const id = `store-${pad(n)}`;
    const offset = n === 1 ? [0.0008, 0.0006] : [(rand() - 0.5) * 0.08, (rand() - 0.5) * 0.06];
    const location = { type: 'Point', coordinates: [+(DEMO_CENTER.lng + offset[0]).toFixed(6), +(DEMO_CENTER.lat + offset[1]).toFixed(6)] };
    const region = REGIONS[n % REGIONS.length];
    const goods = category === 'catering' || category === 'retail';
    stores.push({
      _id: id,
      name: t.name,
      category,
      logo: picture(storeLogoPath(category, used[category] - 1)),
      // The store's photo strip: its dishes or services, one picture per kind.
      photos: [...new Set(t.products.map(([name, , categoryName]) => picture(productPicturePath(name, categoryName))))].slice(0, 3),
      address: `${region}${STREETS[n % STREETS.length]}${100 + Math.floor(rand() * 800)}号`,
      location,
      region,
      phone: `021-${String(50000000 + Math.floor(rand() * 49999999))}`,
      rating: Math.round((4 + rand() * 0.9) * 10) / 10,
      ratingCount: 20 + Math.floor(rand() * 800),
      hours: hoursFor(category, n),
      ...(holidaysFor(n).length ? { hourExceptions: holidaysFor(n) } : {}),
      ...(SLOT_MIN[category] ? { bookingSlotMin: SLOT_MIN[category] } : {}),
      modes: MODES_BY_CATEGORY[category],
      minOrderFen: category === 'catering' ? 2000 : goods ? 1500 : 0,
      packagingFeeFen: category === 'catering' ? 100 * (1 + Math.floor(rand() * 2)) : 0,
      deliveryTiers: goods
        ? [
            { upToM: 2000, feeFen: 300 },
            { upToM: 4000, feeFen: 500 },
            { upToM: 6000, feeFen: 800 },
          ]
        : [],
      maxDeliveryM: goods ? 6000 : 0,
      fullReductions:
        category === 'catering'
          ? [
              { thresholdFen: 3000, reductionFen: 300 },
              { thresholdFen: 6000, reductionFen: 800 },
            ]
          : [],
      newUserDiscountFen: category === 'catering' ? 300 : 0,
      status: 'open',
      tags: t.tags,
      announcement: category === 'home_service' ? '服务人员持证上岗，可提前一天预约' : '欢迎光临，用心做好每一单',
      createdAt: CREATED,
    });
    t.products.forEach(([name, priceFen, categoryName, durationMin], i) => {
      products.push({
        _id: `${id}-p${pad(i + 1)}`,
        storeId: id,
        name,
        description: `${t.name} · ${categoryName}`,
        image: picture(productPicturePath(name, categoryName)),
        images: [picture(productPicturePath(name, categoryName))],
        priceFen,
        stock: goods ? 30 + Math.floor(rand() * 170) : 999,
        onShelf: true,
        kind: goods ? 'goods' : 'service',
        ...(durationMin ? { durationMin } : {}),
        categoryName,
        sales: Math.floor(rand() * 2000),
        ...variantsOf(name),
      });
    });
    staff.push({ _id: `staff-${pad(n)}`, userKey: `demo-merchant-${pad(n)}`, storeId: id, role: 'owner', name: `${t.name}店长` });
    if (n <= 8) accounts.push({ _id: `demo-merchant-${pad(n)}`, role: 'merchant', name: `${t.name}店长`, description: `${t.name}（${region}）的商家账号` });
  }

  // A clerk of the demo store: serves orders, but refund decisions stay with the owner.
  staff.push({ _id: 'staff-001-clerk', userKey: 'demo-clerk-001', storeId: DEMO_STORE_ID, role: 'clerk', name: `${(stores[0] as { name: string }).name}店员` });
  accounts.push({ _id: 'demo-clerk-001', role: 'merchant', name: `${(stores[0] as { name: string }).name}店员`, description: '店员账号：可接单、出餐、核销，退款需店长处理' });
  // A prospective merchant with no store yet: signs in to the merchant app to apply (申请开店) or join by invite code.
  accounts.push({ _id: 'demo-applicant', role: 'merchant', name: '准商家（还没有店铺）', description: '没有门店：可申请开店或输入邀请码加入门店' });
  // Someone working at two stores with a different role in each (one merchant_staff row per store): a clerk at the
  // demo store, the owner of store-002. Calls name the store they act on (the envelope's storeId). No demo login yet:
  // the merchant app has no store picker, so it would only show the choose-a-store error.
  const [first, second] = stores as { _id: string; name: string }[];
  staff.push(
    { _id: 'staff-multi-001', userKey: 'demo-staff-multi', storeId: first._id, role: 'clerk', name: `${first.name}店员（兼${second.name}店长）` },
    { _id: 'staff-multi-002', userKey: 'demo-staff-multi', storeId: second._id, role: 'owner', name: `${second.name}店长（兼${first.name}店员）` },
  );

  const consumers = [
    { _id: 'demo-consumer-1', name: '张小明', description: '老用户，有优惠券和收货地址' },
    { _id: 'demo-consumer-2', name: '李小红', description: '新用户，可享新客立减' },
    { _id: 'demo-consumer-3', name: '王大力', description: '普通用户' },
  ];
  accounts.unshift(...consumers.map((c) => ({ ...c, role: 'consumer' })));
  const users = consumers.map((c, i) => ({ _id: `user-${i + 1}`, _openid: c._id, nickname: c.name, points: 100 * (3 - i), createdAt: CREATED, orderCount: i === 1 ? 0 : 3 }));
  const addresses = consumers.map((c, i) => ({
    _id: `addr-${i + 1}`,
    _openid: c._id,
    contact: c.name,
    phone: `1380000000${i + 1}`,
    text: `黄浦区人民大道${100 + i * 20}号${i + 1}0${i + 1}室`,
    location: { lng: DEMO_CENTER.lng + 0.003 * (i + 1), lat: DEMO_CENTER.lat - 0.002 * (i + 1) },
    isDefault: true,
  }));
  const coupons = [
    { _id: 'coupon-platform-8', title: '平台满30减8', amountFen: 800, thresholdFen: 3000, validFrom: CREATED, validTo: '2027-12-31T15:59:59.000Z' },
    { _id: 'coupon-store001-5', title: '本店满20减5', storeId: DEMO_STORE_ID, amountFen: 500, thresholdFen: 2000, validFrom: CREATED, validTo: '2027-12-31T15:59:59.000Z' },
  ];
  const userCoupons = consumers.flatMap((c, i) => coupons.map((cp, j) => ({ ...cp, _id: `uc-${i + 1}-${j + 1}`, couponId: cp._id, _openid: c._id, status: 'available' })));
  // A coupon the demo store hands out (领券 on its page; the merchant app's 营销 page shows its figures): nobody holds one yet.
  (coupons as Record<string, unknown>[]).push({
    _id: 'coupon-store001-claim',
    title: '进店领券 满30减4',
    storeId: DEMO_STORE_ID,
    amountFen: 400,
    thresholdFen: 3000,
    validFrom: CREATED,
    validTo: '2027-12-31T15:59:59.000Z',
    totalQuantity: 200,
    perUserLimit: 1,
    claimed: 0,
    paused: false,
    createdAt: CREATED,
  });

  // Platform staff have roles and regions (absent: all regions); what each role may do: domain/src/access/permissions.ts.
  const admins = [
    { _id: 'admin-1', userKey: 'demo-admin', roles: ['super_admin'], name: '平台超级管理员' },
    { _id: 'admin-2', userKey: 'demo-region-jingan', roles: ['region_manager'], regions: ['静安区'], name: '静安区区域经理' },
    { _id: 'admin-3', userKey: 'demo-finance', roles: ['finance'], name: '平台财务' },
    { _id: 'admin-4', userKey: 'demo-operations', roles: ['operations'], name: '平台运营' },
  ];
  accounts.push(
    { _id: 'demo-admin', role: 'admin', name: '平台超级管理员', description: '可查看全部区域' },
    { _id: 'demo-region-jingan', role: 'admin', name: '静安区区域经理', description: '只能查看静安区的数据' },
    { _id: 'demo-finance', role: 'admin', name: '平台财务', description: '全部区域的经营概况、订单和退款异常，可重试或关闭退款' },
    { _id: 'demo-operations', role: 'admin', name: '平台运营', description: '全部区域的经营概况、店铺和订单，不处理退款' },
  );
  const history = buildOrderHistory(stores as never, products as never, rand);
  // Reviews of those orders; each store's rating and count become its reviews' (the draws above stay, so nothing else moves).
  reviews.push(...buildReviews(stores, history.orders));
  // Each store's menu categories (catalog's product_categories), in the order its products first name them.
  const categories = stores.flatMap((st) =>
    [...new Set(products.filter((p) => p.storeId === st._id).map((p) => String(p.categoryName)))].map((name, sort) => ({ _id: `${String(st._id)}-c${pad(sort + 1)}`, storeId: st._id, name, sort })),
  );
  return { stores, products, categories, reviews, staff, users, addresses, coupons, userCoupons, admins, accounts, history };
}

type Cloud = { url: string; envId: string };

export async function seedDemo(cloud: Cloud): Promise<{ seeded: boolean }> {
  useLocalCloudEnv(cloud);
  const app = tcb.init({ env: cloud.envId, serviceUrl: `${cloud.url}/admin`, secretId: 'local', secretKey: 'local' } as never);
  const db = app.database();
  const existing = await db.collection('dev_accounts').doc(MARKER).get();
  if (existing.data.length) return { seeded: false };
  // The pictures first: store logos and product photos are the file ids their uploads answer.
  const pictures = new Map<string, string>();
  const files = seedPictureFiles();
  for (let i = 0; i < files.length; i += 10) {
    await Promise.all(
      files.slice(i, i + 10).map(async (f) => {
        const { fileID } = await app.uploadFile({ cloudPath: f.cloudPath, fileContent: readFileSync(f.file) });
        pictures.set(f.cloudPath, fileID);
      }),
    );
  }
  const data = buildDemoData((p) => {
    const id = pictures.get(p);
    if (!id) throw new Error(`seed picture ${p} is missing: run npx tsx scripts/seed/pictures/generate.ts`);
    return id;
  });
  const plan: [string, Record<string, unknown>[]][] = [
    ['stores', data.stores],
    ['products', data.products],
    ['product_categories', data.categories],
    ['reviews', data.reviews],
    ['merchant_staff', data.staff],
    ['users', data.users],
    ['addresses', data.addresses],
    ['coupons', data.coupons],
    ['user_coupons', data.userCoupons],
    ['admins', data.admins],
    ['store_applications', DEMO_APPLICATIONS],
    ['orders', data.history.orders],
    ['order_events', data.history.events],
    ['ledger_entries', data.history.ledger],
    ['payouts', buildDemoPayouts(data.stores[0] as never, data.history.ledger)],
  ];
  // set() by id, so a seed interrupted half-way simply runs again; geo points become real Geo.Point values.
  const write = (collection: string, { _id, ...doc }: Record<string, unknown>) => {
    const loc = doc.location as { type?: string; coordinates?: [number, number] } | undefined;
    if (loc?.type === 'Point') doc.location = new db.Geo.Point(loc.coordinates![0], loc.coordinates![1]);
    return db.collection(collection).doc(String(_id)).set(doc);
  };
  for (const [collection, docs] of plan) {
    for (let i = 0; i < docs.length; i += 20) await Promise.all(docs.slice(i, i + 20).map((d) => write(collection, d)));
  }
  // The marker goes last, so an interrupted seed runs again next time.
  for (const a of data.accounts.filter((x) => x._id !== MARKER)) await write('dev_accounts', a);
  await write(
    'dev_accounts',
    data.accounts.find((x) => x._id === MARKER)!,
  );
  return { seeded: true };
}
