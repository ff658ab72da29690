import { DomainError, distanceM, priceOrder, type Address, type Breakdown, type OrderMode, type Product, type Store, type UserCoupon } from '@daojia/domain';
import { db, _ } from '@daojia/function-kit';

/** Stored as a geo point; the SDK hands it back as db.Geo.Point (longitude/latitude), aggregation as GeoJSON. */
export type StoreDoc = Omit<Store, 'location'> & { location: { longitude: number; latitude: number } | { coordinates: [number, number] } };

export const storeLngLat = (loc: StoreDoc['location']) => ('coordinates' in loc ? { lng: loc.coordinates[0], lat: loc.coordinates[1] } : { lng: loc.longitude, lat: loc.latitude });

export interface QuoteRequest { storeId: string; mode: OrderMode; items: { productId: string; quantity: number; specs?: Record<string, string> }[]; couponId?: string; addressId?: string }

export interface Quote { store: StoreDoc; products: Record<string, Product>; breakdown: Breakdown; address?: Address; coupon?: UserCoupon }

/** Prices a cart from the database's copy of everything: store rules, products, the user's coupon and address. */
export async function quote(req: QuoteRequest, userKey: string): Promise<Quote> {
  const storeRes = await db.collection('stores').doc(req.storeId).get();
  const store = storeRes.data[0] as StoreDoc | undefined;
  if (!store) throw new DomainError('STORE_NOT_FOUND', '店铺不存在或已下线');
  if (store.status !== 'open') throw new DomainError('STORE_CLOSED', '店铺暂停营业，请稍后再来');
  if (!store.modes.includes(req.mode)) throw new DomainError('MODE_NOT_SUPPORTED', '该店铺不支持这种下单方式');
  const ids = [...new Set(req.items.map((i) => i.productId))];
  const found = (await db.collection('products').where({ _id: _.in(ids) }).limit(100).get()).data as Product[];
  const products = Object.fromEntries(found.map((p) => [p._id, p]));

  let coupon: UserCoupon | undefined;
  if (req.couponId) {
    const { data } = await db.collection('user_coupons').where({ _id: req.couponId, _openid: userKey }).limit(1).get();
    if (!data.length) throw new DomainError('COUPON_NOT_FOUND', '优惠券不存在');
    coupon = data[0] as UserCoupon;
  }
  let address: Address | undefined;
  if (req.mode === 'delivery') {
    const where = req.addressId ? { _id: req.addressId, _openid: userKey } : { _openid: userKey };
    const { data } = await db.collection('addresses').where(where).limit(1).get();
    address = data[0] as Address | undefined;
    if (!address && req.addressId) throw new DomainError('ADDRESS_NOT_FOUND', '收货地址不存在');
  }
  const everPaid = (await db.collection('orders').where({ _openid: userKey, paidAt: _.exists(true) }).count()).total;
  const location = storeLngLat(store.location);
  const breakdown = priceOrder({
    store: { ...store, location }, products, items: req.items, mode: req.mode,
    distanceM: address ? distanceM(address.location, location) : undefined,
    coupon, isNewUser: everPaid === 0, now: new Date().toISOString(),
  });
  return { store, products, breakdown, address, coupon };
}
