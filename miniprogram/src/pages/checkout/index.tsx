import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Tag, TextArea } from '@nutui/nutui-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import { MODE_SHORT_LABELS, bookingSlotStarts, formatFen, lineTitle, type Breakdown, type OrderMode } from '@daojia/domain';
import { PageError, PageToast } from '@daojia/app-kit';
import { api } from '../../services/cloud';
import { availability, cartItems, cartReducer, emptyCart, unavailableLines, type Availability, type Cart } from '../../lib/cart';
import { loadCart, saveCart } from '../../lib/cart-storage';
import { newIdempotencyKey } from '../../lib/idempotency';
import { backOr } from '../../lib/navigation';

export default function Checkout() {
  const storeId = useRouter().params.storeId ?? '';
  const [cart, setCart] = useState(() => loadCart(storeId));
  // What the store sells now, so a refused quote can point at the lines to take out.
  const [available, setAvailable] = useState<Availability | null>(null);
  // A refused quote or order stays on screen until the user changes something; nothing is payable meanwhile.
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // One key per checkout: a double tap or a retry after a lost reply returns the same order.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [modes, setModes] = useState<OrderMode[]>([]);
  const [mode, setMode] = useState<OrderMode | null>(null);
  const [breakdown, setBreakdown] = useState<Breakdown | null>(null);
  const [remark, setRemark] = useState('');
  // The store's own slots (its slot length, that day's hours and holidays), from 30 minutes on.
  const [slots, setSlots] = useState<{ start: string; label: string }[]>([]);
  const [slotStart, setSlotStart] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const refreshAvailability = () => api.store.detail({ storeId }).then(({ products }) => setAvailable(availability(products)));

  useEffect(() => {
    let current = true;
    api.store.detail({ storeId }).then(
      ({ store, products }) => {
        if (!current) return;
        setModes(store.modes);
        setMode((m) => m ?? store.modes[0] ?? null);
        if (store.modes.includes('booking')) setSlots(bookingSlotStarts(store.hours, store.bookingSlotMin, store.hourExceptions, { limit: 12 }));
        setAvailable(availability(products));
      },
      (err: unknown) => {
        if (current) setError(errorMessage(err));
      },
    );
    return () => {
      current = false;
    };
  }, [storeId, attempt]);

  useEffect(() => {
    if (!mode || cart.lines.length === 0) return;
    let current = true;
    setBreakdown(null);
    setError(null);
    api.order.quote({ storeId, mode, items: cartItems(cart) }).then(
      (r) => {
        if (current) setBreakdown(r.breakdown);
      },
      (err: unknown) => {
        if (!current) return;
        setError(errorMessage(err));
        // The menu may have changed since this page opened; if this refresh fails too, the message above still stands.
        refreshAvailability().catch(() => undefined);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- refreshAvailability reads storeId only, a dependency already
  }, [storeId, mode, cart, attempt]);

  function changeCart(next: Cart) {
    saveCart(next);
    setCart(next);
    setError(null);
  }

  async function submit() {
    if (!mode) return;
    setSubmitting(true);
    try {
      const slot = mode === 'booking' && slotStart ? { start: slotStart } : undefined;
      const { order } = await api.order.create({ idempotencyKey, storeId, mode, items: cartItems(cart), slot, remark: remark || undefined });
      saveCart(emptyCart(storeId));
      await Taro.redirectTo({ url: `/pages/pay/index?orderId=${order._id}` });
    } catch (err) {
      setBreakdown(null);
      setError(errorMessage(err));
      refreshAvailability().catch(() => undefined);
    } finally {
      setSubmitting(false);
    }
  }

  const unavailable = available ? unavailableLines(cart, available) : [];

  return (
    <View className="page" id="page-checkout">
      <View className="chips" id="mode-picker">
        {modes.map((m) => (
          <View key={m} id={`mode-${m}`} onClick={() => setMode(m)}>
            <Tag type={mode === m ? 'primary' : 'default'}>{MODE_SHORT_LABELS[m]}</Tag>
          </View>
        ))}
      </View>
      {mode === 'booking' && (
        <View className="chips" id="slot-picker">
          {slots.map((sl, i) => (
            <View key={sl.start} id={`slot-${i}`} onClick={() => setSlotStart(sl.start)}>
              <Tag type={slotStart === sl.start ? 'primary' : 'default'}>{sl.label}</Tag>
            </View>
          ))}
        </View>
      )}
      <View className="section" id="quote">
        {error && (
          <PageError id="checkout-error" message={error}>
            {unavailable.length > 0 && (
              <Button type="primary" id="checkout-remove-unavailable" onClick={() => changeCart(cartReducer(cart, { type: 'prune', available: available! }))}>
                移除{unavailable.map((l) => `「${lineTitle(l)}」`).join('')}
              </Button>
            )}
            <Button
              id="checkout-retry"
              onClick={() => {
                setError(null);
                setAttempt((n) => n + 1);
              }}
            >
              重试
            </Button>
            <Button id="checkout-back" onClick={() => backOr(`/pages/store/index?id=${storeId}`)}>
              返回店铺
            </Button>
          </PageError>
        )}
        {cart.lines.length === 0 && (
          <Text className="muted" id="cart-empty">
            购物车是空的，请先选择商品
          </Text>
        )}
        {cart.lines.length > 0 && !breakdown && !error && <Text className="muted">正在计算价格…</Text>}
        {breakdown && (
          <View>
            {breakdown.lines.map((l, i) => (
              <View key={i} id={breakdown.lines.findIndex((x) => x.productId === l.productId) === i ? `quote-line-${l.productId}` : `quote-line-${l.productId}-${i}`}>
                <Cell title={`${lineTitle(l)} × ${l.quantity}`} extra={formatFen(l.subtotalFen)} />
              </View>
            ))}
            <Cell title="商品小计" extra={formatFen(breakdown.itemsFen)} />
            {breakdown.packagingFen > 0 && (
              <View id="quote-packaging">
                <Cell title="打包费" extra={formatFen(breakdown.packagingFen)} />
              </View>
            )}
            {breakdown.deliveryFen > 0 && (
              <View id="quote-delivery">
                <Cell title="配送费" extra={formatFen(breakdown.deliveryFen)} />
              </View>
            )}
            {breakdown.discounts.map((d, i) => (
              <View key={`${d.kind}-${i}`} id={`quote-discount-${i}`}>
                <Cell title={d.label} extra={`-${formatFen(d.amountFen)}`} />
              </View>
            ))}
          </View>
        )}
      </View>
      <View className="section">
        <TextArea id="remark" placeholder="备注（选填）" value={remark} onChange={setRemark} maxLength={100} />
      </View>
      <View className="bottom-bar">
        <Text>
          实付{' '}
          <Text className="price" id="quote-total">
            {breakdown ? formatFen(breakdown.totalFen) : '--'}
          </Text>
        </Text>
        <Button type="primary" id="checkout-submit" loading={submitting} disabled={!breakdown || submitting || (mode === 'booking' && !slotStart)} onClick={submit}>
          提交订单
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
