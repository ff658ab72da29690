import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { api, cloud } from '../../services/cloud';
import type { Order, OrderEventRecord } from '../../services/types';
import { formatFen } from '@daojia/domain';
import { formatShanghai } from '../../lib/time';
import { MODE_LABELS, statusLabel } from '../../lib/labels';
import { PageToast, showError } from '../../components/feedback';

export default function OrderDetail() {
  const orderId = useRouter().params.id ?? '';
  const [order, setOrder] = useState<Order | null>(null);
  const [events, setEvents] = useState<OrderEventRecord[]>([]);

  useEffect(() => {
    const refresh = () => api.orderDetail(orderId).then((r) => { setOrder(r.order); setEvents(r.events); }).catch(showError);
    refresh();
    // Live status: each change of the order document also brings a new timeline event, so re-read the detail
    // (the function's reply, not the raw document, which carries dates in their wire encoding).
    return cloud.watchDoc<Order>('orders', orderId, () => refresh());
  }, [orderId]);

  if (!order) return <View className='page' id='page-order'><PageToast /></View>;

  return (
    <View className='page' id='page-order'>
      <View className='section'>
        <Text className='title' id='order-status'>{statusLabel(order.status)}</Text>
        <View className='muted'>{order.storeName} · {MODE_LABELS[order.mode]} · 下单 {formatShanghai(order.createdAt)}</View>
        {order.pickupCode && <View>取件码 <Text className='title' id='pickup-code'>{order.pickupCode}</Text></View>}
      </View>
      <View className='section' id='order-items'>
        {order.items.map((l) => <Cell key={l.productId} title={`${l.name} × ${l.quantity}`} extra={formatFen(l.subtotalFen)} />)}
        <Cell title='实付' extra={<Text className='price' id='order-total'>{formatFen(order.totalFen)}</Text>} />
      </View>
      <View className='section' id='order-timeline'>
        <Text className='title'>订单进度</Text>
        {events.map((e, i) => (
          <View key={`${e.at}-${i}`} id={`timeline-${i}`}>
            <Cell title={statusLabel(e.to)} description={e.reason} extra={formatShanghai(e.at, 'MM-DD HH:mm')} />
          </View>
        ))}
      </View>
      {order.status === 'pending_payment' && (
        <View className='bottom-bar'>
          <Button id='order-cancel' onClick={() => api.cancelOrder(orderId).then((r) => setOrder(r.order)).catch(showError)}>取消订单</Button>
          <Button type='primary' id='order-pay' onClick={() => Taro.navigateTo({ url: `/pages/pay/index?orderId=${orderId}` })}>去支付</Button>
        </View>
      )}
      <PageToast />
    </View>
  );
}
