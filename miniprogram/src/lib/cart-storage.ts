import Taro from '@tarojs/taro';
import { parseCart, type Cart } from './cart';

const key = (storeId: string) => `cart:${storeId}`;

/** The cart survives navigation (store → checkout) and an H5 reload. */
export function loadCart(storeId: string): Cart {
  return parseCart(Taro.getStorageSync(key(storeId)), storeId);
}

export function saveCart(cart: Cart): void {
  Taro.setStorageSync(key(cart.storeId), cart);
}
