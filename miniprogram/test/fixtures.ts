/** Function replies (api-contract shapes) the weapp smoke test serves through a fake wx.cloud. */
const store = {
  _id: 's1',
  name: '老王牛肉面',
  category: 'catering',
  logo: '',
  rating: 4.7,
  ratingCount: 321,
  distanceM: 350,
  isOpen: true,
  address: '黄浦区南京东路1号',
  minOrderFen: 2000,
  deliveryFeeFen: 300,
  modes: ['delivery', 'pickup'],
  tags: ['老字号'],
};
const far = { ...store, _id: 's2', name: '阿芳美甲', category: 'beauty', distanceM: 2460, modes: ['booking'] };

const products = [
  { _id: 'p1', name: '红烧牛肉面', description: '招牌', image: '', priceFen: 1800, stock: 5, onShelf: true, kind: 'goods', categoryName: '面食' },
  { _id: 'p2', name: '卤蛋', description: '', image: '', priceFen: 250, stock: 50, onShelf: true, kind: 'goods', categoryName: '小吃' },
  { _id: 'p3', name: '下架菜', description: '', image: '', priceFen: 999, stock: 5, onShelf: false, kind: 'goods', categoryName: '小吃' },
  // Sold by SKU, with a spec: a picker chooses 小杯 (大杯 is sold out) and 冰量.
  {
    _id: 'p4',
    name: '酸梅汤',
    description: '',
    image: '',
    priceFen: 500,
    stock: 20,
    onShelf: true,
    kind: 'goods',
    categoryName: '饮品',
    skus: [
      { id: 's', label: '小杯', priceFen: 500, stock: 20 },
      { id: 'l', label: '大杯', priceFen: 800, stock: 0 },
    ],
    specs: [
      {
        name: '冰量',
        options: [
          { label: '正常冰', priceDeltaFen: 0 },
          { label: '少冰', priceDeltaFen: 0 },
        ],
      },
    ],
  },
];

const breakdown = {
  lines: [{ productId: 'p1', name: '红烧牛肉面', unitPriceFen: 1800, quantity: 2, subtotalFen: 3600 }],
  itemsFen: 3600,
  packagingFen: 100,
  deliveryFen: 300,
  discounts: [{ kind: 'full_reduction', label: '满30减5', amountFen: 500 }],
  totalFen: 3500,
};

const order = {
  _id: 'o1',
  _openid: 'u1',
  storeId: 's1',
  storeName: '老王牛肉面',
  mode: 'pickup',
  status: 'ready_for_pickup',
  items: breakdown.lines,
  breakdown,
  totalFen: 3500,
  pickupCode: '8321',
  remark: '',
  createdAt: '2026-11-24T16:30:00.000Z',
  paidAt: '2026-11-24T16:31:00.000Z',
  updatedAt: '2026-11-24T16:40:00.000Z',
};

export const handlers: Record<string, (data: any) => unknown> = {
  'store.nearby': () => ({ stores: [far, store] }),
  'store.detail': () => ({
    store: {
      ...store,
      hours: Array.from({ length: 7 }, () => [{ open: 0, close: 1440 }]),
      phone: '021-12345678',
      announcement: '欢迎光临',
      location: { lng: 121.47, lat: 31.23 },
      deliveryTiers: [{ upToM: 3000, feeFen: 300 }],
      maxDeliveryM: 3000,
      packagingFeeFen: 100,
      bookingSlotMin: 60,
      photos: [],
      hourExceptions: [],
      todayHours: '00:00-24:00',
      bookable: false,
    },
    products,
    categories: [...new Set(products.map((p) => p.categoryName))],
  }),
  'order.quote': () => ({ breakdown }),
  'order.list': () => ({ orders: [order] }),
  'order.detail': () => ({
    order,
    events: [
      { from: null, to: 'pending_payment', by: { role: 'consumer', id: 'u1' }, reason: '', at: '2026-11-24T16:30:00.000Z' },
      { from: 'pending_payment', to: 'paid', by: { role: 'system', id: 'wechatpay' }, reason: '', at: '2026-11-24T16:31:00.000Z' },
    ],
  }),
  'review.listForStore': () => ({
    reviews: [
      { _id: 'rv1', rating: 4, text: '牛肉很大块', photos: [], userName: '匿名用户', createdAt: '2026-11-24T12:00:00.000Z', reply: { text: '谢谢支持', repliedAt: '2026-11-24T13:00:00.000Z' } },
    ],
    total: 1,
    rating: 4.5,
    ratingCount: 2,
  }),
  'review.mine': () => ({ reviewed: [] }),
  'marketing.storeCoupons': () => ({
    coupons: [{ _id: 'cp1', title: '进店领券', amountFen: 400, thresholdFen: 3000, validFrom: '2026-11-01T00:00:00.000Z', validTo: '2026-12-31T15:59:59.000Z', left: 10, perUserLimit: 1, mine: 0 }],
  }),
  'marketing.claim': ({ couponId }) => ({
    userCoupon: {
      _id: 'uc9',
      couponId,
      _openid: 'u1',
      title: '进店领券',
      storeId: 's1',
      amountFen: 400,
      thresholdFen: 3000,
      validFrom: '2026-11-01T00:00:00.000Z',
      validTo: '2026-12-31T15:59:59.000Z',
      status: 'available',
    },
  }),
};
