/**
 * @jest-environment jsdom
 *
 * Renders the real `dist/weapp` build (built first when missing) with WeChat's template compiler through
 * miniprogram-simulate, against a fake wx.cloud that answers in the api-contract shapes.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { ORDER_STATUS_LABELS } from '@daojia/domain';
import { bootApp, byText, fakeWxCloud, openPage, settle, tap, untilText, webSdkFilesIn } from '../../miniprogram/test/lib/weapp-sim';

const APP_DIR = path.resolve(__dirname, '..');
const DIST = path.join(APP_DIR, 'dist/weapp');

const line = { productId: 'p1', name: '红烧牛肉面', skuLabel: '大份', unitPriceFen: 1800, quantity: 2, subtotalFen: 3600 };
const address = { contact: '张先生', phone: '13812345678', text: '静安区南京西路100号3楼', location: { lng: 121.45, lat: 31.23 } };
const base = {
  _openid: 'u1',
  orderNo: 'DJ202611250031001',
  region: '静安区',
  breakdown: { lines: [line], itemsFen: 3600, packagingFen: 100, deliveryFen: 300, discounts: [{ kind: 'full_reduction', label: '满30减5', amountFen: 500 }], totalFen: 3500 },
  storeId: 's1',
  storeName: '老王牛肉面',
  items: [line],
  totalFen: 3500,
  remark: '',
  createdAt: '2026-11-24T16:30:00.000Z',
  paidAt: '2026-11-24T16:31:00.000Z',
  updatedAt: '2026-11-24T16:31:00.000Z',
};
const orders = [
  { ...base, _id: 'o-new', mode: 'delivery', status: 'paid', remark: '不要香菜', address },
  { ...base, _id: 'o-cooking', mode: 'delivery', status: 'accepted' },
  { ...base, _id: 'o-on-the-way', mode: 'delivery', status: 'delivering' },
  { ...base, _id: 'o-done', mode: 'delivery', status: 'delivered', address: { ...address, phone: '13900001111' } },
  { ...base, _id: 'o-booked', mode: 'booking', status: 'confirmed', slot: { slotId: 'sl1', start: '2026-11-25T06:00:00.000Z', end: '2026-11-25T07:00:00.000Z' } },
];
const TAB_OF: Record<string, string> = { paid: 'new', accepted: 'active', delivering: 'active', confirmed: 'active', delivered: 'done' };
const figures = { revenueFen: 12800, refundFen: 1000, commissionFen: 944, netFen: 10856, orderCount: 4, refundCount: 1 };
const daySpan = { from: '2026-11-24T16:00:00.000Z', to: '2026-11-25T16:00:00.000Z', fromDate: '2026-11-25', toDate: '2026-11-25' };

const storeSettings = {
  storeId: 's1',
  name: '老王牛肉面',
  status: 'open',
  isOpenNow: true,
  allowed: ['settings', 'update', 'setOpen'],
  settings: {
    hours: Array.from({ length: 7 }, () => [
      { open: 600, close: 840 },
      { open: 990, close: 1320 },
    ]),
    hourExceptions: [{ date: '2099-02-06', ranges: [], note: '春节休息' }],
    maxDeliveryM: 4000,
    deliveryTiers: [
      { upToM: 2000, feeFen: 300 },
      { upToM: 4000, feeFen: 500 },
    ],
    minOrderFen: 2000,
    packagingFeeFen: 100,
    modes: ['delivery', 'pickup'],
    bookingSlotMin: 60,
    bookingCapacity: 2,
    announcement: '欢迎光临',
    phone: '021-55556666',
    logo: '',
    photos: [],
  },
};

/** The catalogue the 商品管理 and 编辑商品 pages show: a noodle sold by SKU (its 小份 low on stock) and an egg. */
const noodle = {
  _id: 'p-noodle',
  storeId: 's1',
  name: '番茄牛腩面',
  description: '番茄慢炖牛腩',
  image: 'cloud://env.bucket/uploads/m1/products/a.png',
  images: ['cloud://env.bucket/uploads/m1/products/a.png'],
  priceFen: 2650,
  stock: 43,
  onShelf: true,
  kind: 'goods',
  categoryName: '面食',
  skus: [
    { id: 'big', label: '大份', priceFen: 3200, stock: 40 },
    { id: 'small', label: '小份', priceFen: 2650, stock: 3 },
  ],
  specs: [
    {
      name: '辣度',
      options: [
        { label: '不辣', priceDeltaFen: 0 },
        { label: '加辣', priceDeltaFen: 100 },
      ],
    },
  ],
  lowStock: true,
};
const egg = { _id: 'p-egg', storeId: 's1', name: '荷包蛋', description: '', image: '', priceFen: 300, stock: 80, onShelf: false, kind: 'goods', categoryName: '小食', lowStock: false };
const catalogList = {
  storeId: 's1',
  categories: [
    { _id: 'c1', storeId: 's1', name: '面食', sort: 0, productCount: 1 },
    { _id: 'c2', storeId: 's1', name: '小食', sort: 1, productCount: 1 },
  ],
  products: [noodle, egg],
  lowStockCount: 1,
  allowed: ['list', 'save', 'remove', 'setShelf', 'setStock', 'bulkPrice', 'saveCategory', 'reorderCategories', 'removeCategory'],
};

const { cloud, calls } = fakeWxCloud({
  'merchantAccount.myStores': () => ({
    stores: [
      {
        storeId: 's1',
        name: '老王牛肉面',
        category: 'catering',
        region: '静安区',
        status: 'closed',
        role: 'owner',
        permissions: [
          'store.orders.serve',
          'store.refunds.decide',
          'store.finance.read',
          'store.settings.manage',
          'store.read',
          'store.stock.manage',
          'store.catalog.manage',
          'store.staff.manage',
          'store.marketing.manage',
          'store.reviews.reply',
        ],
        terms: { commissionRateBp: 800, freeUntil: '2099-03-01T04:00:00.000Z' },
      },
    ],
  }),
  'merchantStore.settings': () => storeSettings,
  'merchantStore.update': (patch) => ({ ...storeSettings, settings: { ...storeSettings.settings, ...patch } }),
  'merchantStore.setOpen': ({ open }) => ({ ...storeSettings, status: open ? 'open' : 'closed', isOpenNow: open }),
  'merchantAccount.myApplications': () => ({ applications: [] }),
  'merchantAccount.listStaff': () => ({
    staff: [
      { _id: 's1:u1', name: '王店长', role: 'owner', self: true },
      { _id: 's1:u2', name: '小周', role: 'clerk', self: false },
    ],
    invites: [],
  }),
  'merchantAccount.createInvite': () => ({ invite: { code: 'K7M2QX', storeId: 's1', role: 'clerk', expiresAt: '2026-11-28T04:00:00.000Z', createdAt: '2026-11-25T04:00:00.000Z' } }),
  'merchantAccount.removeStaff': ({ staffId }) => ({ removed: staffId }),
  'merchantOrder.list': ({ tab }) => ({
    orders: orders.filter((o) => TAB_OF[o.status] === tab),
    storeId: 's1',
    allowed: ['accept', 'reject', 'markReady', 'handOver', 'markDelivered', 'approveRefund', 'declineRefund', 'verifyCode', 'detail', 'list'],
  }),
  'merchantOrder.accept': ({ orderId }) => ({ order: { ...orders[0], _id: orderId, status: 'accepted' } }),
  'merchantOrder.markReady': ({ orderId }) => ({ order: { ...orders[1], _id: orderId, status: 'ready_for_pickup' } }),
  'merchantOrder.markDelivered': ({ orderId }) => ({ order: { ...orders[2], _id: orderId, status: 'delivered' } }),
  'merchantOrder.seenNewOrders': () => ({ seen: 1 }),
  'merchantFinance.summary': () => ({
    periods: {
      today: { ...daySpan, figures },
      week: { ...daySpan, fromDate: '2026-11-23', toDate: '2026-11-29', figures },
      month: { ...daySpan, fromDate: '2026-11-01', toDate: '2026-11-30', figures },
    },
    commission: { rateBp: 800, source: 'default' },
  }),
  'merchantFinance.orders': () => ({
    range: daySpan,
    rows: [
      {
        orderId: 'o-new',
        orderNo: 'DJ202611250031001',
        mode: 'delivery',
        status: 'paid',
        paidAt: base.paidAt,
        lastAt: base.paidAt,
        rateBp: 800,
        revenueFen: 3500,
        refundFen: 0,
        commissionFen: 280,
        netFen: 3220,
      },
    ],
    total: 1,
    totals: figures,
  }),
  'merchantFinance.payouts': () => ({
    payouts: [
      {
        _id: 'po1',
        storeId: 's1',
        region: '静安区',
        fromDate: '2026-11-17',
        toDate: '2026-11-23',
        orderCount: 30,
        revenueFen: 90000,
        refundFen: 0,
        commissionFen: 7200,
        amountFen: 82800,
        status: 'paid',
        reference: 'T1',
        paidAt: '2026-11-24T02:00:00.000Z',
        createdAt: '2026-11-24T02:00:00.000Z',
      },
    ],
    total: 1,
  }),
  'merchantFinance.export': () => ({ fileId: 'cloud://env/exports/s1/x/finance.xlsx', url: 'https://files.example/finance.xlsx', fileName: 'finance_2026-11-25_2026-11-25.xlsx', rows: 1 }),
  'merchantCatalog.list': () => catalogList,
  'merchantCatalog.setShelf': ({ productIds }) => ({ updated: productIds.length }),
  'merchantCatalog.bulkPrice': () => ({ products: catalogList.products }),
  'merchantCatalog.save': () => ({ product: catalogList.products[0] }),
  'merchantCatalog.importTemplate': () => ({ fileId: 'cloud://env/templates/t.xlsx', url: 'https://files.example/catalog-template.xlsx', fileName: '商品导入模板.xlsx', productCount: 4 }),
  'merchantCatalog.exportCatalog': () => ({ fileId: 'cloud://env/exports/s1/c.xlsx', url: 'https://files.example/catalog.xlsx', fileName: '商品目录-20261125.xlsx', productCount: 12 }),
  'merchantReview.list': ({ filter }) => ({
    reviews: [
      { _id: 'rv1', orderId: 'o-done', rating: 2, text: '送到时面已经坨了', photos: [], userName: '匿名用户', anonymous: true, createdAt: '2026-11-24T12:00:00.000Z' },
      ...(filter === 'bad'
        ? []
        : [
            {
              _id: 'rv2',
              orderId: 'o-old',
              rating: 5,
              text: '汤很浓',
              photos: [],
              userName: '张**',
              anonymous: false,
              createdAt: '2026-11-23T12:00:00.000Z',
              reply: { text: '谢谢支持', repliedAt: '2026-11-23T13:00:00.000Z' },
            },
          ]),
    ],
    total: filter === 'bad' ? 1 : 2,
    counts: { all: 2, bad: 1, unreplied: 1, photos: 0 },
    rating: 3.5,
    ratingCount: 2,
  }),
  'merchantReview.reply': ({ reviewId, text }) => ({
    review: {
      _id: reviewId,
      orderId: 'o-done',
      rating: 2,
      text: '送到时面已经坨了',
      photos: [],
      userName: '匿名用户',
      anonymous: true,
      createdAt: '2026-11-24T12:00:00.000Z',
      reply: { text, repliedAt: '2026-11-25T01:00:00.000Z' },
    },
  }),
  'merchantMarketing.overview': () => ({
    fullReductions: [{ thresholdFen: 3000, reductionFen: 300 }],
    coupons: [
      {
        _id: 'cp1',
        title: '进店领券 满30减4',
        amountFen: 400,
        thresholdFen: 3000,
        validFrom: '2026-11-01T00:00:00.000Z',
        validTo: '2026-12-31T15:59:59.000Z',
        totalQuantity: 200,
        perUserLimit: 1,
        state: 'active',
        claimed: 12,
        used: 3,
        gmvFen: 15600,
        discountFen: 1200,
      },
    ],
  }),
  'merchantMarketing.setFullReductions': ({ tiers }) => ({ fullReductions: tiers }),
  'merchantMarketing.setCouponPaused': ({ couponId, paused }) => ({
    coupon: {
      _id: couponId,
      title: '进店领券 满30减4',
      amountFen: 400,
      thresholdFen: 3000,
      validFrom: '2026-11-01T00:00:00.000Z',
      validTo: '2026-12-31T15:59:59.000Z',
      totalQuantity: 200,
      perUserLimit: 1,
      state: paused ? 'paused' : 'active',
      claimed: 12,
      used: 3,
      gmvFen: 15600,
      discountFen: 1200,
    },
  }),
  'merchantOrder.detail': ({ orderId }) => ({
    order: orders.find((o) => o._id === orderId),
    events: [
      { _id: 'e1', orderId, _openid: 'u1', storeId: 's1', from: null, to: 'pending_payment', event: 'create', by: { role: 'consumer', id: 'u1' }, reason: '下单', at: '2026-11-24T16:30:00.000Z' },
      { _id: 'e2', orderId, _openid: 'u1', storeId: 's1', from: 'pending_payment', to: 'paid', event: 'pay', by: { role: 'system', id: 'wechatpay' }, reason: '', at: '2026-11-24T16:31:00.000Z' },
    ],
  }),
});

/** Realtime watches the pages open, with the callbacks a test fires as WeChat would (a snapshot's `docs`). */
const watches: { collection: string; where: unknown; onChange: (s: { docs: unknown[] }) => void }[] = [];
const database = cloud.database;
// The simulator's query type is loose; this one takes the collection name to record what each watch is on.
cloud.database = ((): ReturnType<typeof database> => {
  const db = database();
  return {
    ...db,
    collection: (collection: string) => {
      let where: unknown;
      const q: Record<string, unknown> = {
        where: (w: unknown) => ((where = w), q),
        doc: () => q,
        orderBy: () => q,
        limit: () => q,
        skip: () => q,
        get: async () => ({ data: [] }),
        watch: (o: { onChange: (s: { docs: unknown[] }) => void }) => {
          watches.push({ collection, where, onChange: o.onChange });
          return { close: async () => {} };
        },
      };
      return q;
    },
  } as unknown as ReturnType<typeof database>;
}) as typeof cloud.database;
/** What the pages asked of the phone: sounds played, vibrations, calls, titles, files downloaded and opened. */
const device = { played: [] as string[], vibrated: 0, called: [] as string[], titles: [] as string[], downloaded: [] as string[], opened: [] as string[] };
const ok = (o?: { success?: (r: unknown) => void; complete?: () => void } & Record<string, any>, r: Record<string, unknown> = {}) => {
  o?.success?.({ errMsg: 'ok', ...r });
  o?.complete?.();
};
const wxDevice = {
  createInnerAudioContext: () => {
    const ctx = {
      src: '',
      play: () => device.played.push(ctx.src),
      stop: () => {},
      destroy: () => {},
      onError: () => {},
      offError: () => {},
    };
    return ctx;
  },
  vibrateLong: (o?: Record<string, any>) => {
    device.vibrated += 1;
    ok(o);
  },
  makePhoneCall: (o: { phoneNumber: string } & Record<string, any>) => {
    device.called.push(o.phoneNumber);
    ok(o);
  },
  setNavigationBarTitle: (o: { title: string } & Record<string, any>) => {
    device.titles.push(o.title);
    ok(o);
  },
  downloadFile: (o: { url: string } & Record<string, any>) => {
    device.downloaded.push(o.url);
    ok(o, { tempFilePath: 'wxfile://tmp/finance.xlsx', statusCode: 200 });
  },
  openDocument: (o: { filePath: string } & Record<string, any>) => {
    device.opened.push(o.filePath);
    ok(o);
  },
};

beforeAll(() => {
  if (!existsSync(path.join(DIST, 'app.js'))) execSync('npm run build:weapp', { cwd: APP_DIR, stdio: 'ignore' });
  bootApp(DIST, { cloud, ...wxDevice });
}, 120_000);

const label = (status: string) => (ORDER_STATUS_LABELS as Record<string, string>)[status];

let page: ReturnType<typeof openPage>;

test('订单: tabs, the new order with its remark and 接单/拒单, accept calls the function', async () => {
  page = openPage(DIST, 'pages/orders/index');
  await untilText(page.dom, '备注：不要香菜');
  for (const t of ['新订单', '进行中', '已完成', '备注：不要香菜', '¥35.00', '2026-11-25 00:31', label('paid'), '红烧牛肉面（大份） × 2', '静安区南京西路100号3楼', '张先生', '#DJ202611250031001'])
    byText(page.dom, t);
  expect(page.dom.textContent).not.toContain(label('accepted'));

  tap(byText(page.dom, '接单'));
  await settle(100);
  expect(calls.find((c) => c.action === 'accept')?.data).toEqual({ orderId: 'o-new' });

  tap(byText(page.dom, '拒单'));
  await settle(50);
  byText(page.dom, '确认拒单');
});

test('订单: the delivery card calls the customer by tapping the phone', async () => {
  tap(byText(page.dom, '13812345678（拨打）'));
  await settle(50);
  expect(device.called).toEqual(['13812345678']);
});

test('订单: a paid order arriving on the realtime watch rings, vibrates, badges the tab and the title; tapping the badge marks it seen', async () => {
  const watch = watches.find((w) => w.collection === 'notifications')!;
  expect(watch.where).toEqual({ _openid: '{openid}', audience: 'staff', event: 'pay', storeId: 's1', read: false });
  watch.onChange({ docs: [] });
  await settle(50);
  expect(device.played).toEqual([]);
  const lists = calls.filter((c) => c.action === 'list').length;
  watch.onChange({ docs: [{ _id: 'n1', orderId: 'o-new', body: '订单 DJ202611250031001，请及时接单' }] });
  await untilText(page.dom, '新订单 1');
  expect(device.played).toHaveLength(1);
  expect(device.played[0]).toMatch(/new-order.*\.wav$/);
  expect(device.vibrated).toBe(1);
  expect(device.titles.at(-1)).toBe('(1) 订单');
  byText(page.dom, '新订单(1)');
  // The new order is fetched at once, not at the next refresh.
  expect(calls.filter((c) => c.action === 'list').length).toBeGreaterThan(lists);
  tap(byText(page.dom, '新订单 1'));
  await settle(50);
  expect(calls.some((c) => c.action === 'seenNewOrders')).toBe(true);
  // The watch then no longer holds it: the badge and the count go.
  watch.onChange({ docs: [] });
  await settle(50);
  expect(page.dom.textContent).not.toContain('新订单 1');
  expect(device.titles.at(-1)).toBe('订单');
});

test('订单: 进度 opens the order timeline from merchantOrder.detail (who, when, from, why)', async () => {
  tap(byText(page.dom, '进度'));
  await untilText(page.dom, '11-25 00:31 · 系统 · 由「待支付」');
  expect(calls.find((c) => c.action === 'detail')?.data).toEqual({ orderId: 'o-new' });
  byText(page.dom, '11-25 00:30 · 顾客 · 下单');
  tap(byText(page.dom, '收起'));
  await settle(50);
  expect(page.dom.textContent).not.toContain('由「待支付」');
});

test('订单: 进行中 asks the server for that tab; 出餐完成 and 已送达 call their functions', async () => {
  tap(byText(page.dom, '进行中'));
  await settle(100);
  byText(page.dom, label('accepted'));
  tap(byText(page.dom, '出餐完成'));
  await settle(100);
  expect(calls.find((c) => c.action === 'markReady')?.data).toEqual({ orderId: 'o-cooking' });
  tap(byText(page.dom, '已送达'));
  await settle(100);
  expect(calls.find((c) => c.action === 'markDelivered')?.data).toEqual({ orderId: 'o-on-the-way' });
  expect(calls.filter((c) => c.action === 'list').at(-1)?.data).toEqual({ tab: 'active' });
  byText(page.dom, '预约时段：11-25 14:00–15:00');
});

test('订单: 已送达 toasts once (not 已已送达); a finished order shows the phone masked, with no call', async () => {
  expect(page.dom.textContent).not.toContain('已已');
  tap(byText(page.dom, '已完成'));
  await untilText(page.dom, '139****1111');
  expect(page.dom.textContent).not.toContain('13900001111');
});

test('小票: the ticket shows store, number, lines, fees, discounts, total, remark and address; no print button in WeChat', async () => {
  const ticket = openPage(DIST, 'pages/ticket/index', { orderId: 'o-new' });
  await untilText(ticket.dom, '老王牛肉面');
  for (const t of ['DJ202611250031001', '红烧牛肉面（大份） × 2', '¥36.00', '包装费', '¥1.00', '配送费', '¥3.00', '满30减5', '-¥5.00', '实付', '¥35.00', '备注：不要香菜', '静安区南京西路100号3楼'])
    byText(ticket.dom, t);
  expect(ticket.dom.textContent).toContain('13812345678');
  expect(ticket.dom.textContent).not.toContain('打印');
});

test('财务: figures of the period, the order rows and payouts; 导出 Excel downloads the file and opens it', async () => {
  const finance = openPage(DIST, 'pages/finance/index');
  await untilText(finance.dom, '应结金额');
  for (const t of ['今日', '本周', '本月', '¥128.00', '¥10.00', '¥9.44', '¥108.56', '4 单', '应结 ¥32.20', '2026-11-17 至 2026-11-23', '¥828.00', '已打款 11-24']) byText(finance.dom, t);
  expect(finance.dom.textContent).toContain('佣金按 8% 计算（类目默认费率）');
  tap(byText(finance.dom, '导出 Excel'));
  await settle(100);
  expect(calls.find((c) => c.action === 'export')?.data).toEqual({ fromDate: '2026-11-25', toDate: '2026-11-25', format: 'xlsx' });
  expect(device.downloaded).toEqual(['https://files.example/finance.xlsx']);
  expect(device.opened).toEqual(['wxfile://tmp/finance.xlsx']);
});

test('评价: rating, tabs with counts, an anonymous 差评 and the store’s reply; 回复 opens the reply box', async () => {
  const reviews = openPage(DIST, 'pages/reviews/index');
  await untilText(reviews.dom, '送到时面已经坨了');
  for (const t of ['3.5', '2 条评价', '全部(2)', '差评(1)', '未回复(1)', '有图(0)', '匿名用户', '★★☆☆☆', '订单 o-done', '编辑回复']) byText(reviews.dom, t);
  expect(reviews.dom.textContent).toContain('商家回复：谢谢支持');
  tap(byText(reviews.dom, '回复'));
  await settle(50);
  byText(reviews.dom, '保存回复');
});

test('营销: 满减 tiers in yuan, a store coupon with its figures; 暂停发放 calls setCouponPaused', async () => {
  const marketing = openPage(DIST, 'pages/marketing/index');
  await untilText(marketing.dom, '进店领券 满30减4');
  for (const t of ['满减', '添加一档', '保存满减', '发放中', '已领 12/200', '已用 3', '带来订单额 ¥156.00', '共优惠 ¥12.00']) byText(marketing.dom, t);
  tap(byText(marketing.dom, '暂停发放'));
  await untilText(marketing.dom, '已暂停');
  expect(calls.find((c) => c.action === 'setCouponPaused')?.data).toEqual({ couponId: 'cp1', paused: true });
});

test('店铺设置: switch state, hours per weekday, holidays, delivery, slot lengths; a mistake is named by the save button; saving sends only what changed', async () => {
  const settings = openPage(DIST, 'pages/settings/index');
  await untilText(settings.dom, '营业时间');
  for (const t of ['老王牛肉面', '营业中', '周一', '周日', '特殊日期（节假日）', '下单方式', '外卖配送', '≤', '预约', '90 分钟', '店铺公告', '店铺照片（最多 9 张）', '保存设置'])
    byText(settings.dom, t);
  expect(byText(settings.dom, '60 分钟').getAttribute('class')).toContain('chip--on');
  // A holiday row left without its date: the save is refused beside the button, nothing is sent.
  tap(byText(settings.dom, '添加特殊日期'));
  await settle();
  tap(byText(settings.dom, '保存设置'));
  await untilText(settings.dom, '日期格式应为 YYYY-MM-DD');
  // The new holiday row's 删除: the second on the page (the first is the 春节 row's).
  tap([...settings.dom.querySelectorAll('*')].filter((el) => el.textContent?.trim() === '删除' && !el.children.length)[1]);
  tap(byText(settings.dom, '120 分钟'));
  await settle();
  expect(byText(settings.dom, '120 分钟').getAttribute('class')).toContain('chip--on');
  tap(byText(settings.dom, '保存设置'));
  for (let i = 0; i < 40 && !calls.some((c) => c.name === 'merchantStore' && c.action === 'update'); i++) await settle();
  expect(calls.filter((c) => c.name === 'merchantStore' && c.action === 'update').map((c) => c.data)).toEqual([{ bookingSlotMin: 120 }]);
});

test('工作台: the store, my role, its status and terms, and a tile per permission I hold there', async () => {
  const workbench = openPage(DIST, 'pages/workbench/index');
  await untilText(workbench.dom, '老王牛肉面');
  for (const t of ['我的角色：店长', '休息中', '佣金 8%，2099-03-01 前免佣', '切换门店', '订单', '核销', '店铺设置', '商品管理', '批量导入', '财务', '评价', '营销', '员工']) byText(workbench.dom, t);
});

test('员工: the team with the owner first; 邀请店员 shows the code with its expiry; 移除 asks to confirm, then calls removeStaff', async () => {
  const staff = openPage(DIST, 'pages/staff/index');
  await untilText(staff.dom, '小周');
  byText(staff.dom, '王店长（我）');
  tap(byText(staff.dom, '邀请店员'));
  await untilText(staff.dom, 'K7M2QX');
  byText(staff.dom, '2026-11-28 12:00 前有效');
  tap(byText(staff.dom, '移除'));
  await settle(50);
  tap(byText(staff.dom, '确认移除'));
  await settle(100);
  expect(calls.find((c) => c.action === 'removeStaff')?.data).toEqual({ staffId: 's1:u2' });
});

test('申请开店 and 加入门店 render: in WeChat the point is picked on the map', async () => {
  const apply = openPage(DIST, 'pages/apply/index');
  await untilText(apply.dom, '门店信息');
  for (const t of ['餐饮', '丽人', '在地图上选择位置', '所属区域：黄浦区', '上传照片', '提交申请']) byText(apply.dom, t);
  const join = openPage(DIST, 'pages/join/index');
  await settle(50);
  byText(join.dom, '加入门店');
});

test('核销 and 登录 render', async () => {
  const verify = openPage(DIST, 'pages/verify/index');
  await settle(50);
  byText(verify.dom, '输入取件码 / 预约码');
  const login = openPage(DIST, 'pages/login/index');
  await settle(50);
  byText(login.dom, '选择演示商家账号登录');
});

test('the weapp bundle talks to wx.cloud only: @cloudbase/js-sdk (the web client) is not in it', () => {
  expect(webSdkFilesIn(DIST)).toEqual([]);
});

test('商品管理: category tabs, rows with price 起, SKU stock and the low-stock badge; select mode puts the chosen products on the shelf in one call', async () => {
  const list = openPage(DIST, 'pages/catalog/index');
  await untilText(list.dom, '番茄牛腩面');
  for (const t of ['全部 2', '面食 1', '小食 1', '¥26.50 起', '库存紧张', '已下架', '大份', '库存 3', '库存 80', '新建商品', '批量导入']) byText(list.dom, t);
  expect(list.dom.textContent).toContain('1 个商品库存紧张');
  tap(byText(list.dom, '小食 1'));
  await settle(50);
  expect(list.dom.textContent).not.toContain('番茄牛腩面');
  tap(byText(list.dom, '批量操作'));
  await settle(50);
  tap(byText(list.dom, '全选'));
  await settle(50);
  tap(byText(list.dom, '上架'));
  await settle(100);
  expect(calls.find((c) => c.action === 'setShelf')?.data).toEqual({ productIds: ['p-egg'], onShelf: true });
});

test('编辑商品: photos, name, category, SKU rows with yuan prices and stock, specs; saving sends prices in fen and leaves untouched stock out', async () => {
  const form = openPage(DIST, 'pages/product/index', { id: 'p-noodle' });
  await untilText(form.dom, '编辑商品');
  for (const t of ['+ 添加规格', '+ 添加图片', '面食', '小食', '删除商品', '保存']) byText(form.dom, t);
  // Two SKU rows and one spec row, each with its 删除.
  expect([...form.dom.querySelectorAll('*')].filter((el) => el.textContent?.trim() === '删除' && !el.children.length)).toHaveLength(3);
  tap(byText(form.dom, '保存'));
  await settle(150);
  expect(calls.find((c) => c.action === 'save')?.data).toMatchObject({
    productId: 'p-noodle',
    name: '番茄牛腩面',
    categoryName: '面食',
    images: noodle.images,
    skus: [
      { id: 'big', label: '大份', priceFen: 3200 },
      { id: 'small', label: '小份', priceFen: 2650 },
    ],
    specs: [
      {
        name: '辣度',
        options: [
          { label: '不辣', priceDeltaFen: 0 },
          { label: '加辣', priceDeltaFen: 100 },
        ],
      },
    ],
  });
  expect((calls.find((c) => c.action === 'save')?.data as { skus: object[] }).skus.every((s) => !('stock' in s))).toBe(true);
});

test('批量导入导出: template, import from a chat, export; Excel only in WeChat, downloaded and opened', async () => {
  const imports = openPage(DIST, 'pages/catalog-import/index');
  await untilText(imports.dom, '从微信聊天选择文件');
  for (const t of ['1. 下载模板', '2. 上传表格导入', '3. 导出商品', 'Excel 模板', '导出 Excel']) byText(imports.dom, t);
  expect(imports.dom.textContent).not.toContain('CSV');
  tap(byText(imports.dom, 'Excel 模板'));
  await settle(100);
  expect(calls.find((c) => c.action === 'importTemplate')?.data).toEqual({ format: 'xlsx' });
  tap(byText(imports.dom, '导出 Excel'));
  await settle(100);
  expect(calls.find((c) => c.action === 'exportCatalog')?.data).toEqual({ format: 'xlsx' });
  expect(device.downloaded.slice(-2)).toEqual(['https://files.example/catalog-template.xlsx', 'https://files.example/catalog.xlsx']);
  expect(device.opened.length).toBeGreaterThanOrEqual(2);
});
