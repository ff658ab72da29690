import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { Order as OrderIcon } from '@nutui/icons-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import { formatFen, formatShanghai, statusLabel, type Order } from '@daojia/domain';
import { EmptyState, PageError, PageToast } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';

export default function MyOrders() {
  const [orders, setOrders] = useState<Order[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    setError(null);
    ensureSignedIn()
      .then(async (ok) => {
        if (ok) setOrders((await api.order.list()).orders);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  useDidShow(load);

  return (
    <View className="page" id="page-orders">
      {error && (
        <PageError id="orders-error" message={error}>
          <Button id="orders-error-retry" onClick={load}>
            重试
          </Button>
        </PageError>
      )}
      {orders?.length === 0 && <EmptyState icon={<OrderIcon size={56} color="#c8c9cc" />} description="还没有订单" />}
      {orders?.map((o) => (
        <View key={o._id} id={`order-card-${o._id}`} className="section" onClick={() => Taro.navigateTo({ url: `/pages/order/index?id=${o._id}` })}>
          <View className="row">
            <Text className="title">{o.storeName}</Text>
            <Text id={`order-card-status-${o._id}`}>{statusLabel(o.status)}</Text>
          </View>
          <View className="row">
            <Text className="muted">{formatShanghai(o.createdAt)}</Text>
            <Text className="price">{formatFen(o.totalFen)}</Text>
          </View>
        </View>
      ))}
      <PageToast />
    </View>
  );
}
