import { useEffect, useReducer, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import { MODE_SHORT_LABELS, formatFen, shanghaiDate, lineTitle, type Product, type StoreDetail } from '@daojia/domain';
import { CloudImage, PageError, PageToast, isWeapp, showInfo } from '@daojia/app-kit';
import { api } from '../../services/cloud';
import { availability, cartCount, cartReducer, cartTotalFen, leftOf, maxQuantity, quantityOf, unavailableLines } from '../../lib/cart';
import { SkuPicker } from '../../components/sku-picker';
import { CartSheet } from '../../components/cart-sheet';
import { StoreCoupons } from '../../components/store-coupons';
import { StoreReviews } from '../../components/store-reviews';
import { loadCart, saveCart } from '../../lib/cart-storage';
import { feesText, holidayNotices, orderBlock } from '../../lib/store-hours';

/** A product chosen in a picker first: it has SKUs (大份 / 小份) or specs (加辣). */
const hasOptions = (p: Product) => !!(p.skus?.length || p.specs?.length);

function groupByCategory(products: Product[]): [string, Product[]][] {
  const groups = new Map<string, Product[]>();
  for (const p of products) groups.set(p.categoryName, [...(groups.get(p.categoryName) ?? []), p]);
  return [...groups];
}

export default function Store() {
  const storeId = useRouter().params.id ?? '';
  const [detail, setDetail] = useState<StoreDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cart, dispatch] = useReducer(cartReducer, storeId, loadCart);
  const [picking, setPicking] = useState<Product | null>(null);
  const [cartOpen, setCartOpen] = useState(false);
  const loads = useRef(0);

  // On every show, not just the first: back from checkout the saved cart may have changed (an item removed there,
  // or the order placed) and the menu may have, too.
  function load() {
    const mine = ++loads.current;
    const saved = loadCart(storeId);
    dispatch({ type: 'replace', cart: saved });
    setError(null);
    api.store.detail({ storeId }).then(
      (d) => {
        if (mine !== loads.current) return;
        setDetail(d);
        const available = availability(d.products);
        const gone = unavailableLines(saved, available);
        if (gone.length) showInfo(`${gone.map((l) => `「${lineTitle(l)}」`).join('')}已下架或库存不足，购物车已更新`);
        dispatch({ type: 'prune', available });
      },
      (err: unknown) => {
        if (mine === loads.current) setError(errorMessage(err));
      },
    );
  }
  useDidShow(load);
  useEffect(() => saveCart(cart), [cart]);

  if (error) {
    return (
      <View className="page" id="page-store">
        <PageError id="store-error" message={error}>
          <Button id="store-error-retry" onClick={load}>
            重试
          </Button>
          <Button type="primary" id="store-error-home" onClick={() => Taro.reLaunch({ url: '/pages/index/index' })}>
            返回首页
          </Button>
        </PageError>
        <PageToast />
      </View>
    );
  }
  if (!detail)
    return (
      <View className="page" id="page-store">
        <View className="section muted">加载中…</View>
        <PageToast />
      </View>
    );
  const { store, products } = detail;
  const count = cartCount(cart);
  // Closed (switched off, outside the hours, a holiday): nothing can be put in the cart; the reason says when it opens.
  const blocked = orderBlock(store);
  const fees = feesText(store);
  const holidays = holidayNotices(store, shanghaiDate());

  return (
    <View className="page" id="page-store">
      <View className="section">
        <View className="store-header">
          <CloudImage src={store.logo} className="store-logo" placeholder={<Text className="store-logo-text">{store.name.slice(0, 1)}</Text>} />
          <Text className="title" id="store-name">
            {store.name}
          </Text>
        </View>
        <View className="muted">
          {store.rating.toFixed(1)}分 · <Text id="store-open-state">{store.isOpen ? '营业中' : '休息中'}</Text> · {store.address}
        </View>
        <View className="muted" id="store-today-hours">
          今日营业时间 {store.todayHours}
          {store.todayNote ? `（${store.todayNote}）` : ''}
        </View>
        {blocked && (
          <View className="closed-banner" id="store-closed" style={{ background: '#fff7e6', color: '#d46b08', padding: '8px 12px', borderRadius: '8px', margin: '8px 0' }}>
            {blocked}
          </View>
        )}
        {!store.isOpen && !blocked && store.closedText && (
          <View className="muted" id="store-closed-booking">
            {store.closedText}，可预约之后的时段
          </View>
        )}
        {fees && (
          <View className="muted" id="store-fees">
            {fees}
          </View>
        )}
        {holidays.length > 0 && (
          <View className="muted" id="store-holidays">
            近期营业调整：{holidays.join('；')}
          </View>
        )}
        <View className="muted">
          电话 {store.phone} · 支持 {store.modes.map((m) => MODE_SHORT_LABELS[m]).join('/')}
        </View>
        {store.announcement && <View className="muted">公告：{store.announcement}</View>}
        {'photos' in store && store.photos.length > 0 && (
          <View className="store-photos" id="store-photos">
            {store.photos.map((photo, i) => (
              <CloudImage
                key={photo}
                src={photo}
                className="store-photo"
                onClick={isWeapp ? () => void Taro.previewImage({ urls: store.photos, current: store.photos[i] }).catch(() => undefined) : undefined}
              />
            ))}
          </View>
        )}
      </View>
      <StoreCoupons storeId={storeId} />
      {groupByCategory(products.filter((p) => p.onShelf)).map(([group, items]) => (
        <View key={group} className="section" id={`menu-group-${group}`}>
          <Text className="title">{group}</Text>
          {items.map((p) => {
            const qty = quantityOf(cart, p._id);
            return (
              <View key={p._id} className="row" id={`product-${p._id}`} style={{ padding: '12px 0' }}>
                <View className="product-main">
                  <CloudImage src={p.images?.[0] ?? p.image} className="product-thumb" />
                  <View>
                    <View>
                      {p.name}
                      {p.kind === 'service' && p.durationMin ? <Tag style={{ marginLeft: '8px' }}>{p.durationMin}分钟</Tag> : null}
                    </View>
                    <View className="muted">{p.description}</View>
                    <Text className="price" id={`price-${p._id}`}>
                      {p.skus?.length ? `${formatFen(p.priceFen)} 起` : formatFen(p.priceFen)}
                    </Text>
                    {p.stock <= 0 && <Text className="muted"> 已售罄</Text>}
                  </View>
                </View>
                {hasOptions(p) ? (
                  <View className="row">
                    {qty > 0 && (
                      <Text id={`qty-${p._id}`} style={{ margin: '0 12px' }}>
                        {qty}
                      </Text>
                    )}
                    <Button size="small" type="primary" id={`choose-${p._id}`} disabled={!!blocked || p.stock <= 0} onClick={() => setPicking(p)}>
                      选规格
                    </Button>
                  </View>
                ) : (
                  <View className="row">
                    {qty > 0 && (
                      <Button size="small" id={`minus-${p._id}`} onClick={() => dispatch({ type: 'remove', productId: p._id })}>
                        -
                      </Button>
                    )}
                    {qty > 0 && (
                      <Text id={`qty-${p._id}`} style={{ margin: '0 12px' }}>
                        {qty}
                      </Text>
                    )}
                    <Button size="small" type="primary" id={`add-${p._id}`} disabled={!!blocked || qty >= maxQuantity(p.stock)} onClick={() => dispatch({ type: 'add', product: p })}>
                      +
                    </Button>
                  </View>
                )}
              </View>
            );
          })}
        </View>
      ))}
      <StoreReviews storeId={storeId} />
      <CartSheet open={cartOpen} cart={cart} products={products} blocked={!!blocked} dispatch={dispatch} onClose={() => setCartOpen(false)} />
      <SkuPicker
        product={picking}
        left={(p, skuId) => leftOf(cart, p, skuId)}
        onAdd={(p, choice) => {
          dispatch({ type: 'add', product: p, choice });
          setPicking(null);
        }}
        onClose={() => setPicking(null)}
      />
      <View className="bottom-bar" id="cart-bar">
        <Text id="cart-open" onClick={() => setCartOpen(count > 0)}>
          已选 <Text id="cart-count">{count}</Text> 件 · 合计{' '}
          <Text className="price" id="cart-total">
            {formatFen(cartTotalFen(cart))}
          </Text>
        </Text>
        <Button type="primary" id="go-checkout" disabled={!!blocked || count === 0} onClick={() => Taro.navigateTo({ url: `/pages/checkout/index?storeId=${storeId}` })}>
          {blocked ? '休息中' : '去结算'}
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
