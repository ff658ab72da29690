/**
 * Each repository parses what it reads with the domain's schema: a malformed stored document is refused with an
 * error naming the collection, the document and the field, before any service works on it. The database here is a
 * stand-in that answers every read with the given documents (the real local cloud runs in cloudfunctions/test).
 */
const stored: Record<string, unknown[]> = {};
const added: { collection: string; doc: unknown }[] = [];

jest.mock('../src/runtime', () => {
  const query = (collection: string): any =>
    new Proxy(
      {},
      {
        get: (_t, method: string) => {
          if (method === 'get' || method === 'end') return async () => ({ data: stored[collection] ?? [] });
          if (method === 'count') return async () => ({ total: (stored[collection] ?? []).length });
          if (method === 'update' || method === 'remove') return async () => ({ updated: 1, deleted: 1 });
          if (method === 'add')
            return async (doc: unknown) => {
              added.push({ collection, doc });
              return { id: 'new' };
            };
          if (method === 'then') return undefined;
          return () => query(collection);
        },
      },
    );
  const command: any = new Proxy({}, { get: () => () => ({}) });
  return {
    db: {
      collection: (name: string) => query(name),
      command,
      RegExp: () => ({}),
      Geo: {
        Point: class {
          constructor(
            public longitude: number,
            public latitude: number,
          ) {}
        },
      },
    },
    _: command,
    $: command,
    nowIso: () => new Date().toISOString(),
    readAll: async (q: { get(): Promise<{ data: unknown[] }> }) => (await q.get()).data,
    requestContext: () => undefined,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  };
});

import { MalformedDocument } from '../src/repository-kit';
import { productsByIds } from '../src/catalog';
import { getStore } from '../src/stores';
import { couponForCart } from '../src/marketing';
import { deliveryAddress } from '../src/accounts';
import { getOrder, orderEvents } from '../src/orders';
import { findRefund, listRefundIssues } from '../src/payments';
import { audit } from '../src/audit';

const store = {
  _id: 'store-001',
  name: '老弄堂牛肉面',
  category: 'catering',
  logo: '/l.png',
  address: '黄浦区',
  location: { longitude: 121.47, latitude: 31.23 },
  region: '黄浦区',
  phone: '021-1',
  rating: 4.5,
  ratingCount: 10,
  hours: Array.from({ length: 7 }, () => [{ open: 480, close: 1380 }]),
  modes: ['delivery'],
  minOrderFen: 2000,
  packagingFeeFen: 100,
  deliveryTiers: [{ upToM: 2000, feeFen: 300 }],
  maxDeliveryM: 6000,
  fullReductions: [],
  newUserDiscountFen: 0,
  status: 'open',
  tags: [],
  announcement: '',
  createdAt: '2026-01-05T02:00:00.000Z',
};
const product = { _id: 'store-001-p001', storeId: 'store-001', name: '牛肉面', description: '', image: '', priceFen: 1800, stock: 5, onShelf: true, kind: 'goods', categoryName: '面', holds: ['h1'] };
const order = {
  _id: 'DJ1',
  _openid: 'u1',
  orderNo: 'DJ1',
  storeId: 'store-001',
  storeName: '老弄堂牛肉面',
  region: '黄浦区',
  mode: 'pickup',
  status: 'pending_payment',
  items: [],
  breakdown: { lines: [], itemsFen: 0, packagingFen: 0, deliveryFen: 0, discounts: [], totalFen: 0 },
  totalFen: 0,
  remark: '',
  idempotencyKey: 'k',
  createdAt: 'x',
  updatedAt: 'x',
  payBefore: 'x',
};

beforeEach(() => {
  for (const k of Object.keys(stored)) delete stored[k];
  added.length = 0;
});

/** The read fails with a MalformedDocument naming the collection, the document id and the offending field. */
async function refused(read: () => Promise<unknown>, collection: string, docId: string, field: string) {
  const e = await read().then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MalformedDocument);
  expect((e as Error).message).toContain(`${collection} document ${docId} does not match its schema`);
  expect((e as Error).message).toContain(field);
}

test('catalog: a product with negative stock is refused; a good one loses its hold bookkeeping', async () => {
  stored.products = [product];
  expect(await productsByIds(['store-001-p001'])).toEqual([expect.not.objectContaining({ holds: expect.anything() })]);
  stored.products = [{ ...product, stock: -3 }];
  await refused(() => productsByIds(['store-001-p001']), 'products', 'store-001-p001', 'stock');
});

test('catalog: a product category without its sort position is refused', async () => {
  const { menuOf } = await import('../src/catalog');
  stored.products = [product];
  stored.product_categories = [{ _id: 'store-001-c001', storeId: 'store-001', name: '面' }];
  await refused(() => menuOf('store-001'), 'product_categories', 'store-001-c001', 'sort');
});

test('stores: a store without opening hours is refused; its geo point reads as { lng, lat }', async () => {
  stored.stores = [store];
  expect((await getStore('store-001'))!.location).toEqual({ lng: 121.47, lat: 31.23 });
  stored.stores = [{ ...store, location: { type: 'Point', coordinates: [121.5, 31.2] } }];
  expect((await getStore('store-001'))!.location).toEqual({ lng: 121.5, lat: 31.2 });
  const { hours: _h, ...noHours } = store;
  stored.stores = [noHours];
  await refused(() => getStore('store-001'), 'stores', 'store-001', 'hours');
});

test('marketing: a user coupon in a status the domain does not know is refused', async () => {
  stored.user_coupons = [{ _id: 'uc-1', couponId: 'c', _openid: 'u1', title: '满30减8', amountFen: 800, thresholdFen: 3000, validFrom: 'a', validTo: 'b', status: 'gifted' }];
  await refused(() => couponForCart('uc-1', 'u1'), 'user_coupons', 'uc-1', 'status');
});

test('accounts: an address with a malformed phone number is refused', async () => {
  stored.addresses = [{ _id: 'addr-1', _openid: 'u1', contact: '张小明', phone: '12345', text: '人民大道', location: { lng: 121, lat: 31 } }];
  await refused(() => deliveryAddress('u1', 'addr-1'), 'addresses', 'addr-1', 'phone');
});

test('orders: an order with a fractional total, and an event without its status, are refused', async () => {
  stored.orders = [order];
  expect((await getOrder('DJ1'))._id).toBe('DJ1');
  stored.orders = [{ ...order, totalFen: 12.5 }];
  await refused(() => getOrder('DJ1'), 'orders', 'DJ1', 'totalFen');
  stored.order_events = [{ _id: 'e1', orderId: 'DJ1', _openid: 'u1', storeId: 'store-001', from: null, event: 'create', by: { role: 'consumer', id: 'u1' }, reason: '', at: 'x' }];
  await refused(() => orderEvents('DJ1'), 'order_events', 'e1', 'to');
});

test('payments: a refund without an amount, and a payment alert of an unknown kind, are refused', async () => {
  stored.refunds = [{ _id: 'RFDJ1', orderId: 'DJ1', reason: '', status: 'processing', createdAt: 'x' }];
  await refused(() => findRefund('RFDJ1'), 'refunds', 'RFDJ1', 'amountFen');
  stored.refunds = [];
  stored.payment_alerts = [{ _id: 'payer-1', kind: 'chargeback', orderId: 'DJ1', storeId: 'store-001', region: '黄浦区', transactionId: 't', amountFen: 1, expectedPayer: 'a', payer: 'b', at: 'x' }];
  await refused(() => listRefundIssues({}, 10), 'payment_alerts', 'payer-1', 'kind');
});

test('audit: an entry is written as parsed, and one the schema refuses is never written', async () => {
  const admin = { _id: 'admin-1', userKey: 'demo-admin', role: 'super_admin', name: '平台超级管理员' };
  await audit(admin, 'closeRefund', { refundId: 'RFDJ1', orderId: 'DJ1', reason: '线下已退', before: { refund: 'abnormal' }, after: { refund: 'closed' } });
  expect(added).toEqual([
    { collection: 'audit_logs', doc: expect.objectContaining({ action: 'closeRefund', by: { adminId: 'admin-1', userKey: 'demo-admin', role: 'super_admin', region: '', name: '平台超级管理员' } }) },
  ]);
  await expect(audit(admin, 'closeRefund', { refundId: 'RFDJ1', orderId: 'DJ1', reason: '线下已退', before: { refund: 7 as never }, after: {} })).rejects.toThrow();
  expect(added).toHaveLength(1);
});

test('settlement: a ledger entry with a fractional amount, and a payout in a status the domain does not know, are refused', async () => {
  const { storeLedger, storePayouts } = await import('../src/settlement');
  stored.ledger_entries = [{ _id: 'e1:payment_in', eventId: 'e1', orderId: 'DJ1', storeId: 'store-001', region: '黄浦区', kind: 'payment_in', amountFen: 12.5, at: 'x', recordedAt: 'x', note: '' }];
  await refused(() => storeLedger('store-001', 'a', 'z'), 'ledger_entries', 'e1:payment_in', 'amountFen');
  stored.payouts = [
    {
      _id: 'po1',
      storeId: 'store-001',
      region: '黄浦区',
      fromDate: '2026-11-17',
      toDate: '2026-11-23',
      orderCount: 1,
      revenueFen: 100,
      refundFen: 0,
      commissionFen: 8,
      amountFen: 92,
      status: 'sent',
      createdAt: 'x',
    },
  ];
  await refused(() => storePayouts('store-001', 0, 10), 'payouts', 'po1', 'status');
});
