import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button, Cell, Input, TextArea } from '@nutui/nutui-react-taro';
import { CloudCallError, errorMessage } from '@daojia/cloud-client';
import { MODE_SHORT_LABELS, formatFen, formatShanghai, lineTitle, nextEvents, planRefund, statusLabel, type Order, type OrderEventRecord } from '@daojia/domain';
import { PageError, PageToast, showError, showInfo } from '@daojia/app-kit';
import { api, cloud } from '../../services/cloud';
import { ReviewForm } from '../../components/review-form';

export default function OrderDetail() {
  const orderId = useRouter().params.id ?? '';
  const [order, setOrder] = useState<Order | null>(null);
  const [events, setEvents] = useState<OrderEventRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    // Shown only while there is no order on screen; a failed live refresh keeps the last good state.
    const refresh = () =>
      api.order.detail({ orderId }).then(
        (r) => {
          setOrder(r.order);
          setEvents(r.events);
          setError(null);
        },
        (e: unknown) => setError(errorMessage(e)),
      );
    refresh();
    // Live status: each change of the order document also brings a new timeline event, so re-read the detail
    // (the function's reply, not the raw document, which carries dates in their wire encoding).
    return cloud.watchDoc<Order>('orders', orderId, () => refresh());
  }, [orderId, attempt]);

  const [refunding, setRefunding] = useState(false);
  const [refundReason, setRefundReason] = useState('');
  const [refundQty, setRefundQty] = useState<string[]>([]);

  if (!order) {
    return (
      <View className="page" id="page-order">
        {error && (
          <PageError id="order-error" message={error}>
            <Button id="order-error-retry" onClick={() => setAttempt((n) => n + 1)}>
              重试
            </Button>
            <Button type="primary" id="order-error-orders" onClick={() => Taro.redirectTo({ url: '/pages/orders/index' })}>
              我的订单
            </Button>
          </PageError>
        )}
        <PageToast />
      </View>
    );
  }

  const moves = nextEvents(order, 'consumer').map((e) => e.event);
  // Before the store accepts, cancelling refunds at once; afterwards the store decides on a refund request.
  const canCancelPaid = order.status === 'paid';
  const canRefund = moves.includes('requestRefund') && !canCancelPaid;
  /** Runs a call that returns the moved order; resolves whether it went through. */
  const act = (p: Promise<{ order: Order }>, done: string) =>
    p.then(
      (r) => {
        setOrder(r.order);
        showInfo(done);
        return true;
      },
      (e: unknown) => {
        showError(e);
        return false;
      },
    );

  // Units to refund per line (the panel starts at every unit). Every unit of every line is the whole order, sent
  // without items, so packaging and delivery go back too. The amount shown is the cloud's own rule (planRefund).
  const picked = order.items.map((l, line) => ({ line, quantity: Number(refundQty[line] ?? l.quantity) }));
  const pickedOk = picked.every((p) => Number.isInteger(p.quantity) && p.quantity >= 0 && p.quantity <= order.items[p.line].quantity) && picked.some((p) => p.quantity > 0);
  const refundItems = picked.every((p) => p.quantity === order.items[p.line].quantity) ? undefined : picked.filter((p) => p.quantity > 0);
  const refundFen = (() => {
    if (!pickedOk) return null;
    try {
      return planRefund(order, refundItems).amountFen;
    } catch {
      return null;
    }
  })();

  function submitRefund() {
    if (refundFen === null) return showError(new CloudCallError('INVALID_INPUT', '请填写每件商品要退的数量（0 到购买数量）'));
    // A refused request keeps the panel open to correct it.
    act(api.order.requestRefund({ orderId, reason: refundReason.trim(), items: refundItems }), '已提交退款申请').then((ok) => ok && setRefunding(false));
  }

  return (
    <View className="page" id="page-order">
      <View className="section">
        <Text className="title" id="order-status">
          {statusLabel(order.status)}
        </Text>
        <View className="muted">
          {order.storeName} · {MODE_SHORT_LABELS[order.mode]} · 下单 {formatShanghai(order.createdAt)}
        </View>
        {order.pickupCode && (
          <View>
            取件码{' '}
            <Text className="title" id="pickup-code">
              {order.pickupCode}
            </Text>
          </View>
        )}
      </View>
      <View className="section" id="order-items">
        {order.items.map((l, i) => (
          <Cell key={`${l.productId}-${i}`} title={`${lineTitle(l)} × ${l.quantity}`} extra={formatFen(l.subtotalFen)} />
        ))}
        <Cell
          title="实付"
          extra={
            <Text className="price" id="order-total">
              {formatFen(order.totalFen)}
            </Text>
          }
        />
      </View>
      <View className="section" id="order-timeline">
        <Text className="title">订单进度</Text>
        {events.map((e, i) => (
          <View key={`${e.at}-${i}`} id={`timeline-${i}`}>
            <Cell title={statusLabel(e.to)} description={e.reason} extra={formatShanghai(e.at, 'MM-DD HH:mm')} />
          </View>
        ))}
      </View>
      {order.refundReason && (
        <View className="section" id="order-refund">
          <Cell title={order.refundedFen !== undefined ? '已退款' : '申请退款'} extra={formatFen(order.refundedFen ?? order.refundRequestedFen ?? order.totalFen)} description={order.refundReason} />
        </View>
      )}
      <ReviewForm order={order} />
      {refunding && (
        <View className="section" id="refund-panel">
          <TextArea id="refund-reason" placeholder="请填写退款原因（商家可见）" value={refundReason} onChange={setRefundReason} maxLength={100} />
          {order.items.map((l, i) => (
            <Cell
              key={`${l.productId}-${i}`}
              title={lineTitle(l)}
              description={`共 ${l.quantity} 件，退几件`}
              extra={
                <Input
                  id={`refund-qty-${i}`}
                  type="number"
                  value={refundQty[i] ?? String(l.quantity)}
                  onChange={(v) => setRefundQty(order.items.map((x, j) => (j === i ? v : (refundQty[j] ?? String(x.quantity)))))}
                />
              }
            />
          ))}
          <Cell
            title="退款金额"
            extra={
              <Text className="price" id="refund-amount">
                {refundFen === null ? '—' : formatFen(refundFen)}
              </Text>
            }
            description={refundItems ? '按所选商品实付计算，包装费和配送费不退' : '整单退款，含包装费和配送费'}
          />
          <Button block type="primary" id="refund-submit" disabled={!refundReason.trim()} onClick={submitRefund}>
            提交退款申请
          </Button>
        </View>
      )}
      {(canCancelPaid || canRefund || moves.includes('complete')) && (
        <View className="bottom-bar">
          {canCancelPaid && (
            <Button id="order-cancel-paid" onClick={() => act(api.order.cancel({ orderId }), '已取消，款项将原路退回')}>
              取消订单
            </Button>
          )}
          {canRefund && !refunding && (
            <Button
              id="order-refund-open"
              onClick={() => {
                setRefunding(true);
                setRefundReason('');
                setRefundQty(order.items.map((l) => String(l.quantity)));
              }}
            >
              申请退款
            </Button>
          )}
          {moves.includes('complete') && (
            <Button type="primary" id="order-confirm" onClick={() => act(api.order.confirmReceipt({ orderId }), '已确认')}>
              {order.mode === 'booking' ? '确认完成' : '确认收货'}
            </Button>
          )}
        </View>
      )}
      {order.status === 'pending_payment' && (
        <View className="bottom-bar">
          <Button
            id="order-cancel"
            onClick={() =>
              api.order
                .cancel({ orderId })
                .then((r) => setOrder(r.order))
                .catch(showError)
            }
          >
            取消订单
          </Button>
          <Button type="primary" id="order-pay" onClick={() => Taro.navigateTo({ url: `/pages/pay/index?orderId=${orderId}` })}>
            去支付
          </Button>
        </View>
      )}
      <PageToast />
    </View>
  );
}
