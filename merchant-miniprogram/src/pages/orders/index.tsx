import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Empty, Tabs, TextArea } from '@nutui/nutui-react-taro';
import { api, ensureSignedIn, subscribeOrders } from '../../services/cloud';
import type { MerchantTab, Order } from '../../services/types';
import { merchantButtons, type MerchantCall } from '../../lib/order-actions';
import { MODE_LABELS, statusLabel } from '../../lib/labels';
import { formatFen } from '@daojia/domain';
import { formatShanghai } from '../../lib/time';
import { PageToast, showError, showInfo } from '../../components/feedback';

const TABS: { value: MerchantTab; label: string }[] = [
  { value: 'new', label: '新订单' },
  { value: 'active', label: '进行中' },
  { value: 'done', label: '已完成' },
];

export default function MerchantOrders() {
  const [visible, setVisible] = useState(false);
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [tab, setTab] = useState<MerchantTab>('new');
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  const reload = useCallback(() => {
    api.listOrders(tab).then((r) => setOrders(r.orders)).catch(showError);
  }, [tab]);

  useDidShow(() => {
    ensureSignedIn().then((ok) => setVisible(ok)).catch(showError);
  });
  useDidHide(() => setVisible(false));

  useEffect(() => {
    if (!visible) return undefined;
    reload();
    return subscribeOrders(reload);
  }, [visible, reload]);

  async function act(order: Order, action: MerchantCall, label: string) {
    if (action === 'reject') {
      setRejecting(order._id);
      setReason('');
      return;
    }
    try {
      await api[action](order._id);
      showInfo(`已${label}`);
      reload();
    } catch (err) {
      showError(err);
    }
  }

  async function confirmReject(orderId: string) {
    try {
      await api.reject(orderId, reason.trim());
      setRejecting(null);
      showInfo('已拒单');
      reload();
    } catch (err) {
      showError(err);
    }
  }

  const shown = orders ?? [];

  return (
    <View className='page' id='page-merchant-orders'>
      <View className='section row'>
        <Text className='title'>订单管理</Text>
        <Button size='small' id='go-verify' onClick={() => Taro.navigateTo({ url: '/pages/verify/index' })}>核销</Button>
      </View>
      <View id='order-tabs'>
        <Tabs value={tab} onChange={(v) => { setOrders(null); setTab(v as MerchantTab); }}>
          {TABS.map((t) => <Tabs.TabPane key={t.value} value={t.value} title={t.label} />)}
        </Tabs>
      </View>
      <View id={`order-list-${tab}`}>
        {orders && shown.length === 0 && <Empty description='暂无订单' />}
        {shown.map((o) => (
          <View key={o._id} className='section' id={`order-card-${o._id}`}>
            <View className='row'>
              <Text className='title'>{MODE_LABELS[o.mode as keyof typeof MODE_LABELS] ?? o.mode}</Text>
              <Text id={`order-status-${o._id}`}>{statusLabel(o.status)}</Text>
            </View>
            {o.items.map((l) => <View key={l.productId} className='muted'>{l.name} × {l.quantity}</View>)}
            {o.remark && <View className='muted'>备注：{o.remark}</View>}
            <View className='row'>
              <Text className='muted'>{formatShanghai(o.paidAt ?? o.createdAt)}</Text>
              <Text className='price'>{formatFen(o.totalFen)}</Text>
            </View>
            <View className='row' style={{ justifyContent: 'flex-end', gap: '12px' }}>
              {merchantButtons(o).map((b) => (
                <Button key={b.call} size='small' type={b.call === 'reject' ? 'default' : 'primary'} id={`${b.id}-${o._id}`}
                  onClick={() => act(o, b.call, b.label)}>{b.label}</Button>
              ))}
            </View>
            {rejecting === o._id && (
              <View id={`reject-panel-${o._id}`}>
                <TextArea id='reject-reason' placeholder='请填写拒单原因（顾客可见）' value={reason} onChange={setReason} maxLength={100} />
                <Button block type='danger' id='reject-confirm' disabled={!reason.trim()} onClick={() => confirmReject(o._id)}>确认拒单</Button>
              </View>
            )}
          </View>
        ))}
      </View>
      <PageToast />
    </View>
  );
}
