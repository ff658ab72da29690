import Taro from '@tarojs/taro';
import { emptyCart, type Cart } from './cart';

const key = (storeId: string) => `cart:${storeId}`;

/** The cart survives navigation (store → checkout) and an H5 reload. */
export function loadCart(storeId: string): Cart {
  const saved = Taro.getStorageSync(key(storeId)) as Cart | '';
  return saved && saved.storeId === storeId ? saved : emptyCart(storeId);
}

export function saveCart(cart: Cart): void {
  Taro.setStorageSync(key(cart.storeId), cart);
}
