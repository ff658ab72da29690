import type { Dispatch } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Popup } from '@nutui/nutui-react-taro';
import { formatFen, lineTitle, type Product } from '@daojia/domain';
import { availability, leftOf, lineKey, type Cart, type CartAction } from '../lib/cart';

/** The cart's lines, each titled with its SKU and options (酸梅汤（中杯/少冰）), one step up or down at a time; opened from the cart bar. */
export function CartSheet({
  open,
  cart,
  products,
  blocked,
  dispatch,
  onClose,
}: {
  open: boolean;
  cart: Cart;
  products: Product[];
  blocked: boolean;
  dispatch: Dispatch<CartAction>;
  onClose: () => void;
}) {
  return (
    <Popup visible={open && cart.lines.length > 0} position="bottom" round closeable title="购物车" onClose={onClose}>
      <View id="cart-lines" style={{ padding: '8px 24px 32px' }}>
        {cart.lines.map((l, i) => {
          const p = products.find((x) => x._id === l.productId);
          return (
            <View key={lineKey(l)} className="row" id={`cart-line-${i}`} style={{ padding: '8px 0' }}>
              <Text id={`cart-line-title-${i}`}>{lineTitle(l)}</Text>
              <View className="row">
                <Text className="price">{formatFen(l.unitPriceFen * l.quantity)}</Text>
                <Button size="small" id={`cart-line-minus-${i}`} style={{ marginLeft: '12px' }} onClick={() => dispatch({ type: 'removeLine', key: lineKey(l) })}>
                  -
                </Button>
                <Text style={{ margin: '0 12px' }}>{l.quantity}</Text>
                <Button
                  size="small"
                  type="primary"
                  id={`cart-line-plus-${i}`}
                  disabled={blocked || !p || leftOf(cart, p, l.skuId) <= 0}
                  onClick={() => dispatch({ type: 'addLine', key: lineKey(l), available: availability(products) })}
                >
                  +
                </Button>
              </View>
            </View>
          );
        })}
        <View className="row" style={{ paddingTop: '16px' }}>
          <Button size="small" id="cart-clear" onClick={() => dispatch({ type: 'clear' })}>
            清空购物车
          </Button>
        </View>
      </View>
    </Popup>
  );
}
