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
  'store.detail': () => ({ store: { ...store, hours: [], phone: '021-12345678', announcement: '欢迎光临', location: { lng: 121.47, lat: 31.23 } }, products }),
  'order.quote': () => ({ breakdown }),
  'order.list': () => ({ orders: [order] }),
  'order.detail': () => ({
    order,
    events: [
      { from: null, to: 'pending_payment', by: { role: 'consumer', id: 'u1' }, reason: '', at: '2026-11-24T16:30:00.000Z' },
      { from: 'pending_payment', to: 'paid', by: { role: 'system', id: 'wechatpay' }, reason: '', at: '2026-11-24T16:31:00.000Z' },
    ],
  }),
};
