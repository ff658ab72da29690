import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import { formatFen, type Order } from '@daojia/domain';
import { PageError, PageToast, useBusy } from '@daojia/app-kit';
import { api, cloud } from '../../services/cloud';

export default function Pay() {
  const orderId = useRouter().params.orderId ?? '';
  const [order, setOrder] = useState<Order | null>(null);
  const [paying, run] = useBusy();
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    setError(null);
    api.order.detail({ orderId }).then(
      (r) => setOrder(r.order),
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [orderId, attempt]);

  if (!order && error) {
    return (
      <View className="page" id="page-pay">
        <PageError id="pay-error" message={error}>
          <Button id="pay-error-retry" onClick={() => setAttempt((n) => n + 1)}>
            重试
          </Button>
          <Button type="primary" id="pay-error-orders" onClick={() => Taro.redirectTo({ url: '/pages/orders/index' })}>
            我的订单
          </Button>
        </PageError>
        <PageToast />
      </View>
    );
  }

  const pay = () =>
    run(async () => {
      const { payment } = await api.pay.prepay({ orderId });
      await cloud.requestPayment(payment);
      // The order turns paid when the payment notification arrives; the detail page watches for it.
      await Taro.redirectTo({ url: `/pages/order/index?id=${orderId}` });
    });

  return (
    <View className="page" id="page-pay">
      <View className="section">
        <View className="muted">{order?.storeName}</View>
        <Text className="title">
          应付{' '}
          <Text className="price" id="pay-amount">
            {order ? formatFen(order.totalFen) : '--'}
          </Text>
        </Text>
      </View>
      <View className="section">
        <Button block type="primary" id="pay-button" loading={paying} disabled={!order || paying} onClick={pay}>
          微信支付
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
