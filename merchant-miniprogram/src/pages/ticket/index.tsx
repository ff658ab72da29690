import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { errorMessage } from '@daojia/cloud-client';
import { MODE_LABELS, formatFen, formatShanghai, lineTitle, statusLabel, type StaffOrder } from '@daojia/domain';
import { PageError, PageToast } from '@daojia/app-kit';
import { api, ensureSignedIn } from '../../services/cloud';
import { isOver, maskPhone, slotText } from '../../lib/order-card';
import './index.scss';

const isH5 = process.env.TARO_ENV === 'h5';

function Line({ left, right, id, className }: { left: string; right: string; id?: string; className?: string }) {
  return (
    <View className={`ticket-line ${className ?? ''}`} id={id}>
      <Text>{left}</Text>
      <Text>{right}</Text>
    </View>
  );
}

/**
 * A print-friendly ticket of one order (`?orderId=`): store, order number, time, lines, remark, totals, address and
 * phone. In a browser 打印 prints only the ticket (@media print in index.scss); WeChat shows the same layout.
 */
export default function Ticket() {
  const orderId = useRouter().params.orderId ?? '';
  const [order, setOrder] = useState<StaffOrder | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    ensureSignedIn()
      .then((ok) => (ok ? api.merchantOrder.detail({ orderId }) : null))
      .then((r) => live && r && setOrder(r.order))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [orderId]);

  if (!order) {
    return (
      <View className="page" id="page-ticket">
        {error ? (
          <PageError id="ticket-error" message={error}>
            <Button id="ticket-back" onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/orders/index' }))}>
              返回订单
            </Button>
          </PageError>
        ) : (
          <View className="muted section">加载中…</View>
        )}
        <PageToast />
      </View>
    );
  }

  const b = order.breakdown;
  return (
    <View className="page" id="page-ticket">
      <View className="ticket" id="ticket">
        <View className="ticket-store" id="ticket-store">
          {order.storeName}
        </View>
        <View className="ticket-heading">
          {MODE_LABELS[order.mode]} · {statusLabel(order.status)}
        </View>
        <View className="ticket-rule" />
        <Line left="订单号" right={order.orderNo} id="ticket-order-no" />
        <Line left="下单时间" right={formatShanghai(order.createdAt)} />
        {order.paidAt && <Line left="支付时间" right={formatShanghai(order.paidAt)} />}
        {order.slot && <Line left="预约时段" right={slotText(order.slot)} id="ticket-slot" />}
        <View className="ticket-rule" />
        {order.items.map((l, i) => (
          <Line key={i} left={`${lineTitle(l)} × ${l.quantity}`} right={formatFen(l.subtotalFen)} id={`ticket-line-${i}`} />
        ))}
        <View className="ticket-rule" />
        <Line left="商品合计" right={formatFen(b.itemsFen)} />
        {b.packagingFen > 0 && <Line left="包装费" right={formatFen(b.packagingFen)} />}
        {b.deliveryFen > 0 && <Line left="配送费" right={formatFen(b.deliveryFen)} />}
        {b.discounts.map((d, i) => (
          <Line key={i} left={d.label} right={`-${formatFen(d.amountFen)}`} />
        ))}
        <Line left="实付" right={formatFen(order.totalFen)} className="ticket-total" id="ticket-total" />
        {order.refundedFen !== undefined && order.refundedFen > 0 && <Line left="已退款" right={formatFen(order.refundedFen)} id="ticket-refunded" />}
        {order.remark && (
          <>
            <View className="ticket-rule" />
            <View id="ticket-remark">备注：{order.remark}</View>
          </>
        )}
        {order.address && (
          <>
            <View className="ticket-rule" />
            <View id="ticket-address">
              <View>
                {order.address.contact} {isOver(order.status) ? maskPhone(order.address.phone) : order.address.phone}
              </View>
              <View>{order.address.text}</View>
            </View>
          </>
        )}
        <View className="ticket-rule" />
        <View className="ticket-heading">谢谢惠顾</View>
      </View>
      <View className="ticket-actions no-print">
        {isH5 && (
          <Button type="primary" id="ticket-print" onClick={() => window.print()}>
            打印
          </Button>
        )}
        <Button id="ticket-back" onClick={() => Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/orders/index' }))}>
          返回
        </Button>
      </View>
      <PageToast />
    </View>
  );
}
