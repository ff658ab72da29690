import { useEffect, useReducer, useRef, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import { MODE_SHORT_LABELS, formatFen, type Product, type StoreDetail } from '@daojia/domain';
import { PageError, PageToast, showInfo } from '@daojia/app-kit';
import { api } from '../../services/cloud';
import { availability, cartCount, cartReducer, cartTotalFen, maxQuantity, quantityOf, unavailableLines } from '../../lib/cart';
import { loadCart, saveCart } from '../../lib/cart-storage';

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
        if (gone.length) showInfo(`${gone.map((l) => `「${l.name}」`).join('')}已下架或库存不足，购物车已更新`);
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

  return (
    <View className="page" id="page-store">
      <View className="section">
        <Text className="title" id="store-name">
          {store.name}
        </Text>
        <View className="muted">
          {store.rating.toFixed(1)}分 · {store.isOpen ? '营业中' : '休息中'} · {store.address}
        </View>
        <View className="muted">
          电话 {store.phone} · 支持 {store.modes.map((m) => MODE_SHORT_LABELS[m]).join('/')}
        </View>
        {store.announcement && <View className="muted">公告：{store.announcement}</View>}
      </View>
      {groupByCategory(products.filter((p) => p.onShelf)).map(([group, items]) => (
        <View key={group} className="section" id={`menu-group-${group}`}>
          <Text className="title">{group}</Text>
          {items.map((p) => {
            const qty = quantityOf(cart, p._id);
            return (
              <View key={p._id} className="row" id={`product-${p._id}`} style={{ padding: '12px 0' }}>
                <View>
                  <View>
                    {p.name}
                    {p.kind === 'service' && p.durationMin ? <Tag style={{ marginLeft: '8px' }}>{p.durationMin}分钟</Tag> : null}
                  </View>
                  <View className="muted">{p.description}</View>
                  <Text className="price">{formatFen(p.priceFen)}</Text>
                  {p.stock <= 0 && <Text className="muted"> 已售罄</Text>}
                </View>
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
                  <Button size="small" type="primary" id={`add-${p._id}`} disabled={qty >= maxQuantity(p.stock)} onClick={() => dispatch({ type: 'add', product: p })}>
                    +
                  </Button>
                </View>
              </View>
            );
          })}
        </View>
      ))}
      <View className="bottom-bar" id="cart-bar">
        <Text>
          已选 <Text id="cart-count">{count}</Text> 件 · 合计{' '}
          <Text className="price" id="cart-total">
            {formatFen(cartTotalFen(cart))}
          </Text>
        </Text>
        <Button type="primary" id="go-checkout" disabled={count === 0} onClick={() => Taro.navigateTo({ url: `/pages/checkout/index?storeId=${storeId}` })}>
          去结算
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
