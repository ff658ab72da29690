import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { priceOrder, type Product, type Store } from '@daojia/domain';

dayjs.extend(utc);
dayjs.extend(timezone);

type StoreDoc = Omit<Store, 'location'> & { location: { coordinates: [number, number] } };

/**
 * Two weeks of completed orders by synthetic customers, priced by the real pricing chain, so the admin overview and
 * the merchants' history are not empty on a fresh demo. Times are relative to when the demo city is first seeded.
 */
export function buildOrderHistory(stores: StoreDoc[], products: Product[], rand: () => number, now = dayjs()) {
  const goodsStores = stores.filter((s) => s.category === 'catering' || s.category === 'retail');
  const orders: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  // What each paid order brought in, as the settlement subscriber books it (finance figures read the ledger).
  const ledger: Record<string, unknown>[] = [];
  for (let d = 13; d >= 1; d--) {
    const day = now.tz('Asia/Shanghai').subtract(d, 'day').startOf('day');
    const count = 8 + Math.floor(rand() * 14);
    for (let i = 0; i < count; i++) {
      const store = goodsStores[Math.floor(rand() * goodsStores.length)];
      const menu = products.filter((p) => p.storeId === store._id);
      const picks = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => menu[Math.floor(rand() * menu.length)]))];
      // A product sold by SKU is ordered in its first SKU (no extra rand() call: the history stays as it was).
      const items = picks.map((p) => ({ productId: p._id, ...(p.skus ? { skuId: p.skus[0].id } : {}), quantity: 1 + Math.floor(rand() * 2) }));
      const mode = store.modes.includes('delivery') && rand() < 0.6 ? 'delivery' : 'pickup';
      const breakdown = priceOrder({
        store: { ...store, minOrderFen: 0, location: { lng: store.location.coordinates[0], lat: store.location.coordinates[1] } },
        products: Object.fromEntries(menu.map((p) => [p._id, { ...p, stock: 99, ...(p.skus ? { skus: p.skus.map((s) => ({ ...s, stock: 99 })) } : {}) }])),
        items,
        mode,
        distanceM: 1500,
        isNewUser: false,
        now: day.toISOString(),
      });
      const created = day.add(10 * 60 + Math.floor(rand() * 11 * 60), 'minute');
      const id = `DJH${created.format('YYYYMMDDHHmm')}${String(i).padStart(3, '0')}`;
      const customer = `seed-customer-${1 + Math.floor(rand() * 60)}`;
      const at = (m: number) => created.add(m, 'minute').toISOString();
      orders.push({
        _id: id,
        _openid: customer,
        orderNo: id,
        storeId: store._id,
        storeName: store.name,
        region: store.region,
        mode,
        status: 'completed',
        items: breakdown.lines,
        breakdown,
        totalFen: breakdown.totalFen,
        remark: '',
        idempotencyKey: `history-${id}`,
        createdAt: at(0),
        updatedAt: at(90),
        payBefore: at(15),
        paidAt: at(1),
        acceptedAt: at(3),
        completedAt: at(90),
      });
      ledger.push({
        _id: `${id}-e1:payment_in`,
        eventId: `${id}-e1`,
        orderId: id,
        storeId: store._id,
        region: store.region,
        kind: 'payment_in',
        amountFen: breakdown.totalFen,
        at: at(1),
        recordedAt: at(1),
        note: '演示历史订单',
      });
      // Already dispatched: past orders have no subscriber work left (no messages or statistics replayed; the ledger entry is above).
      events.push({
        _id: `${id}-e1`,
        orderId: id,
        _openid: customer,
        storeId: store._id,
        from: null,
        to: 'completed',
        event: 'history',
        by: { role: 'system', id: 'seed' },
        reason: '演示历史订单',
        at: at(90),
        dispatchedAt: at(90),
      });
    }
  }
  return { orders, events, ledger };
}
