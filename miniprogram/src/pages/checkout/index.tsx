import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Tag, TextArea } from '@nutui/nutui-react-taro';
import { api } from '../../services/cloud';
import type { OrderMode, Breakdown } from '../../services/types';
import { cartItems, emptyCart } from '../../lib/cart';
import { loadCart, saveCart } from '../../lib/cart-storage';
import { newIdempotencyKey } from '../../lib/idempotency';
import { formatFen } from '@daojia/domain';
import { MODE_LABELS } from '../../lib/labels';
import { nextHourSlots } from '../../lib/time';
import { PageToast, showError } from '../../components/feedback';

export default function Checkout() {
  const storeId = useRouter().params.storeId ?? '';
  const [cart] = useState(() => loadCart(storeId));
  // One key per checkout: a double tap or a retry after a lost reply returns the same order.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [modes, setModes] = useState<OrderMode[]>([]);
  const [mode, setMode] = useState<OrderMode | null>(null);
  const [breakdown, setBreakdown] = useState<Breakdown | null>(null);
  const [remark, setRemark] = useState('');
  const [slots] = useState(() => nextHourSlots(new Date()));
  const [slotStart, setSlotStart] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    api.storeDetail(storeId).then(({ store }) => {
      setModes(store.modes);
      setMode(store.modes[0] ?? null);
    }).catch(showError);
  }, [storeId]);

  useEffect(() => {
    if (!mode || cart.lines.length === 0) return;
    setBreakdown(null);
    api.quote({ storeId, mode, items: cartItems(cart) }).then((r) => setBreakdown(r.breakdown)).catch(showError);
  }, [storeId, mode, cart]);

  async function submit() {
    if (!mode) return;
    setSubmitting(true);
    try {
      const slot = mode === 'booking' && slotStart ? { start: slotStart } : undefined;
      const { order } = await api.createOrder({ idempotencyKey, storeId, mode, items: cartItems(cart), slot, remark: remark || undefined });
      saveCart(emptyCart(storeId));
      await Taro.redirectTo({ url: `/pages/pay/index?orderId=${order._id}` });
    } catch (err) {
      showError(err);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <View className='page' id='page-checkout'>
      <View className='chips' id='mode-picker'>
        {modes.map((m) => (
          <View key={m} id={`mode-${m}`} onClick={() => setMode(m)}>
            <Tag type={mode === m ? 'primary' : 'default'}>{MODE_LABELS[m]}</Tag>
          </View>
        ))}
      </View>
      {mode === 'booking' && (
        <View className='chips' id='slot-picker'>
          {slots.map((sl, i) => (
            <View key={sl.start} id={`slot-${i}`} onClick={() => setSlotStart(sl.start)}>
              <Tag type={slotStart === sl.start ? 'primary' : 'default'}>{sl.label}</Tag>
            </View>
          ))}
        </View>
      )}
      <View className='section' id='quote'>
        {cart.lines.length === 0 && <Text className='muted' id='cart-empty'>购物车是空的，请先选择商品</Text>}
        {cart.lines.length > 0 && !breakdown && <Text className='muted'>正在计算价格…</Text>}
        {breakdown && (
          <View>
            {breakdown.lines.map((l) => (
              <View key={l.productId} id={`quote-line-${l.productId}`}>
                <Cell title={`${l.name} × ${l.quantity}`} extra={formatFen(l.subtotalFen)} />
              </View>
            ))}
            <Cell title='商品小计' extra={formatFen(breakdown.itemsFen)} />
            {breakdown.packagingFen > 0 && <View id='quote-packaging'><Cell title='打包费' extra={formatFen(breakdown.packagingFen)} /></View>}
            {breakdown.deliveryFen > 0 && <View id='quote-delivery'><Cell title='配送费' extra={formatFen(breakdown.deliveryFen)} /></View>}
            {breakdown.discounts.map((d, i) => (
              <View key={`${d.kind}-${i}`} id={`quote-discount-${i}`}>
                <Cell title={d.label} extra={`-${formatFen(d.amountFen)}`} />
              </View>
            ))}
          </View>
        )}
      </View>
      <View className='section'>
        <TextArea id='remark' placeholder='备注（选填）' value={remark} onChange={setRemark} maxLength={100} />
      </View>
      <View className='bottom-bar'>
        <Text>实付 <Text className='price' id='quote-total'>{breakdown ? formatFen(breakdown.totalFen) : '--'}</Text></Text>
        <Button type='primary' id='checkout-submit' loading={submitting} disabled={!breakdown || submitting || (mode === 'booking' && !slotStart)} onClick={submit}>提交订单</Button>
      </View>
      <PageToast />
    </View>
  );
}
