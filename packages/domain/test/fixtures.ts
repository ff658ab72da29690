import type { Product, Store, UserCoupon } from '../src';

const allDay = Array.from({ length: 7 }, () => [{ open: 540, close: 1320 }]);

export function makeStore(over: Partial<Store> = {}): Store {
  return {
    _id: 's1',
    name: '老王面馆',
    category: 'catering',
    logo: '',
    address: '静安区南京西路1号',
    location: { lng: 121.45, lat: 31.23 },
    region: '静安区',
    phone: '021-00000000',
    rating: 4.6,
    ratingCount: 10,
    hours: allDay,
    modes: ['delivery', 'pickup'],
    minOrderFen: 2000,
    packagingFeeFen: 100,
    deliveryTiers: [
      { upToM: 3000, feeFen: 300 },
      { upToM: 5000, feeFen: 600 },
    ],
    maxDeliveryM: 5000,
    fullReductions: [
      { thresholdFen: 3000, reductionFen: 500 },
      { thresholdFen: 6000, reductionFen: 1200 },
    ],
    newUserDiscountFen: 300,
    status: 'open',
    tags: [],
    announcement: '',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

export function makeProduct(over: Partial<Product> = {}): Product {
  return { _id: 'p1', storeId: 's1', name: '牛肉面', description: '', image: '', priceFen: 1800, stock: 50, onShelf: true, kind: 'goods', categoryName: '面食', ...over };
}

export function makeCoupon(over: Partial<UserCoupon> = {}): UserCoupon {
  return {
    _id: 'uc1',
    couponId: 'c1',
    _openid: 'u1',
    title: '满30减8',
    amountFen: 800,
    thresholdFen: 3000,
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    status: 'available',
    ...over,
  };
}
